import { useState } from "react";
import { api, must } from "../../api/client";
import type { ScreenProps } from "../../routes";
import { Link, navigate } from "../../router";
import { useUser } from "../../session";
import { FormError, TextField } from "../../ui/fields";
import { date, dateTime, label, money } from "../../ui/format";
import { Page, Panel } from "../../ui/page";
import { Empty, ErrorState, Loaded, Loading, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import { ClaimEditor } from "./ClaimEditor";
import { ClaimFiles } from "./Files";
import { ClaimTasks } from "./Tasks";
import { PayerStatusPanel } from "./PayerStatus";
import { DenialWork } from "../denials/DenialWork";
import { StatusBadge, isNotFound, patientName, useActors, useDirectory, type Claim as ClaimT } from "./parts";

const EDITABLE = ["draft", "needs_review", "ready", "rejected", "on_hold"];
const CORRECTABLE = ["submitted", "accepted", "paid", "partially_paid", "denied"];

/** One claim: header, lines, findings, who did what, money, files, and corrections. */
export default function Claim({ params }: ScreenProps) {
  const user = useUser();
  const claimId = params.claimId!;
  const s = useApi(() => must(api.GET("/v1/claims/{claimId}", { params: { path: { claimId } } })), [claimId]);
  if (s.error && isNotFound(s.error))
    return (
      <Page title="Claim not found">
        <Empty title="There is no such claim">
          No claim {claimId} is visible to you. Check the number and try again.
        </Empty>
      </Page>
    );
  if (s.error && !s.data)
    return (
      <Page title={`Claim ${claimId}`}>
        <ErrorState error={s.error} retry={s.reload} />
      </Page>
    );
  if (!s.data)
    return (
      <Page title={`Claim ${claimId}`}>
        <Loading what="Loading the claim" />
      </Page>
    );
  return <ClaimBody claim={s.data} reload={s.reload} role={user.role} />;
}

function ClaimBody({ claim: c, reload, role }: { claim: ClaimT; reload: () => void; role: string }) {
  const dir = useDirectory();
  const company = role !== "practice";
  const canWork = role === "owner" || role === "biller";
  const actor = useActors(company);
  const history = useApi(
    () => must(api.GET("/v1/claims/{claimId}/history", { params: { path: { claimId: c.claimId } } })),
    [c.claimId, c.version],
  );
  const ledger = useApi(
    () => must(api.GET("/v1/claims/{claimId}/ledger", { params: { path: { claimId: c.claimId } } })),
    [c.claimId, c.version],
  );
  const errors = c.findings.filter((f) => f.severity === "error");
  const [saved, setSaved] = useState<string | undefined>();
  const onSaved = (n: ClaimT) => {
    setSaved(
      n.status === "ready"
        ? "Saved. The claim passed the scrubber and is ready to send."
        : `Saved; the claim is ${label(n.status)}.`,
    );
    reload();
  };
  const prov = c.doc.renderingProvider;
  return (
    <Page
      title={`Claim ${c.claimId}`}
      actions={
        <span className="row">
          <StatusBadge status={c.status} />
          {company ? <Link to="/queues/review">Review queue</Link> : <Link to="/portal">Portal</Link>}
        </span>
      }
    >
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      {c.statusReason ? (
        <Notice tone={c.status === "rejected" || c.status === "denied" ? "warning" : "info"}>
          {label(c.status)}: {c.statusReason}
        </Notice>
      ) : null}
      <div className="grid grid-2">
        <Panel title="Claim">
          <dl className="kv">
            <dt>Patient</dt>
            <dd>
              {patientName(c)} · born {date(c.doc.patient.dateOfBirth)}
            </dd>
            <dt>Practice</dt>
            <dd>{dir.practices.get(c.practiceId) ?? c.practiceId}</dd>
            <dt>Rendering</dt>
            <dd>
              {prov.organizationName ?? `${prov.firstName ?? ""} ${prov.lastName ?? ""}`} · NPI {prov.npi}
            </dd>
            <dt>Service</dt>
            <dd>
              {date(c.serviceDate)}
              {c.doc.serviceDateTo ? ` – ${date(c.doc.serviceDateTo)}` : ""} · place {c.doc.placeOfService}
            </dd>
            <dt>Diagnoses</dt>
            <dd className="mono">{c.doc.diagnoses.join(", ")}</dd>
            <dt>Frequency</dt>
            <dd>
              {c.frequencyCode === "1" ? "Original" : c.frequencyCode === "7" ? "Replacement" : "Void"}
              {c.doc.originalClaimId ? (
                <>
                  {" "}
                  of <Link to={`/claims/${c.doc.originalClaimId}`}>{c.doc.originalClaimId}</Link>
                </>
              ) : null}
              {c.replacedBy ? (
                <>
                  {" "}
                  · replaced by <Link to={`/claims/${c.replacedBy}`}>{c.replacedBy}</Link>
                </>
              ) : null}
            </dd>
          </dl>
        </Panel>
        <Panel title="Coverage">
          <dl className="kv">
            <dt>Payer</dt>
            <dd>
              {c.doc.coverage.payerName} ({c.doc.coverage.clearinghousePayerId}) · {c.doc.coverage.order}
            </dd>
            <dt>Member ID</dt>
            <dd className="mono">{c.doc.coverage.memberId}</dd>
            <dt>Group</dt>
            <dd className="mono">{c.doc.coverage.groupNumber ?? "—"}</dd>
            <dt>Payer claim #</dt>
            <dd className="mono">{c.payerClaimControlNumber ?? "—"}</dd>
            <dt>Submissions</dt>
            <dd>
              {c.submissions} · edits {c.edits} · updated {dateTime(c.updatedAt)}
            </dd>
          </dl>
        </Panel>
      </div>

      {canWork && EDITABLE.includes(c.status) && (c.findings.length || c.status === "rejected") ? (
        <Panel title={errors.length ? `Fix ${errors.length} error(s)` : "Edit the claim"}>
          <ClaimEditor claim={c} onSaved={onSaved} />
        </Panel>
      ) : c.findings.length ? (
        <Panel title="Scrub findings">
          <ul className="findings-inline">
            {c.findings.map((f) => (
              <li key={f.ruleId + f.path} className={f.severity === "error" ? "finding-error" : "finding-warning"}>
                <strong>{f.severity === "error" ? "Error" : "Warning"}</strong> <span className="mono">{f.path}</span>:{" "}
                {f.message} <span className="muted">{f.fixHint}</span>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}

      <Panel title="Service lines">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Date</th>
              <th scope="col">Procedure</th>
              <th scope="col">Modifiers</th>
              <th scope="col" className="num">
                Units
              </th>
              <th scope="col">Dx</th>
              <th scope="col" className="num">
                Charge
              </th>
            </tr>
          </thead>
          <tbody>
            {c.doc.lines.map((l) => (
              <tr key={l.lineId}>
                <td>{l.lineNumber}</td>
                <td>{date(l.serviceDate)}</td>
                <td className="mono">{l.procedureCode}</td>
                <td className="mono">{l.modifiers.join(" ") || "—"}</td>
                <td className="num">{l.units}</td>
                <td className="mono">{l.diagnosisPointers.map((p) => c.doc.diagnoses[p - 1] ?? `#${p}`).join(", ")}</td>
                <td className="num">{money(l.chargeCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={6}>Total</td>
              <td className="num">
                <strong>{money(c.totalChargeCents)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </Panel>

      <div className="grid grid-2">
        <Panel title="Ledger and balances">
          <Loaded state={ledger} what="Loading the ledger">
            {(l) =>
              l.balances ? (
                <>
                  <dl className="kv balances">
                    <dt>Charge</dt>
                    <dd>{money(l.balances.chargeCents)}</dd>
                    <dt>Insurance paid</dt>
                    <dd>{money(l.balances.insurancePaidCents)}</dd>
                    <dt>Adjusted</dt>
                    <dd>{money(l.balances.adjustedCents)}</dd>
                    {l.balances.deniedCents ? (
                      <>
                        <dt>Denied (open)</dt>
                        <dd>{money(l.balances.deniedCents)}</dd>
                      </>
                    ) : null}
                    <dt>Patient responsibility</dt>
                    <dd>{money(l.balances.patientResponsibilityCents)}</dd>
                    <dt>Insurance balance</dt>
                    <dd>
                      <strong>{money(l.balances.insuranceBalanceCents)}</strong>
                    </dd>
                    <dt>Patient balance</dt>
                    <dd>
                      <strong>{money(l.balances.patientBalanceCents ?? 0)}</strong>
                    </dd>
                  </dl>
                  <table className="table table-compact">
                    <thead>
                      <tr>
                        <th scope="col">Deposit</th>
                        <th scope="col">Entry</th>
                        <th scope="col">Code</th>
                        <th scope="col" className="num">
                          Amount
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {l.items.map((e) => (
                        <tr key={e.entryId}>
                          <td>{date(e.depositDate)}</td>
                          <td>
                            {label(e.kind)}
                            {e.actor ? <span className="muted"> · {actor(e.actor)}</span> : null}
                          </td>
                          <td className="mono">
                            {e.group ? `${e.group}-${e.reason}` : ""}
                            {e.remarks?.length ? ` ${e.remarks.join(" ")}` : ""}
                          </td>
                          <td className="num">{money(e.amountCents)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ) : (
                <Empty title="Nothing posted yet">
                  Payments and adjustments appear here when an 835 or a payment posts.
                </Empty>
              )
            }
          </Loaded>
        </Panel>
        <Panel title="History">
          <Loaded state={history} what="Loading the history">
            {(h) => (
              <ol className="timeline">
                {[...h.items].reverse().map((e) => (
                  <li key={e.eventId}>
                    <div>
                      <strong>
                        {e.from && e.to ? `${label(e.from)} → ${label(e.to)}` : e.to ? label(e.to) : label(e.kind)}
                      </strong>{" "}
                      {e.fields?.length ? <span className="muted">edited {e.fields.join(", ")}</span> : null}
                    </div>
                    {e.reason ? <div className="wrap-text">{e.reason}</div> : null}
                    <div className="muted small">
                      {actor(e.actor)} · {dateTime(e.at)}
                    </div>
                  </li>
                ))}
              </ol>
            )}
          </Loaded>
        </Panel>
      </div>

      <PayerStatusPanel claim={c} canAsk={canWork} onAsked={reload} />
      <ClaimTasks claim={c} />
      {company ? (
        <ClaimFiles claim={c} ledgerRemittances={ledger.data?.items.map((e) => e.remittanceId) ?? []} />
      ) : null}
      {canWork && ((ledger.data?.balances?.deniedCents ?? 0) > 0 || c.appeals?.length) ? (
        <Panel title="Work the denial">
          <DenialWork claim={c} onDone={reload} />
        </Panel>
      ) : null}
      {canWork && CORRECTABLE.includes(c.status) ? <Corrections claim={c} onDone={reload} /> : null}
    </Page>
  );
}

function Corrections({ claim: c, onDone }: { claim: ClaimT; onDone: () => void }) {
  const [kind, setKind] = useState<"replacement" | "void" | undefined>();
  const [reason, setReason] = useState("");
  const [icn, setIcn] = useState(c.payerClaimControlNumber ?? "");
  const act = useAction(async () => {
    const path = kind === "void" ? "/v1/claims/{claimId}/void" : "/v1/claims/{claimId}/replacement";
    const r = await must(
      api.POST(path, {
        params: { path: { claimId: c.claimId } },
        body: { reason, payerClaimControlNumber: icn.trim() || undefined },
      }),
    );
    onDone();
    navigate(`/claims/${r.correction.claimId}`);
  });
  return (
    <Panel title="Corrections">
      <p className="muted small">
        The payer has this claim. Send a replacement (frequency 7) to change it, or a void (frequency 8) to withdraw it.
        The new claim goes out with the next batch.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          onClick={() => setKind("replacement")}
          aria-pressed={kind === "replacement"}
        >
          Replacement claim
        </button>
        <button type="button" className="btn btn-danger" onClick={() => setKind("void")} aria-pressed={kind === "void"}>
          Void claim
        </button>
      </div>
      {kind ? (
        <form
          className="form-inline subform"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run();
          }}
        >
          <TextField
            label="Payer claim number (REF*F8)"
            name="payerClaimControlNumber"
            value={icn}
            onChange={(e) => setIcn(e.target.value)}
            error={act.error}
          />
          <TextField
            label="Reason"
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={act.error}
            required
          />
          <div className="form-actions">
            <button
              type="submit"
              className={kind === "void" ? "btn btn-danger" : "btn btn-primary"}
              disabled={act.busy}
            >
              {kind === "void" ? "Create the void" : "Create the replacement"}
            </button>
          </div>
        </form>
      ) : null}
      <FormError error={act.error} fields={["payerClaimControlNumber", "reason"]} />
    </Panel>
  );
}
