import { api, must } from "../../api/client";
import { date, dateTime, label, money } from "../../ui/format";
import { Badge, Panel } from "../../ui/page";
import { ErrorBanner, Notice } from "../../ui/states";
import { useState } from "react";
import { useAction } from "../../ui/use-api";
import type { Claim } from "./parts";

const TONE = {
  pending: "warn",
  finalized: "good",
  "request-for-information": "bad",
  error: "bad",
  "data-search-unsuccessful": "bad",
  acknowledgement: "info",
  unknown: "neutral",
} as const;

/**
 * What the payer last said to a status inquiry (276/277), and a button to ask now. Shown for a
 * claim the payer has and has not paid (submitted or accepted), or once a payer has answered.
 */
export function PayerStatusPanel({
  claim: c,
  canAsk,
  onAsked,
}: {
  claim: Claim;
  canAsk: boolean;
  onAsked: () => void;
}) {
  const [asked, setAsked] = useState(false);
  const ask = useAction(async () => {
    await must(api.POST("/v1/claims/{claimId}/status-inquiries", { params: { path: { claimId: c.claimId } } }));
    setAsked(true);
    onAsked();
  });
  const waiting = c.status === "submitted" || c.status === "accepted";
  const s = c.payerStatus;
  if (!waiting && !s) return null;
  return (
    <Panel
      title="Claim status at the payer"
      actions={
        canAsk && waiting ? (
          <button type="button" className="btn btn-small" disabled={ask.busy} onClick={() => void ask.run()}>
            {ask.busy ? "Asking…" : "Ask the payer now (276)"}
          </button>
        ) : null
      }
    >
      {s?.answeredAt && s.statusClass ? (
        <dl className="kv">
          <dt>Answer</dt>
          <dd>
            <Badge tone={TONE[s.statusClass]}>{label(s.statusClass)}</Badge> {s.category} {s.categoryDescription}
            {s.code ? ` · ${s.code} ${s.codeDescription ?? ""}` : ""}
          </dd>
          {s.needsAction ? (
            <>
              <dt>The payer asks</dt>
              <dd>{s.actionText ?? "more information"}</dd>
            </>
          ) : null}
          {s.paidCents !== undefined ? (
            <>
              <dt>Paid</dt>
              <dd>
                {money(s.paidCents)}
                {s.adjudicationDate ? ` · adjudicated ${date(s.adjudicationDate)}` : ""}
                {s.checkNumber ? ` · check ${s.checkNumber}${s.checkDate ? ` of ${date(s.checkDate)}` : ""}` : ""}
              </dd>
            </>
          ) : null}
          <dt>Answered</dt>
          <dd>
            {dateTime(s.answeredAt)} · asked {s.inquiries ?? 1} time(s), last {dateTime(s.askedAt)}
          </dd>
        </dl>
      ) : s?.askedAt ? (
        <p>Asked {dateTime(s.askedAt)}; the payer's answer comes with a later poll.</p>
      ) : (
        <p className="muted">Not asked yet: claims with no 835 are asked about after the payer's usual days.</p>
      )}
      {asked ? <Notice tone="success">Asked: a 276 is on its way to the payer.</Notice> : null}
      <ErrorBanner error={ask.error} />
    </Panel>
  );
}
