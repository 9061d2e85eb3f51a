import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { Link } from "../../router";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { date, dateTime, label, money, parseMoney } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Notice } from "../../ui/states";
import { useAction } from "../../ui/use-api";

type Item = Get<"/v1/suspense">["items"][number];
interface Row {
  kind: "apply" | "refund" | "keep";
  claimId: string;
  amount: string;
  reference: string;
  note: string;
}
const blank = (kind: Row["kind"] = "apply"): Row => ({ kind, claimId: "", amount: "", reference: "", note: "" });

/** One suspense item worked: applied to claims (a split is several rows), refunded with its reference, or kept with a note. */
export function SuspenseWork({
  item: i,
  onClose,
  onChanged,
}: {
  item: Item;
  onClose: () => void;
  onChanged: () => void;
}) {
  const [rows, setRows] = useState<Row[]>([blank(i.kind === "claim" && i.paidCents > 0 ? "apply" : "keep")]);
  const [done, setDone] = useState<string | undefined>();
  const set = (n: number, change: Partial<Row>) => setRows(rows.map((r, j) => (j === n ? { ...r, ...change } : r)));
  const asked = rows.reduce((s, r) => s + (parseMoney(r.amount) ?? 0), 0);
  const act = useAction(async () => {
    const allocations = rows.map((r, n) => {
      const amountCents =
        r.amount.trim() === "" && r.kind === "keep" && i.remainingCents <= 0 ? i.remainingCents : parseMoney(r.amount);
      if (amountCents === undefined) throw new Error(`Row ${n + 1}: the amount must look like 125.00.`);
      if (r.kind === "apply") return { kind: "apply" as const, claimId: r.claimId.trim(), amountCents };
      if (r.kind === "refund") return { kind: "refund" as const, amountCents, reference: r.reference.trim() };
      return { kind: "keep" as const, amountCents, note: r.note.trim() };
    });
    const after = await must(
      api.POST("/v1/suspense/{itemId}/allocations", {
        params: { path: { itemId: i.itemId } },
        headers: { "if-match": `"${i.version}"` },
        body: { allocations },
      }),
    );
    setDone(after.resolved ? "All of it is accounted for." : `${money(after.remainingCents)} is still to place.`);
    setRows([blank()]);
    onChanged();
  });
  return (
    <Panel
      title={`Suspense ${money(i.paidCents)}`}
      actions={
        <button type="button" className="btn btn-small btn-quiet" onClick={onClose}>
          Close (Esc)
        </button>
      }
    >
      <dl className="kv">
        <dt>From</dt>
        <dd>
          {i.payerKey ?? "the payer"}, deposited {date(i.depositDate)} ·{" "}
          <Link to="/remittances">835 {i.remittanceId}</Link>
        </dd>
        <dt>Patient control #</dt>
        <dd className="mono">{i.patientControlNumber ?? "—"}</dd>
        <dt>Payer claim #</dt>
        <dd className="mono">{i.payerClaimControlNumber ?? "—"}</dd>
        <dt>Placed</dt>
        <dd>
          applied {money(i.appliedCents)} · refunded {money(i.refundedCents)} · kept {money(i.keptCents)} ·{" "}
          <strong>{money(i.remainingCents)} left</strong>
        </dd>
      </dl>
      {i.allocations.length ? (
        <ul className="allocations">
          {i.allocations.map((a) => (
            <li key={a.n}>
              {label(a.kind)} {money(a.amountCents)}
              {a.claimId ? (
                <>
                  {" "}
                  to <Link to={`/claims/${a.claimId}`}>{a.claimId}</Link> ({a.month})
                </>
              ) : null}
              {a.reference ? ` (${a.method} ${a.reference})` : ""}
              {a.note ? ` — ${a.note}` : ""} <span className="muted small">{dateTime(a.at)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      {i.resolved ? null : (
        <form
          aria-label="Place the money"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run();
          }}
        >
          {rows.map((r, n) => (
            <div className="form-inline subform" key={n}>
              <SelectField
                label={`Row ${n + 1}`}
                name={`allocations.${n}.kind`}
                value={r.kind}
                onChange={(e) => set(n, { kind: e.target.value as Row["kind"] })}
                options={[
                  { value: "apply", label: "Apply to a claim" },
                  { value: "refund", label: "Refund to the payer" },
                  { value: "keep", label: "Keep, with a note" },
                ]}
                error={act.error}
              />
              {r.kind === "apply" ? (
                <TextField
                  label="Claim"
                  name={`allocations.${n}.claimId`}
                  value={r.claimId}
                  onChange={(e) => set(n, { claimId: e.target.value })}
                  error={act.error}
                  placeholder="CL..."
                />
              ) : null}
              <TextField
                label="Amount"
                name={`allocations.${n}.amountCents`}
                value={r.amount}
                onChange={(e) => set(n, { amount: e.target.value })}
                error={act.error}
                inputMode="decimal"
                size={10}
              />
              {r.kind === "refund" ? (
                <TextField
                  label="Check or EFT number"
                  name={`allocations.${n}.reference`}
                  value={r.reference}
                  onChange={(e) => set(n, { reference: e.target.value })}
                  error={act.error}
                />
              ) : null}
              {r.kind === "keep" ? (
                <TextField
                  label="Note"
                  name={`allocations.${n}.note`}
                  value={r.note}
                  onChange={(e) => set(n, { note: e.target.value })}
                  error={act.error}
                />
              ) : null}
            </div>
          ))}
          <p className="muted small">
            These rows place {money(asked)} of the {money(i.remainingCents)} left.
          </p>
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setRows([...rows, blank()])}>
              Add a row (split)
            </button>
            <button type="submit" className="btn btn-primary" disabled={act.busy}>
              Place it
            </button>
          </div>
          <FormError
            error={act.error}
            fields={rows.flatMap((_, n) =>
              ["kind", "claimId", "amountCents", "reference", "note"].map((f) => `allocations.${n}.${f}`),
            )}
          />
        </form>
      )}
    </Panel>
  );
}
