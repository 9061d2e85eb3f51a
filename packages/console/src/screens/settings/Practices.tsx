import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, TextField } from "../../ui/fields";
import { bp, date, money, parseMoney, parsePercentBps } from "../../ui/format";
import { Badge, Panel } from "../../ui/page";
import { ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import type { SectionProps } from "./Settings";
import { AddressFields, addressBody, emptyAddress } from "./address";

type Practice = Get<"/v1/practices">["items"][number];
type Contract = Practice["contracts"][number];

export function contractSummary(c: Contract): string {
  const parts = [
    c.tiers?.length
      ? `tiers ${c.tiers.map((t) => `${bp(t.percentBps)}${t.upToCents ? ` to ${money(t.upToCents)}` : ""}`).join(", ")}`
      : `${bp(c.percentBps ?? 0)} of collections`,
  ];
  if (c.monthlyMinimumCents) parts.push(`minimum ${money(c.monthlyMinimumCents)}`);
  if (c.monthlyFeeCents) parts.push(`${money(c.monthlyFeeCents)} a month`);
  if (c.perClaimSubmittedCents) parts.push(`${money(c.perClaimSubmittedCents)} per claim`);
  if (c.perStatementCents) parts.push(`${money(c.perStatementCents)} per statement`);
  if (c.oneOffSetupCents) parts.push(`setup ${money(c.oneOffSetupCents)}`);
  return parts.join("; ");
}

/** The client practices and the contract each is invoiced on. */
export function Practices({ canEdit }: SectionProps) {
  const list = useApi(() => must(api.GET("/v1/practices", { params: { query: { limit: 100 } } })), []);
  const [open, setOpen] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Panel
        title="Practices"
        actions={
          canEdit && !adding ? (
            <button type="button" className="btn btn-small btn-primary" onClick={() => setAdding(true)}>
              Add a practice
            </button>
          ) : null
        }
      >
        {adding ? (
          <NewPractice
            onDone={() => {
              setAdding(false);
              list.reload();
            }}
          />
        ) : null}
        <Loaded state={list}>
          {(d) => (
            <DataTable<Practice>
              caption="Practices"
              rows={d.items}
              rowKey={(p) => p.practiceId}
              onOpen={(p) => setOpen(p.practiceId)}
              initialSort={{ key: "name", dir: "asc" }}
              columns={[
                { key: "name", header: "Practice", render: (p) => p.legalName, sortValue: (p) => p.legalName },
                { key: "npi", header: "NPI", render: (p) => p.npi, sortValue: (p) => p.npi },
                {
                  key: "city",
                  header: "City",
                  render: (p) => `${p.address.city}, ${p.address.state}`,
                  sortValue: (p) => p.address.city,
                },
                {
                  key: "contract",
                  header: "Current contract",
                  render: (p) =>
                    p.contracts.length ? (
                      contractSummary(p.contracts[p.contracts.length - 1]!)
                    ) : (
                      <span className="muted">none</span>
                    ),
                },
                {
                  key: "status",
                  header: "Status",
                  render: (p) => <Badge tone={p.status === "active" ? "good" : "neutral"}>{p.status}</Badge>,
                  sortValue: (p) => p.status,
                },
              ]}
            />
          )}
        </Loaded>
      </Panel>
      {open && list.data ? (
        <Contracts
          key={open}
          practice={list.data.items.find((p) => p.practiceId === open)!}
          canEdit={canEdit}
          onSaved={list.reload}
        />
      ) : null}
    </>
  );
}

