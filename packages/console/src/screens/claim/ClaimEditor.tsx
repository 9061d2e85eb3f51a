import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { api, ApiError, must } from "../../api/client";
import { FormError, TextField } from "../../ui/fields";
import { centsInput, money, parseMoney } from "../../ui/format";
import { ErrorBanner, Notice } from "../../ui/states";
import { useAction } from "../../ui/use-api";
import type { Claim, Finding } from "./parts";

interface LineForm {
  procedureCode: string;
  modifiers: string;
  units: string;
  charge: string;
  pointers: string;
}
interface Form {
  serviceDate: string;
  placeOfService: string;
  priorAuthorization: string;
  memberId: string;
  groupNumber: string;
  diagnoses: string[];
  lines: LineForm[];
  reason: string;
}

function formOf(c: Claim): Form {
  return {
    serviceDate: c.doc.serviceDate,
    placeOfService: c.doc.placeOfService,
    priorAuthorization: c.doc.priorAuthorization ?? "",
    memberId: c.doc.coverage.memberId,
    groupNumber: c.doc.coverage.groupNumber ?? "",
    diagnoses: [...c.doc.diagnoses],
    lines: c.doc.lines.map((l) => ({
      procedureCode: l.procedureCode,
      modifiers: l.modifiers.join(" "),
      units: String(l.units),
      charge: centsInput(l.chargeCents),
      pointers: l.diagnosisPointers.join(" "),
    })),
    reason: "",
  };
}

/** The fields a finding path can point at, most specific first: `lines.2.diagnosisPointers.0` -> `lines.2.diagnosisPointers`. */
const FIELD_OF: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^lines\.(\d+)\.(procedureCode|modifiers|units|chargeCents|diagnosisPointers)/, (m) => `lines.${m[1]}.${m[2]}`],
  [/^lines\.(\d+)/, (m) => `lines.${m[1]}.procedureCode`],
  [/^diagnoses\.(\d+)/, (m) => `diagnoses.${m[1]}`],
  [/^coverage\.memberId/, () => "memberId"],
  [/^coverage\.groupNumber/, () => "groupNumber"],
  [/^(serviceDate|placeOfService|priorAuthorization)$/, (m) => m[1]!],
  [/^serviceDateTo$/, () => "serviceDate"],
];
export function fieldOfFinding(path: string): string | undefined {
  for (const [re, to] of FIELD_OF) {
    const m = re.exec(path);
    if (m) return to(m);
  }
  return undefined;
}

