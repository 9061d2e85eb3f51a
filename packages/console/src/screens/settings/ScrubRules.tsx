import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { Badge, Panel } from "../../ui/page";
import { ErrorBanner, Loaded } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";

type Rule = Get<"/v1/scrub-rules">["items"][number];
type Setting = Rule["setting"];

/** Every scrub rule with its default severity; an owner turns one off or changes its severity company-wide. */
export function ScrubRules({ canEdit }: SectionProps) {
  const rules = useApi(() => must(api.GET("/v1/scrub-rules")), []);
  const put = useAction(async (ruleId: string, setting: Setting) => {
    await must(api.PUT("/v1/scrub-rules/{ruleId}", { params: { path: { ruleId } }, body: { setting } }));
    rules.reload();
  });
  return (
    <Panel title="Scrub rules">
      <p className="muted small">Errors stop a claim in the review queue; warnings are shown but let it go.</p>
      <ErrorBanner error={put.error} />
      <Loaded state={rules}>
        {(d) => (
          <DataTable<Rule>
            caption="Scrub rules"
            rows={d.items}
            rowKey={(r) => r.ruleId}
            pageSize={100}
            columns={[
              {
                key: "id",
                header: "Rule",
                render: (r) => <span className="mono">{r.ruleId}</span>,
                sortValue: (r) => r.ruleId,
              },
              {
                key: "title",
                header: "What it checks",
                render: (r) => <span className="wrap-text">{r.title}</span>,
                sortValue: (r) => r.title,
              },
              {
                key: "default",
                header: "Default",
                render: (r) => <Badge tone={r.defaultSeverity === "error" ? "bad" : "warn"}>{r.defaultSeverity}</Badge>,
                sortValue: (r) => r.defaultSeverity,
              },
              {
                key: "setting",
                header: "This company",
                sortValue: (r) => r.setting,
                render: (r) =>
                  canEdit ? (
                    <select
                      aria-label={`Setting of ${r.ruleId}`}
                      value={r.setting}
                      disabled={put.busy}
                      onChange={(e) => void put.run(r.ruleId, e.target.value as Setting)}
                    >
                      <option value="default">Default ({r.defaultSeverity})</option>
                      <option value="error">Error</option>
                      <option value="warning">Warning</option>
                      <option value="off">Off</option>
                    </select>
                  ) : (
                    r.setting
                  ),
              },
            ]}
          />
        )}
      </Loaded>
    </Panel>
  );
}
