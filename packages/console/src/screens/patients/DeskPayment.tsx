import { useState } from "react";
import { api, ApiError, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { date, money, parseMoney, todayLocal } from "../../ui/format";
import { Notice } from "../../ui/states";
import { useAction } from "../../ui/use-api";

type Balance = Get<"/v1/practices/{practiceId}/patients/{patientId}/balance">;

/**
 * A patient's payment at the desk, at any time: on a visit, or (the default) against what they owe,
 * oldest visit first. Money no share owes yet (the payer has not answered) is held as credit.
 */
export function DeskPayment({
  balance,
  practiceId,
  patientId,
  onPosted,
}: {
  balance: Balance;
  practiceId: string;
  patientId: string;
  onPosted: () => void;
}) {
  const [f, setF] = useState({ claimId: "", amount: "", method: "card", paymentDate: todayLocal(), reference: "" });
  const [done, setDone] = useState<string | undefined>();
  const post = useAction(async () => {
    const amountCents = parseMoney(f.amount);
    if (amountCents === undefined || amountCents === 0)
      throw new ApiError(422, {
        title: "Check the amount",
        errors: [{ path: "amountCents", message: "an amount like 25.00" }],
      });
    const p = await must(
      api.POST("/v1/practices/{practiceId}/patients/{patientId}/desk-payments", {
        params: { path: { practiceId, patientId } },
        body: {
          amountCents,
          method: f.method as "card",
          paymentDate: f.paymentDate,
          reference: f.reference || undefined,
          claimId: f.claimId || undefined,
        },
      }),
    );
    setDone(
      `Took ${money(amountCents)}${p.heldAsCreditCents ? `: ${money(p.heldAsCreditCents)} held as credit until the payer sets the patient's share` : ""}.`,
    );
    setF({ ...f, amount: "", reference: "" });
    onPosted();
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <form
      className="subform"
      onSubmit={(e) => {
        e.preventDefault();
        void post.run();
      }}
    >
      <h3 className="section-title">Take a payment</h3>
      <p className="muted small">
        Any time, before or after the payer answers: what no share owes yet is held as the patient&rsquo;s credit on the
        visit, and applied when the last payer sets the share.
      </p>
      <div className="form-inline">
        <SelectField
          label="Toward"
          name="claimId"
          value={f.claimId}
          onChange={set("claimId")}
          error={post.error}
          options={[
            { value: "", label: "What is owed, oldest visit first" },
            ...balance.claims.map((v) => ({
              value: v.claimId,
              label: `${date(v.serviceDate)} · ${v.status === "awaiting_payer" ? "with the payer" : `owes ${money(v.patientBalanceCents)}`}`,
            })),
          ]}
        />
        <TextField
          label="Amount"
          name="amountCents"
          value={f.amount}
          onChange={set("amount")}
          error={post.error}
          inputMode="decimal"
          size={10}
          required
        />
        <SelectField
          label="Method"
          name="method"
          value={f.method}
          onChange={set("method")}
          error={post.error}
          options={[
            { value: "card", label: "Card" },
            { value: "cash", label: "Cash" },
            { value: "check", label: "Check" },
            { value: "eft", label: "EFT" },
          ]}
        />
        <TextField
          label="Date"
          name="paymentDate"
          type="date"
          value={f.paymentDate}
          onChange={set("paymentDate")}
          error={post.error}
        />
        <TextField
          label="Reference"
          name="reference"
          value={f.reference}
          onChange={set("reference")}
          error={post.error}
          size={12}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={post.busy}>
            Take payment
          </button>
        </div>
      </div>
      <FormError error={post.error} fields={["amountCents", "method", "paymentDate", "reference", "claimId"]} />
      {done ? <Notice tone="success">{done}</Notice> : null}
    </form>
  );
}

/** Refunds what is left over once a visit's share is known (out of the held credit). */
export function RefundOverpayment({
  balance,
  practiceId,
  onPosted,
}: {
  balance: Balance;
  practiceId: string;
  onPosted: () => void;
}) {
  const over = balance.claims.filter((v) => v.overpaymentCents > 0);
  const refund = useAction(async () => {
    for (const v of over)
      await must(
        api.POST("/v1/payments", {
          body: {
            practiceId,
            kind: "refund",
            method: "check",
            paymentDate: todayLocal(),
            amountCents: v.overpaymentCents,
            allocations: [{ claimId: v.claimId, amountCents: v.overpaymentCents }],
          },
        }),
      );
    onPosted();
  });
  if (!over.length) return null;
  return (
    <div className="form-actions">
      <Notice tone="warning">
        Overpaid by {money(balance.overpaymentCents)}: the payers have answered and nothing more is owed on{" "}
        {over.length === 1 ? "that visit" : "those visits"}.
      </Notice>
      <button type="button" className="btn" disabled={refund.busy} onClick={() => void refund.run()}>
        Refund {money(balance.overpaymentCents)} by check
      </button>
      <FormError error={refund.error} />
    </div>
  );
}
