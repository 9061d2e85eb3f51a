import { useState } from "react";
import { api, must } from "../../api/client";
import { Link } from "../../router";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { label, money, parseMoney } from "../../ui/format";
import { Tabs } from "../../ui/page";
import { Loaded, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import type { Claim } from "../claim/parts";
import { AppealWork } from "./AppealWork";

type Way = "appeal" | "corrected" | "rebill" | "patient" | "write_off";
const WAYS: { key: Way; label: string }[] = [
  { key: "appeal", label: "Appeal" },
  { key: "corrected", label: "Corrected claim" },
  { key: "rebill", label: "Another payer" },
  { key: "patient", label: "Bill the patient" },
  { key: "write_off", label: "Write off" },
];
const CODES = [
  "timely_filing",
  "no_authorization",
  "non_covered",
  "appeal_exhausted",
  "small_balance",
  "duplicate",
  "other",
];
const OPEN_APPEAL = ["draft", "sent", "overturned", "partially_overturned"];

/** What open appeals hold of the denied money (the API refuses it to other resolutions). */
function held(claim: Claim): number {
  return (claim.appeals ?? []).reduce((s, a) => {
    if (!OPEN_APPEAL.includes(a.status)) return s;
    return s + (a.status === "partially_overturned" ? (a.expectedCents ?? a.amountCents) : a.amountCents);
  }, 0);
}

/**
 * Working a claim's denial, carried out: an appeal with its letter, a corrected claim with the
 * fix, a new claim to the patient's other coverage, the patient's share, or a write-off (above the
 * company's amount a biller's waits for an owner). Used on the claim page and in the denials queue.
 */
export function DenialWork({ claim, onDone, initial }: { claim: Claim; onDone: () => void; initial?: Way }) {
  const ledger = useApi(
    () => must(api.GET("/v1/claims/{claimId}/ledger", { params: { path: { claimId: claim.claimId } } })),
    [claim.claimId, claim.version],
  );
  const [way, setWay] = useState<Way>(initial ?? "appeal");
  const [done, setDone] = useState<{ text: string; claimId?: string } | undefined>();
  const finished = (text: string, claimId?: string) => {
    setDone({ text, claimId });
    onDone();
  };
  return (
    <div className="denial-work">
      <Tabs tabs={WAYS} active={way} onChange={setWay} />
      {done ? (
        <Notice tone="success">
          {done.text} {done.claimId ? <Link to={`/claims/${done.claimId}`}>Open {done.claimId}</Link> : null}
        </Notice>
      ) : null}
      <Loaded state={ledger} what="Loading the balances">
        {(l) => {
          const denied = l.balances?.deniedCents ?? 0;
          const free = denied - held(claim);
          if (way === "appeal") return <AppealWork claim={claim} free={free} onChanged={onDone} />;
          return (
            <>
              <p className="muted small">
                Denied and open: {money(denied)}
                {held(claim) ? `, of which ${money(held(claim))} is held by open appeals` : ""}. This resolves up to{" "}
                {money(Math.max(0, free))}.
              </p>
              {way === "corrected" ? <Corrected claim={claim} onDone={finished} /> : null}
              {way === "rebill" ? <Rebill claim={claim} onDone={finished} /> : null}
              {way === "patient" || way === "write_off" ? <Entry claim={claim} way={way} onDone={finished} /> : null}
            </>
          );
        }}
      </Loaded>
    </div>
  );
}

const post = (claimId: string, body: object) =>
  must(api.POST("/v1/claims/{claimId}/denial-resolution", { params: { path: { claimId } }, body: body as never }));

function Entry({ claim, way, onDone }: { claim: Claim; way: "patient" | "write_off"; onDone: (t: string) => void }) {
  const [amount, setAmount] = useState("");
  const [code, setCode] = useState("other");
  const [reason, setReason] = useState("");
  const act = useAction(async () => {
    const amountCents = amount.trim() ? parseMoney(amount) : undefined;
    if (amount.trim() && amountCents === undefined) throw new Error("The amount must look like 125.00.");
    const r = await post(claim.claimId, {
      resolution: way === "write_off" ? "write_off" : "bill_patient",
      reason,
      ...(amountCents !== undefined ? { amountCents } : {}),
      ...(way === "write_off" ? { reasonCode: code } : {}),
    });
    if ("request" in r)
      onDone(
        `${money(r.request.amountCents)} is over the company's ${money(r.request.thresholdCents)}: the write-off waits for an owner's approval.`,
      );
    else
      onDone(
        `${way === "write_off" ? "Written off" : "Billed to the patient"}: ${money(r.amountCents)}. The claim is now ${label(r.status)}.`,
      );
  });
  return (
    <form
      className="form-inline"
      aria-label={way === "write_off" ? "Write off" : "Bill the patient"}
      onSubmit={(e) => {
        e.preventDefault();
        void act.run();
      }}
    >
      <TextField
        label="Amount (blank = all open)"
        name="amountCents"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={act.error}
        inputMode="decimal"
        size={10}
      />
      {way === "write_off" ? (
        <SelectField
          label="Reason code"
          name="reasonCode"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          options={CODES.map((c) => ({ value: c, label: label(c) }))}
          error={act.error}
        />
      ) : null}
      <TextField
        label="Reason"
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={act.error}
        placeholder="why, for the ledger"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={act.busy}>
          {way === "write_off" ? "Write it off" : "Bill it to the patient"}
        </button>
      </div>
      <FormError error={act.error} fields={["amountCents", "reasonCode", "reason"]} />
    </form>
  );
}

/** The replacement's fix: each line's modifiers, the diagnoses, the authorization number. */
function Corrected({ claim, onDone }: { claim: Claim; onDone: (t: string, id?: string) => void }) {
  const lines = claim.doc.lines;
  const [mods, setMods] = useState(lines.map((l) => l.modifiers.join(" ")));
  const [dx, setDx] = useState(claim.doc.diagnoses.join(", "));
  const [auth, setAuth] = useState(claim.doc.priorAuthorization ?? "");
  const [reason, setReason] = useState("");
  const act = useAction(async () => {
    const split = (s: string) =>
      s
        .split(/[\s,]+/)
        .map((x) => x.trim().toUpperCase())
        .filter(Boolean);
    const changedLines = lines.some((l, i) => split(mods[i] ?? "").join(" ") !== l.modifiers.join(" "));
    const diagnoses = split(dx);
    const fix = {
      ...(changedLines
        ? {
            lines: lines.map((l, i) => ({
              procedureCode: l.procedureCode,
              modifiers: split(mods[i] ?? ""),
              units: l.units,
              chargeCents: l.chargeCents,
              diagnosisPointers: l.diagnosisPointers,
              serviceDate: l.serviceDate,
            })),
          }
        : {}),
      ...(diagnoses.join(",") !== claim.doc.diagnoses.join(",") ? { diagnoses } : {}),
      ...(auth.trim() && auth.trim() !== claim.doc.priorAuthorization ? { priorAuthorization: auth.trim() } : {}),
    };
    const r = await post(claim.claimId, { resolution: "corrected_claim", fix, reason });
    if (!("request" in r))
      onDone(`Corrected claim made for ${money(r.amountCents)} denied; it goes out with the next batch.`, r.newClaimId);
  });
  return (
    <form
      className="subform"
      aria-label="Corrected claim"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run();
      }}
    >
      <div className="form-inline">
        {lines.map((l, i) => (
          <TextField
            key={l.lineId}
            label={`Line ${l.lineNumber} ${l.procedureCode} modifiers`}
            name={`fix.lines.${i}.modifiers`}
            value={mods[i] ?? ""}
            onChange={(e) => setMods(mods.map((m, j) => (j === i ? e.target.value : m)))}
            error={act.error}
            size={10}
          />
        ))}
      </div>
      <div className="form-inline">
        <TextField
          label="Diagnoses"
          name="fix.diagnoses"
          value={dx}
          onChange={(e) => setDx(e.target.value)}
          error={act.error}
        />
        <TextField
          label="Prior authorization"
          name="fix.priorAuthorization"
          value={auth}
          onChange={(e) => setAuth(e.target.value)}
          error={act.error}
        />
        <TextField
          label="Reason"
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={act.error}
          placeholder="what was wrong"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={act.busy}>
            Send a corrected claim (frequency 7)
          </button>
        </div>
      </div>
      <FormError error={act.error} fields={["reason", "payerClaimControlNumber"]} />
    </form>
  );
}