function NewPractice({ onDone }: { onDone: () => void }) {
  const [f, setF] = useState({
    legalName: "",
    npi: "",
    taxId: "",
    taxonomyCode: "207Q00000X",
    timeZone: "America/New_York",
    percent: "6.5",
    minimum: "",
  });
  const [addr, setAddr] = useState(emptyAddress);
  const save = useAction(async () => {
    const percentBps = parsePercentBps(f.percent);
    if (percentBps === undefined) throw new Error("The contract percent must be a number like 6.5.");
    const minimum = f.minimum ? parseMoney(f.minimum) : undefined;
    await must(
      api.POST("/v1/practices", {
        body: {
          legalName: f.legalName,
          npi: f.npi,
          taxId: f.taxId,
          taxonomyCode: f.taxonomyCode,
          timeZone: f.timeZone,
          address: addressBody(addr) ?? { line1: "", city: "", state: "AL", postalCode: "" },
          contracts: [
            {
              effectiveFrom: new Date().toISOString().slice(0, 8) + "01",
              percentBps,
              ...(minimum ? { monthlyMinimumCents: minimum } : {}),
            },
          ],
        },
      }),
    );
    onDone();
  });
  const t = (k: keyof typeof f, label: string, hint?: string) => (
    <TextField
      label={label}
      name={k}
      value={f[k]}
      hint={hint}
      onChange={(e) => setF({ ...f, [k]: e.target.value })}
      error={save.error}
    />
  );
  return (
    <form
      className="subform"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <div className="grid grid-3">
        {t("legalName", "Legal name")}
        {t("npi", "Group NPI")}
        {t("taxId", "Tax id (EIN)", "12-3456789")}
        {t("taxonomyCode", "Taxonomy code")}
        {t("timeZone", "Time zone")}
        {t("percent", "Contract: percent of collections")}
        {t("minimum", "Contract: monthly minimum ($)", "optional")}
      </div>
      <AddressFields value={addr} onChange={setAddr} error={save.error} />
      <FormError
        error={save.error}
        fields={[
          "legalName",
          "npi",
          "taxId",
          "taxonomyCode",
          "timeZone",
          "address.line1",
          "address.city",
          "address.state",
          "address.postalCode",
        ]}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          Create practice
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Contracts({ practice, canEdit, onSaved }: { practice: Practice; canEdit: boolean; onSaved: () => void }) {
  const [from, setFrom] = useState(new Date().toISOString().slice(0, 8) + "01");
  const [percent, setPercent] = useState("");
  const [minimum, setMinimum] = useState("");
  const [saved, setSaved] = useState(false);
  const add = useAction(async () => {
    setSaved(false);
    const percentBps = parsePercentBps(percent);
    if (percentBps === undefined) throw new Error("The percent must be a number like 6.5.");
    const min = minimum ? parseMoney(minimum) : undefined;
    const prior = practice.contracts.map((c) =>
      !c.effectiveTo && c.effectiveFrom < from ? { ...c, effectiveTo: prevDay(from) } : c,
    );
    await must(
      api.PATCH("/v1/practices/{practiceId}", {
        params: { path: { practiceId: practice.practiceId } },
        headers: { "if-match": `"${practice.version}"` },
        body: {
          contracts: [...prior, { effectiveFrom: from, percentBps, ...(min ? { monthlyMinimumCents: min } : {}) }],
        },
      }),
    );
    setSaved(true);
    onSaved();
  });
  return (
    <Panel title={`${practice.legalName}: contracts`}>
      <table className="table">
        <caption className="visually-hidden">Contracts</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Terms</th>
          </tr>
        </thead>
        <tbody>
          {practice.contracts.map((c) => (
            <tr key={c.effectiveFrom}>
              <td>{date(c.effectiveFrom)}</td>
              <td>{c.effectiveTo ? date(c.effectiveTo) : "open"}</td>
              <td className="wrap">{contractSummary(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit ? (
        <form
          className="form-inline subform"
          onSubmit={(e) => {
            e.preventDefault();
            void add.run();
          }}
        >
          <TextField
            label="New contract from"
            name="effectiveFrom"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={add.error}
          />
          <TextField
            label="Percent of collections"
            name="percentBps"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            error={add.error}
            placeholder="6.5"
          />
          <TextField
            label="Monthly minimum ($)"
            name="monthlyMinimumCents"
            value={minimum}
            onChange={(e) => setMinimum(e.target.value)}
            error={add.error}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={add.busy}>
              Add contract
            </button>
          </div>
        </form>
      ) : null}
      <ErrorBanner error={add.error} />
      {saved ? <Notice tone="success">Contract added.</Notice> : null}
    </Panel>
  );
}

function prevDay(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
