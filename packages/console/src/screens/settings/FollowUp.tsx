import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import { useUser } from "../../session";
import { FormError, SelectField } from "../../ui/fields";
import { Panel } from "../../ui/page";
import { Loaded, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import { useAssignees } from "../tasks/parts";

/**
 * Who each practice's automatic tasks go to (rejections, denials, claims gone quiet): an owner or a
 * biller, or nobody (they wait unassigned). Owners and billers set it; it applies to tasks made from now.
 */
export function FollowUp() {
  const user = useUser();
  const canEdit = user.role === "owner" || user.role === "biller";
  const data = useApi(async () => {
    const [settings, practices] = await Promise.all([
      must(api.GET("/v1/follow-up-settings")),
      must(api.GET("/v1/practices", { params: { query: { limit: 100 } } })),
    ]);
    return { settings, practices: practices.items };
  }, []);
  const assignees = useAssignees(true);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data.data) setChosen(data.data.settings.defaultAssignees);
  }, [data.data]);
  const save = useAction(async () => {
    const defaultAssignees = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v));
    await must(
      api.PUT("/v1/follow-up-settings", {
        body: { defaultAssignees },
        headers: { "if-match": `"${data.data!.settings.version}"` },
      }),
    );
    setSaved(true);
    data.reload();
  });
  return (
    <Panel title="Follow-up: default assignees">
      <p className="muted small">
        Rejections, open denials and claims gone quiet at the payer make their own tasks. A practice's tasks go to the
        person named here; without one they wait, unassigned, on the follow-up queue.
      </p>
      {saved ? <Notice tone="success">Saved. New automatic tasks go to these people.</Notice> : null}
      <Loaded state={data}>
        {(d) => (
          <form
            className="form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void save.run();
            }}
          >
            {d.practices.map((p) => (
              <SelectField
                key={p.practiceId}
                label={p.legalName}
                name={`defaultAssignees.${p.practiceId}`}
                value={chosen[p.practiceId] ?? ""}
                disabled={!canEdit}
                onChange={(e) => {
                  setSaved(false);
                  setChosen({ ...chosen, [p.practiceId]: e.target.value });
                }}
                options={[
                  { value: "", label: "Nobody (unassigned)" },
                  ...assignees.map((a) => ({ value: a.userId, label: a.name })),
                ]}
                error={save.error}
              />
            ))}
            {canEdit ? (
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={save.busy}>
                  Save
                </button>
              </div>
            ) : null}
          </form>
        )}
      </Loaded>
      <FormError error={save.error} fields={Object.keys(chosen).map((k) => `defaultAssignees.${k}`)} />
    </Panel>
  );
}