function Rebill({ claim, onDone }: { claim: Claim; onDone: (t: string, id?: string) => void }) {
  const patient = useApi(
    () =>
      must(
        api.GET("/v1/practices/{practiceId}/patients/{patientId}", {
          params: { path: { practiceId: claim.practiceId, patientId: claim.patientId } },
        }),
      ),
    [claim.patientId],
  );
  const payers = useApi(() => must(api.GET("/v1/payers", { params: { query: { limit: 100 } } })), []);
  const [coverageId, setCoverageId] = useState("");
  const [reason, setReason] = useState("");
  const act = useAction(async () => {
    const r = await post(claim.claimId, { resolution: "rebill", reason, ...(coverageId ? { coverageId } : {}) });
    if (!("request" in r))
      onDone(`Billed to the other payer: ${money(r.amountCents)} moved to the new claim.`, r.newClaimId);
  });
  return (
    <Loaded state={patient} what="Loading the patient's coverage">
      {(pt) => {
        const names = new Map((payers.data?.items ?? []).map((p) => [p.payerId, p.name]));
        const others = pt.coverages.filter((c) => c.payerId !== claim.payerId);
        if (!others.length)
          return (
            <Notice tone="warning">The patient has no coverage with another payer. Add it on the patient first.</Notice>
          );
        return (
          <form
            className="form-inline"
            aria-label="Bill another payer"
            onSubmit={(e) => {
              e.preventDefault();
              void act.run();
            }}
          >
            <SelectField
              label="Coverage"
              name="coverageId"
              value={coverageId || others[0]!.coverageId}
              onChange={(e) => setCoverageId(e.target.value)}
              options={others.map((c) => ({
                value: c.coverageId,
                label: `${names.get(c.payerId) ?? c.payerId} (${c.order}, ${c.memberId})`,
              }))}
              error={act.error}
            />
            <TextField
              label="Reason"
              name="reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={act.error}
              placeholder="e.g. the other plan is primary"
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={act.busy}>
                Bill the denied lines to this payer
              </button>
            </div>
            <FormError error={act.error} fields={["coverageId", "reason", "lineIds"]} />
          </form>
        );
      }}
    </Loaded>
  );
}

/** The suggested action of a denial reason, as the tab to open first. */
export const wayOf = (action?: string): Way =>
  action === "correct_and_resubmit"
    ? "corrected"
    : action === "bill_other_payer"
      ? "rebill"
      : action === "bill_patient"
        ? "patient"
        : action === "write_off"
          ? "write_off"
          : "appeal";

/** The denial work of a claim known by id (the denials queue knows only ids). */
export function DenialWorkFor({ claimId, onDone, initial }: { claimId: string; onDone: () => void; initial?: Way }) {
  const claim = useApi(() => must(api.GET("/v1/claims/{claimId}", { params: { path: { claimId } } })), [claimId]);
  return (
    <Loaded state={claim} what="Loading the claim">
      {(c) => (
        <DenialWork
          claim={c}
          initial={initial}
          onDone={() => {
            claim.reload();
            onDone();
          }}
        />
      )}
    </Loaded>
  );
}
