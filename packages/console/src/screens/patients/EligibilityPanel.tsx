import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { date, dateTime, label, money } from "../../ui/format";
import { Badge } from "../../ui/page";
import { ErrorBanner, Loaded } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";

type PatientEligibility = Get<"/v1/practices/{practiceId}/patients/{patientId}/eligibility">;
type Latest = NonNullable<PatientEligibility["coverages"][number]["latest"]>;

export const STATUS_TONE = { active: "good", inactive: "bad", rejected: "bad", unknown: "warn" } as const;
export const STATUS_WORDS = {
  active: "Active",
  inactive: "Inactive",
  rejected: "Not recognised",
  unknown: "No answer",
} as const;

/** One coverage's latest answer: status, what an office visit will likely cost, and what is wrong. */
export function LatestAnswer({ latest }: { latest: Latest }) {
  const v = latest.officeVisit;
  return (
    <div className="eligibility-answer">
      <p>
        <Badge tone={STATUS_TONE[latest.status]}>{STATUS_WORDS[latest.status]}</Badge>{" "}
        <span className="muted small">
          checked {dateTime(latest.answeredAt)} for {date(latest.serviceDate)}
        </span>
      </p>
      {latest.status === "active" ? (
        <>
          <p>
            Office visit:{" "}
            {v.likelyOwesCents !== undefined ? <strong>likely owes {money(v.likelyOwesCents)}</strong> : "—"}
            <span className="muted small"> · {v.basis}</span>
          </p>
          <p className="muted small">
            {v.copayCents !== undefined ? `Copay ${money(v.copayCents)} · ` : ""}
            {v.coinsurancePercent !== undefined ? `coinsurance ${v.coinsurancePercent}% · ` : ""}
            {v.deductibleRemainingCents !== undefined ? `deductible left ${money(v.deductibleRemainingCents)} · ` : ""}
            {v.outOfPocketRemainingCents !== undefined
              ? `out-of-pocket left ${money(v.outOfPocketRemainingCents)}`
              : ""}
          </p>
        </>
      ) : null}
      {latest.status === "inactive" && latest.coverageDates.planEnd ? (
        <p>The plan ended {date(latest.coverageDates.planEnd)}.</p>
      ) : null}
      {latest.rejections.map((r) => (
        <p key={`${r.level}${r.code}`}>
          {r.code} {r.description}
          {r.followUpDescription ? <span className="muted"> — {r.followUpDescription}</span> : null}
        </p>
      ))}
      {latest.mismatches.map((m) => (
        <p key={m} className="warn-text">
          {m}
        </p>
      ))}
    </div>
  );
}

/** The patient page's eligibility: each coverage's latest answer and a button to check it again now. */
export function EligibilityPanel({
  practiceId,
  patientId,
  payers,
  canCheck,
}: {
  practiceId: string;
  patientId: string;
  payers: Map<string, string>;
  canCheck: boolean;
}) {
  const path = { practiceId, patientId };
  const state = useApi(
    () => must(api.GET("/v1/practices/{practiceId}/patients/{patientId}/eligibility", { params: { path } })),
    [patientId],
  );
  const check = useAction(async (coverageId: string) => {
    await must(api.POST("/v1/eligibility-checks", { body: { practiceId, patientId, coverageId } }));
    state.reload();
  });
  return (
    <>
      <h3 className="section-title">Eligibility</h3>
      <Loaded state={state} what="Loading eligibility">
        {(e) =>
          e.coverages.length === 0 ? (
            <p className="muted">Self-pay: no coverage to check.</p>
          ) : (
            <>
              {e.coverages.map((c) => (
                <div key={c.coverageId} className="eligibility-coverage">
                  <div className="row">
                    <strong>
                      {label(c.order)}: {payers.get(c.payerId) ?? c.payerId}
                    </strong>
                    {canCheck ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={check.busy}
                        onClick={() => void check.run(c.coverageId)}
                      >
                        {check.busy ? "Checking…" : "Check eligibility now"}
                      </button>
                    ) : null}
                  </div>
                  {c.latest ? <LatestAnswer latest={c.latest} /> : <p className="muted">Not checked yet.</p>}
                </div>
              ))}
              {e.checks.some((c) => c.status !== "answered") ? (
                <p className="muted small">
                  {e.checks.filter((c) => c.status === "queued" || c.status === "sent").length} check(s) waiting for the
                  payer's answer.
                </p>
              ) : null}
            </>
          )
        }
      </Loaded>
      <ErrorBanner error={check.error} />
    </>
  );
}
