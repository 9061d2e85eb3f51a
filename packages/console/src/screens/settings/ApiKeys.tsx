import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { dateTime } from "../../ui/format";
import { Badge, Panel } from "../../ui/page";
import { ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { usePracticeOptions } from "./practice-options";
import { ROLE_OPTIONS } from "./Users";

type Key = Get<"/v1/api-keys">["items"][number];
type Role = Key["role"];

/** API keys for integrations: the secret is shown once, right after it is made; revoking is immediate. */
export function ApiKeys() {
  const keys = useApi(() => must(api.GET("/v1/api-keys", { params: { query: { limit: 100 } } })), []);
  const practices = usePracticeOptions();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("biller");
  const [practiceId, setPracticeId] = useState("");
  const [secret, setSecret] = useState<{ name: string; apiKey: string } | undefined>();
  const create = useAction(async () => {
    const k = await must(
      api.POST("/v1/api-keys", { body: { name, role, ...(role === "practice" ? { practiceId } : {}) } }),
    );
    setSecret({ name: k.name, apiKey: k.apiKey });
    setName("");
    keys.reload();
  });
  const revoke = useAction(async (keyId: string) => {
    await must(api.DELETE("/v1/api-keys/{keyId}", { params: { path: { keyId } } }));
    keys.reload();
  });
  return (
    <>
      <Panel title="Create a key">
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void create.run();
          }}
        >
          <TextField
            label="Name"
            name="name"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={create.error}
            placeholder="e.g. EHR export"
          />
          <SelectField
            label="Role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            options={ROLE_OPTIONS}
            error={create.error}
          />
          {role === "practice" ? (
            <SelectField
              label="Practice"
              name="practiceId"
              value={practiceId}
              onChange={(e) => setPracticeId(e.target.value)}
              options={practices}
              error={create.error}
            />
          ) : null}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={create.busy}>
              Create key
            </button>
          </div>
        </form>
        <FormError error={create.error} fields={["name", "role", "practiceId"]} />
        {secret ? (
          <Notice tone="success">
            <div>
              Key <strong>{secret.name}</strong> created. Copy it now: it is shown only this once.
            </div>
            <div className="secret mono" data-testid="new-api-key">
              {secret.apiKey}
            </div>
            <div className="form-actions">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void navigator.clipboard?.writeText(secret.apiKey)}
              >
                Copy
              </button>
              <button type="button" className="btn btn-small" onClick={() => setSecret(undefined)}>
                Done
              </button>
            </div>
          </Notice>
        ) : null}
      </Panel>
      <Panel title="Keys">
        <ErrorBanner error={revoke.error} />
        <Loaded state={keys}>
          {(d) => (
            <DataTable<Key>
              caption="API keys"
              rows={d.items}
              rowKey={(k) => k.keyId}
              columns={[
                { key: "name", header: "Name", render: (k) => k.name, sortValue: (k) => k.name },
                { key: "role", header: "Role", render: (k) => k.role, sortValue: (k) => k.role },
                { key: "id", header: "Key id", render: (k) => <span className="mono">{k.keyId}</span> },
                {
                  key: "created",
                  header: "Created",
                  render: (k) => dateTime(k.createdAt),
                  sortValue: (k) => k.createdAt,
                },
                {
                  key: "status",
                  header: "Status",
                  render: (k) =>
                    k.revokedAt ? (
                      <Badge tone="bad">revoked {dateTime(k.revokedAt)}</Badge>
                    ) : (
                      <Badge tone="good">active</Badge>
                    ),
                },
                {
                  key: "act",
                  header: "",
                  render: (k) =>
                    k.revokedAt ? null : (
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        disabled={revoke.busy}
                        onClick={(e) => {
                          e.stopPropagation();
                          if (window.confirm(`Revoke the key “${k.name}”? Integrations using it stop working at once.`))
                            void revoke.run(k.keyId);
                        }}
                      >
                        Revoke
                      </button>
                    ),
                },
              ]}
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}
