import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get, PostBody } from "../../api/types";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { Badge, Panel } from "../../ui/page";
import { Loaded } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";

type Payer = Get<"/v1/payers">["items"][number];
type Filing = PostBody<"/v1/payers">["claimFilingIndicator"];
const FILING: { value: Filing; label: string }[] = [
  { value: "CI", label: "CI commercial" },
  { value: "MB", label: "MB Medicare Part B" },
  { value: "MC", label: "MC Medicaid" },
  { value: "BL", label: "BL Blue Cross/Blue Shield" },
  { value: "HM", label: "HM HMO" },
  { value: "CH", label: "CH TRICARE" },
  { value: "VA", label: "VA Veterans Affairs" },
  { value: "WC", label: "WC workers' compensation" },
  { value: "ZZ", label: "ZZ unknown" },
];

/** The insurers claims go to, with their clearinghouse payer id and timely-filing limit. */
export function Payers({ canEdit }: SectionProps) {
  const list = useApi(() => must(api.GET("/v1/payers", { params: { query: { limit: 100 } } })), []);
  const [f, setF] = useState({
    name: "",
    clearinghousePayerId: "",
    claimFilingIndicator: "CI" as Filing,
    timelyFilingDays: "180",
    expectedPaymentDays: "30",
  });
  const add = useAction(async () => {
    await must(
      api.POST("/v1/payers", {
        body: {
          ...f,
          timelyFilingDays: Number(f.timelyFilingDays),
          expectedPaymentDays: Number(f.expectedPaymentDays),
        },
      }),
    );
    setF({ ...f, name: "", clearinghousePayerId: "" });
    list.reload();
  });
  return (
    <Panel title="Payers">
      {canEdit ? (
        <form
          className="form-inline subform"
          onSubmit={(e) => {
            e.preventDefault();
            void add.run();
          }}
        >
          <TextField
            label="Name"
            name="name"
            value={f.name}
            onChange={(e) => setF({ ...f, name: e.target.value })}
            error={add.error}
          />
          <TextField
            label="Clearinghouse payer id"
            name="clearinghousePayerId"
            value={f.clearinghousePayerId}
            onChange={(e) => setF({ ...f, clearinghousePayerId: e.target.value })}
            error={add.error}
          />
          <SelectField
            label="Claim filing indicator"
            name="claimFilingIndicator"
            value={f.claimFilingIndicator}
            onChange={(e) => setF({ ...f, claimFilingIndicator: e.target.value as Filing })}
            options={FILING}
            error={add.error}
          />
          <TextField
            label="Timely filing (days)"
            name="timelyFilingDays"
            inputMode="numeric"
            value={f.timelyFilingDays}
            onChange={(e) => setF({ ...f, timelyFilingDays: e.target.value })}
            error={add.error}
          />
          <TextField
            label="Pays within (days)"
            name="expectedPaymentDays"
            inputMode="numeric"
            value={f.expectedPaymentDays}
            onChange={(e) => setF({ ...f, expectedPaymentDays: e.target.value })}
            error={add.error}
            hint="no 835 after this: on the follow-up queue"
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={add.busy}>
              Add payer
            </button>
          </div>
        </form>
      ) : null}
      <FormError
        error={add.error}
        fields={["name", "clearinghousePayerId", "claimFilingIndicator", "timelyFilingDays", "expectedPaymentDays"]}
      />
      <Loaded state={list}>
        {(d) => (
          <DataTable<Payer>
            caption="Payers"
            rows={d.items}
            rowKey={(p) => p.payerId}
            initialSort={{ key: "name", dir: "asc" }}
            columns={[
              { key: "name", header: "Payer", render: (p) => p.name, sortValue: (p) => p.name },
              {
                key: "id",
                header: "Payer id",
                render: (p) => <span className="mono">{p.clearinghousePayerId}</span>,
                sortValue: (p) => p.clearinghousePayerId,
              },
              {
                key: "cfi",
                header: "Filing",
                render: (p) => p.claimFilingIndicator,
                sortValue: (p) => p.claimFilingIndicator,
              },
              {
                key: "tf",
                header: "Timely filing",
                align: "right",
                render: (p) => `${p.timelyFilingDays} days`,
                sortValue: (p) => p.timelyFilingDays,
              },
              {
                key: "pays",
                header: "Pays within",
                align: "right",
                render: (p) => `${p.expectedPaymentDays} days`,
                sortValue: (p) => p.expectedPaymentDays,
              },
              {
                key: "status",
                header: "Status",
                render: (p) => <Badge tone={p.status === "active" ? "good" : "neutral"}>{p.status}</Badge>,
              },
            ]}
          />
        )}
      </Loaded>
    </Panel>
  );
}