function FindingNote({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <ul className="findings-inline">
      {findings.map((f) => (
        <li key={f.ruleId + f.path} className={f.severity === "error" ? "finding-error" : "finding-warning"}>
          <strong>{f.severity === "error" ? "Error" : "Warning"}:</strong> {f.message}
          {f.fixHint ? <span className="muted"> — {f.fixHint}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A claim's editable fields with each scrub finding next to the field it concerns; saving PATCHes
 * only what changed (If-Match with the version shown) and the API scrubs the claim again.
 */
export function ClaimEditor({
  claim,
  onSaved,
  autoFocus,
  actions,
}: {
  claim: Claim;
  onSaved: (c: Claim) => void;
  autoFocus?: boolean;
  actions?: ReactNode;
}) {
  const [f, setF] = useState<Form>(() => formOf(claim));
  const [saved, setSaved] = useState<Claim | undefined>();
  const root = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setF(formOf(claim));
  }, [claim.claimId, claim.version]);

  const byField = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const x of claim.findings) {
      const k = fieldOfFinding(x.path) ?? "";
      m.set(k, [...(m.get(k) ?? []), x]);
    }
    return m;
  }, [claim.findings]);
  const at = (name: string) => byField.get(name) ?? [];
  const general = byField.get("") ?? [];

  useEffect(() => {
    if (!autoFocus) return;
    // Put the cursor in the first field a finding names, so the biller types the fix at once.
    const first = claim.findings.map((x) => fieldOfFinding(x.path)).find(Boolean);
    const el = first ? root.current?.querySelector<HTMLInputElement>(`[name="${first}"]`) : undefined;
    el?.focus();
  }, [claim.claimId, claim.version, autoFocus]);

  const save = useAction(async () => {
    const orig = formOf(claim);
    const body: Record<string, unknown> = {};
    if (f.serviceDate !== orig.serviceDate) body.serviceDate = f.serviceDate;
    if (f.placeOfService !== orig.placeOfService) body.placeOfService = f.placeOfService;
    if (f.priorAuthorization !== orig.priorAuthorization) body.priorAuthorization = f.priorAuthorization || null;
    if (f.memberId !== orig.memberId) body.memberId = f.memberId;
    if (f.groupNumber !== orig.groupNumber) body.groupNumber = f.groupNumber || null;
    const dx = f.diagnoses.map((d) => d.trim()).filter(Boolean);
    if (dx.join(",") !== orig.diagnoses.join(",")) body.diagnoses = dx;
    if (JSON.stringify(f.lines) !== JSON.stringify(orig.lines)) {
      const problems: { path: string; message: string }[] = [];
      body.lines = f.lines.map((l, i) => {
        const chargeCents = parseMoney(l.charge);
        if (chargeCents === undefined)
          problems.push({ path: `lines.${i}.chargeCents`, message: "an amount like 125.00" });
        const units = Number(l.units);
        const old = claim.doc.lines[i];
        return {
          procedureCode: l.procedureCode.trim(),
          modifiers: l.modifiers.split(/[\s,]+/).filter(Boolean),
          units: Number.isFinite(units) ? units : l.units,
          chargeCents,
          diagnosisPointers: l.pointers
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((p) => Number(p)),
          ...(old?.serviceDate && old.serviceDate !== claim.doc.serviceDate ? { serviceDate: old.serviceDate } : {}),
          ...(old?.ndc ? { ndc: old.ndc, ndcQuantity: old.ndcQuantity, ndcUnit: old.ndcUnit } : {}),
        };
      });
      if (problems.length)
        throw new ApiError(422, { type: "validation", title: "Check the fields marked", errors: problems });
    }
    if (f.reason.trim()) body.reason = f.reason.trim();
    const out = await must(
      api.PATCH("/v1/claims/{claimId}", {
        params: { path: { claimId: claim.claimId } },
        headers: { "If-Match": `"${claim.version}"` },
        body: body as never,
      }),
    );
    setSaved(out);
    onSaved(out);
    return out;
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const err = save.error;
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const setLine = (i: number, k: keyof LineForm) => (e: { target: { value: string } }) =>
    setF({ ...f, lines: f.lines.map((l, j) => (j === i ? { ...l, [k]: e.target.value } : l)) });
  const stale = err instanceof ApiError && err.status === 412;

  return (
    <form
      ref={root}
      className="claim-editor"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit(e);
      }}
      aria-label={`Fix claim ${claim.claimId}`}
    >
      {general.length ? (
        <div className="editor-general">
          <FindingNote findings={general} />
        </div>
      ) : null}
      <div className="editor-grid">
        <div>
          <TextField
            label="Date of service"
            name="serviceDate"
            type="date"
            value={f.serviceDate}
            onChange={set("serviceDate")}
            error={err}
          />
          <FindingNote findings={at("serviceDate")} />
        </div>
        <div>
          <TextField
            label="Place of service"
            name="placeOfService"
            value={f.placeOfService}
            onChange={set("placeOfService")}
            error={err}
            maxLength={2}
          />
          <FindingNote findings={at("placeOfService")} />
        </div>
        <div>
          <TextField label="Member ID" name="memberId" value={f.memberId} onChange={set("memberId")} error={err} />
          <FindingNote findings={at("memberId")} />
        </div>
        <div>
          <TextField
            label="Group number"
            name="groupNumber"
            value={f.groupNumber}
            onChange={set("groupNumber")}
            error={err}
          />
          <FindingNote findings={at("groupNumber")} />
        </div>
        <div>
          <TextField
            label="Prior authorization"
            name="priorAuthorization"
            value={f.priorAuthorization}
            onChange={set("priorAuthorization")}
            error={err}
          />
          <FindingNote findings={at("priorAuthorization")} />
        </div>
      </div>

      <h3 className="section-title">Diagnoses (ICD-10)</h3>
      <div className="editor-dx">
        {f.diagnoses.map((d, i) => (
          <div key={i} className={at(`diagnoses.${i}`).length ? "dx-cell flagged" : "dx-cell"}>
            <TextField
              label={`Diagnosis ${i + 1}`}
              name={`diagnoses.${i}`}
              value={d}
              error={err}
              onChange={(e) => setF({ ...f, diagnoses: f.diagnoses.map((x, j) => (j === i ? e.target.value : x)) })}
            />
            <FindingNote findings={at(`diagnoses.${i}`)} />
          </div>
        ))}
        {f.diagnoses.length < 12 ? (
          <button
            type="button"
            className="btn btn-small btn-quiet dx-add"
            onClick={() => setF({ ...f, diagnoses: [...f.diagnoses, ""] })}
          >
            Add a diagnosis
          </button>
        ) : null}
      </div>

      <h3 className="section-title">Service lines</h3>
      <table className="table table-compact editor-lines">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Procedure</th>
            <th scope="col">Modifiers</th>
            <th scope="col">Units</th>
            <th scope="col">Charge</th>
            <th scope="col">Dx pointers</th>
          </tr>
        </thead>
        <tbody>
          {f.lines.map((l, i) => {
            const notes = ["procedureCode", "modifiers", "units", "chargeCents", "diagnosisPointers"].flatMap((k) =>
              at(`lines.${i}.${k}`),
            );
            return <LineRow key={i} i={i} l={l} setLine={setLine} err={err} notes={notes} />;
          })}
        </tbody>
      </table>

      <div className="form-inline">
        <TextField
          label="Why (kept in the claim's history)"
          name="reason"
          value={f.reason}
          onChange={set("reason")}
          error={err}
          placeholder="e.g. member ID from the card"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            {save.busy ? "Saving…" : "Save and re-scrub"}
          </button>
          {actions}
        </div>
      </div>
      {stale ? (
        <ErrorBanner
          error={new Error("Someone changed this claim since you opened it. Reload it and make the change again.")}
        />
      ) : (
        <FormError
          error={err}
          fields={[
            "serviceDate",
            "placeOfService",
            "memberId",
            "groupNumber",
            "priorAuthorization",
            "diagnoses",
            "lines",
            "reason",
          ]}
        />
      )}
      {saved && saved.version === claim.version ? (
        saved.status === "ready" ? (
          <Notice tone="success">Saved. The claim passed the scrubber and is ready to send.</Notice>
        ) : (
          <Notice tone="warning">
            Saved, but the scrubber still has {saved.findings.filter((x) => x.severity === "error").length} error(s) on
            it.
          </Notice>
        )
      ) : null}
      <p className="muted small">
        Total charge {money(claim.totalChargeCents)} · version {claim.version} · Ctrl+Enter saves
      </p>
    </form>
  );
}

function LineRow({
  i,
  l,
  setLine,
  err,
  notes,
}: {
  i: number;
  l: LineForm;
  setLine: (i: number, k: keyof LineForm) => (e: { target: { value: string } }) => void;
  err: unknown;
  notes: Finding[];
}) {
  const cell = (k: keyof LineForm, name: string, labelText: string, width: string) => (
    <td className="cell-input">
      <TextField
        label={`Line ${i + 1} ${labelText}`}
        name={`lines.${i}.${name}`}
        value={l[k]}
        onChange={setLine(i, k)}
        error={err}
        size={Number(width)}
      />
    </td>
  );
  return (
    <>
      <tr className={notes.length ? "row-flagged" : undefined}>
        <td>{i + 1}</td>
        {cell("procedureCode", "procedureCode", "procedure", "7")}
        {cell("modifiers", "modifiers", "modifiers", "8")}
        {cell("units", "units", "units", "4")}
        {cell("charge", "chargeCents", "charge", "9")}
        {cell("pointers", "diagnosisPointers", "pointers", "7")}
      </tr>
      {notes.length ? (
        <tr className="row-notes">
          <td />
          <td colSpan={5}>
            <FindingNote findings={notes} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
