import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { Badge, Panel } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";
import { usePracticeOptions } from "./practice-options";

type Provider = Get<"/v1/practices/{practiceId}/providers">["items"][number];

/** A practice's rendering, billing and referring providers. */
export function Providers({ canEdit }: SectionProps) {
  const practices = usePracticeOptions();
  const [practiceId, setPracticeId] = useState("");
  const pid = practiceId || practices[1]?.value || "";
  const list = useApi(
    () =>
      pid
        ? must(
            api.GET("/v1/practices/{practiceId}/providers", {
              params: { path: { practiceId: pid }, query: { limit: 100 } },
            }),
          )
        : Promise.resolve({ items: [], nextCursor: null }),
    [pid],
  );
  const [f, setF] = useState({ firstName: "", lastName: "", credential: "MD", npi: "", taxonomyCode: "207Q00000X" });
  const add = useAction(async () => {
    await must(
      api.POST("/v1/practices/{practiceId}/providers", {
        params: { path: { practiceId: pid } },
        body: { kind: "individual", ...f, roles: ["rendering"] },
      }),
    );
    setF({ ...f, firstName: "", lastName: "", npi: "" });
    list.reload();
  });
  return (
    <Panel
      title="Providers"
      actions={
        <SelectField
          label="Practice"
          name="practiceId"
          value={pid}
          onChange={(e) => setPracticeId(e.target.value)}
          options={practices.slice(1)}
        />
      }
    >
      {!pid ? (
        <Empty title="No practices yet">Add a practice first.</Empty>
      ) : (
        <>
          {canEdit ? (
            <form
              className="form-inline subform"
              onSubmit={(e) => {
                e.preventDefault();
                void add.run();
              }}
            >
              <TextField
                label="First name"
                name="firstName"
                value={f.firstName}
                onChange={(e) => setF({ ...f, firstName: e.target.value })}
                error={add.error}
              />
              <TextField
                label="Last name"
                name="lastName"
                value={f.lastName}
                onChange={(e) => setF({ ...f, lastName: e.target.value })}
                error={add.error}
              />
              <TextField
                label="Credential"
                name="credential"
                value={f.credential}
                onChange={(e) => setF({ ...f, credential: e.target.value })}
                error={add.error}
              />
              <TextField
                label="NPI"
                name="npi"
                value={f.npi}
                onChange={(e) => setF({ ...f, npi: e.target.value })}
                error={add.error}
              />
              <TextField
                label="Taxonomy"
                name="taxonomyCode"
                value={f.taxonomyCode}
                onChange={(e) => setF({ ...f, taxonomyCode: e.target.value })}
                error={add.error}
              />
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={add.busy}>
                  Add provider
                </button>
              </div>
            </form>
          ) : null}
          <FormError error={add.error} fields={["firstName", "lastName", "credential", "npi", "taxonomyCode"]} />
          <Loaded state={list}>
            {(d) => (
              <DataTable<Provider>
                caption="Providers"
                rows={d.items}
                rowKey={(p) => p.providerId}
                columns={[
                  {
                    key: "name",
                    header: "Name",
                    render: (p) =>
                      p.organizationName ?? `${p.lastName ?? ""}, ${p.firstName ?? ""} ${p.credential ?? ""}`,
                    sortValue: (p) => p.lastName ?? p.organizationName ?? "",
                  },
                  { key: "npi", header: "NPI", render: (p) => p.npi, sortValue: (p) => p.npi },
                  { key: "tax", header: "Taxonomy", render: (p) => p.taxonomyCode },
                  { key: "roles", header: "Roles", render: (p) => p.roles.join(", ") },
                  {
                    key: "status",
                    header: "Status",
                    render: (p) => <Badge tone={p.status === "active" ? "good" : "neutral"}>{p.status}</Badge>,
                  },
                ]}
              />
            )}
          </Loaded>
        </>
      )}
    </Panel>
  );
}
