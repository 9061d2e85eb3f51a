import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, TextField } from "../../ui/fields";
import { date, label, money } from "../../ui/format";
import { Badge } from "../../ui/page";
import { Loaded } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";

type Plan = Get<"/v1/payment-plans">["items"][number];
const tone = (s: string) => (s === "paid" ? "good" : s === "missed" ? "bad" : s === "partly_paid" ? "warn" : "neutral");

/** The patient's payment plan: its instalments paid, due or missed; agree one, or cancel it. */
export function PaymentPlanPanel({
  practiceId,
  patientId,
  owesCents,
  canManage,
  tick,
  onChanged,
}: {
  practiceId: string;
  patientId: string;
  owesCents: number;
  canManage: boolean;
  tick: number;
  onChanged: () => void;
}) {
  const plans = useApi(
    () => must(api.GET("/v1/payment-plans", { params: { query: { practiceId, patientId } } })),
    [patientId, tick],
  );
  return (
    <>
      <h3 className="section-title">Payment plan</h3>
      <Loaded state={plans} what="Loading the payment plan">
        {(data) => {
          const active = data.items.find((x) => x.status === "active");
          if (active) return <ActivePlan plan={active} canManage={canManage} onChanged={onChanged} />;
          return owesCents > 0 && canManage ? (
            <NewPlan practiceId={practiceId} patientId={patientId} owesCents={owesCents} onChanged={onChanged} />
          ) : (
            <p className="muted">No payment plan.</p>
          );
        }}
      </Loaded>
    </>
  );
}

function ActivePlan({ plan, canManage, onChanged }: { plan: Plan; canManage: boolean; onChanged: () => void }) {
  const [reason, setReason] = useState("");
  const cancel = useAction(async () => {
    await must(
      api.POST("/v1/payment-plans/{planId}/cancel", { params: { path: { planId: plan.planId } }, body: { reason } }),
    );
    onChanged();
  });
  return (
    <div>
      <p>
        {money(plan.totalCents)} agreed {date(plan.agreedOn)} · paid {money(plan.paidCents)} ·{" "}
        {money(plan.remainingCents)} left ·{" "}
        {plan.inGoodStanding ? (
          <Badge tone="good">in good standing: no statements</Badge>
        ) : (
          <Badge tone="bad">instalment missed: statements resume</Badge>
        )}
      </p>
      <table className="table table-compact">
        <caption className="visually-hidden">Instalments</caption>
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {plan.instalments.map((i) => (
            <tr key={i.dueDate}>
              <td>{date(i.dueDate)}</td>
              <td className="num">{money(i.amountCents)}</td>
              <td className="num">{money(i.paidCents)}</td>
              <td>
                <Badge tone={tone(i.status)}>{label(i.status)}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canManage ? (
        <form
          className="form-inline form-after-table"
          onSubmit={(e) => {
            e.preventDefault();
            void cancel.run();
          }}
        >
          <TextField
            label="Why cancel"
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={cancel.error}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-danger" disabled={cancel.busy}>
              Cancel the plan
            </button>
          </div>
        </form>
      ) : null}
      <FormError error={cancel.error} fields={["reason"]} />
    </div>
  );
}

function NewPlan({
  practiceId,
  patientId,
  owesCents,
  onChanged,
}: {
  practiceId: string;
  patientId: string;
  owesCents: number;
  onChanged: () => void;
}) {
  const [f, setF] = useState({ count: "3", firstDueDate: "" });
  const create = useAction(async () => {
    await must(
      api.POST("/v1/payment-plans", {
        body: { practiceId, patientId, count: Number(f.count), firstDueDate: f.firstDueDate },
      }),
    );
    onChanged();
  });
  return (
    <form
      className="subform"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run();
      }}
    >
      <p className="muted small">Split the {money(owesCents)} owed into monthly instalments.</p>
      <div className="form-inline">
        <TextField
          label="Instalments"
          name="count"
          type="number"
          min={1}
          max={60}
          value={f.count}
          onChange={(e) => setF({ ...f, count: e.target.value })}
          error={create.error}
          size={4}
        />
        <TextField
          label="First due"
          name="firstDueDate"
          type="date"
          value={f.firstDueDate}
          onChange={(e) => setF({ ...f, firstDueDate: e.target.value })}
          error={create.error}
          required
        />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={create.busy}>
            Agree the plan
          </button>
        </div>
      </div>
      <FormError error={create.error} fields={["count", "firstDueDate"]} />
    </form>
  );
}
