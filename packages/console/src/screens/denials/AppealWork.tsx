import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { date, label, money, parseMoney } from "../../ui/format";
import { Badge } from "../../ui/page";
import { Empty, Loaded, Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import type { Claim } from "../claim/parts";
import { Paragraphs, localToday } from "./fields";

type Appeal = Get<"/v1/claims/{claimId}/appeals">["items"][number];

const FAMILIES = [
  { value: "", label: "From the denial reasons" },
  { value: "medical_necessity", label: "Medical necessity" },
  { value: "authorization", label: "Authorization" },
  { value: "timely_filing", label: "Timely filing (with proof)" },
  { value: "coding", label: "Coding and billing" },
  { value: "coordination_of_benefits", label: "Coordination of benefits" },
  { value: "general", label: "General" },
];
const tone = (s: string) =>
  s === "paid" ? "good" : s === "upheld" || s === "withdrawn" ? "bad" : s === "draft" ? "warn" : "info";

/** A claim's appeals: a new one (its letter drafted from the claim), then each one's letter, attachments, sending and decision. */
export function AppealWork({
  claim,
  free,
  onChanged,
}: {
  claim: Claim;
  /** The denied money no open appeal holds: what a new appeal may ask for. */
  free: number;
  onChanged: () => void;
}) {
  const appeals = useApi(
    () => must(api.GET("/v1/claims/{claimId}/appeals", { params: { path: { claimId: claim.claimId } } })),
    [claim.claimId, claim.version],
  );
  const [open, setOpen] = useState<string | undefined>();
  const changed = (id?: string) => {
    if (id) setOpen(id);
    appeals.reload();
    onChanged();
  };
  return (
    <Loaded state={appeals} what="Loading the appeals">
      {(d) => {
        const current = d.items.find((a) => a.appealId === open) ?? d.items.at(-1);
        return (
          <div className="appeal-work">
            {d.items.length ? (
              <ul className="appeal-list" aria-label="Appeals of this claim">
                {d.items.map((a) => (
                  <li key={a.appealId}>
                    <button
                      type="button"
                      className={
                        a.appealId === current?.appealId ? "btn btn-small btn-quiet active" : "btn btn-small btn-quiet"
                      }
                      aria-pressed={a.appealId === current?.appealId}
                      onClick={() => setOpen(a.appealId)}
                    >
                      {a.levelName}: {money(a.amountCents)}
                    </button>{" "}
                    <Badge tone={tone(a.status)}>{label(a.status)}</Badge>{" "}
                    <span className="muted small">send by {date(a.deadline)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty title="No appeal yet">Draft one below: its letter is written from the claim and the denial.</Empty>
            )}
            {current ? (
              <AppealDetail key={`${current.appealId}-${current.version}`} appeal={current} onChanged={changed} />
            ) : null}
            {free > 0 || current?.nextLevel ? (
              <NewAppeal claim={claim} next={current?.nextLevel} onCreated={(id) => changed(id)} />
            ) : (
              <p className="muted small">Open appeals hold all of the denied money: nothing is left to appeal.</p>
            )}
          </div>
        );
      }}
    </Loaded>
  );
}

function NewAppeal({
  claim,
  next,
  onCreated,
}: {
  claim: Claim;
  next?: Appeal["nextLevel"];
  onCreated: (appealId: string) => void;
}) {
  const [argument, setArgument] = useState("");
  const [family, setFamily] = useState("");
  const [lines, setLines] = useState<string[]>([]);
  const create = useAction(async () => {
    const paragraphs = argument
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean);
    const a = await must(
      api.POST("/v1/claims/{claimId}/appeals", {
        params: { path: { claimId: claim.claimId } },
        body: {
          argument: paragraphs,
          ...(family ? { family: family as never } : {}),
          ...(lines.length ? { lineIds: lines } : {}),
        },
      }),
    );
    setArgument("");
    onCreated(a.appealId);
  });
  return (
    <form
      className="subform"
      aria-label="New appeal"
      onSubmit={(e) => {
        e.preventDefault();
        void create.run();
      }}
    >
      <h4 className="section-title">
        {next ? `Appeal to the next level: ${next.levelName}, by ${date(next.deadline)}` : "New appeal"}
      </h4>
      <fieldset className="line-picks">
        <legend>Lines appealed (none ticked: the whole claim)</legend>
        {claim.doc.lines.map((l) => (
          <label key={l.lineId} className="check">
            <input
              type="checkbox"
              checked={lines.includes(l.lineId)}
              onChange={(e) => setLines(e.target.checked ? [...lines, l.lineId] : lines.filter((x) => x !== l.lineId))}
            />
            {l.lineNumber}. {l.procedureCode} {money(l.chargeCents)}
          </label>
        ))}
      </fieldset>
      <SelectField
        label="Letter"
        name="family"
        value={family}
        onChange={(e) => setFamily(e.target.value)}
        options={FAMILIES}
        error={create.error}
      />
      <Paragraphs
        label="Your argument (a paragraph a line)"
        name="argument"
        value={argument}
        onChange={setArgument}
        error={create.error}
        placeholder="Why the payer should pay: what the records show, the dates, the policy."
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.busy || !argument.trim()}>
          Draft the appeal and its letter
        </button>
      </div>
      <FormError error={create.error} fields={["argument", "family", "lineIds"]} />
    </form>
  );
}

function AppealDetail({ appeal: a, onChanged }: { appeal: Appeal; onChanged: (id?: string) => void }) {
  const ifMatch = { "if-match": `"${a.version}"` };
  const path = { appealId: a.appealId };
  const [sentOn, setSentOn] = useState(localToday());
  const [method, setMethod] = useState("fax");
  const [reference, setReference] = useState("");
  const [outcome, setOutcome] = useState("overturned");
  const [decidedOn, setDecidedOn] = useState(localToday());
  const [expected, setExpected] = useState("");
  const [why, setWhy] = useState("");
  const act = useAction(async (step: "sent" | "outcome" | "withdraw") => {
    if (step === "sent")
      await must(
        api.POST("/v1/appeals/{appealId}/sent", {
          params: { path },
          headers: ifMatch,
          body: { sentOn, method: method as never, ...(reference.trim() ? { reference: reference.trim() } : {}) },
        }),
      );
    if (step === "outcome") {
      const cents = expected.trim() ? parseMoney(expected) : undefined;
      if (expected.trim() && cents === undefined) throw new Error("The amount must look like 180.00.");
      await must(
        api.POST("/v1/appeals/{appealId}/outcome", {
          params: { path },
          headers: ifMatch,
          body: { outcome: outcome as never, decidedOn, ...(cents !== undefined ? { expectedCents: cents } : {}) },
        }),
      );
    }
    if (step === "withdraw")
      await must(
        api.POST("/v1/appeals/{appealId}/withdraw", { params: { path }, headers: ifMatch, body: { reason: why } }),
      );
    onChanged(a.appealId);
  });
  const upload = useAction(async (file: File) => {
    await must(
      api.POST("/v1/appeals/{appealId}/attachments:upload", {
        params: { path, query: { fileName: file.name } },
        // The file's bytes as they are: the body's type is the file's own.
        body: file as never,
        bodySerializer: (b: string) => b,
        headers: { "content-type": file.type || "application/octet-stream" },
      }),
    );
    onChanged(a.appealId);
  });
  const open = ["draft", "sent", "overturned", "partially_overturned"].includes(a.status);
  return (
    <div className="appeal-detail">
      <div className="appeal-facts">
        <dl className="kv">
          <dt>Level</dt>
          <dd>{a.levelName}</dd>
          <dt>Letter</dt>
          <dd>{label(a.family)}</dd>
          <dt>Appealed</dt>
          <dd>{money(a.amountCents)}</dd>
          <dt>Denied on</dt>
          <dd>{date(a.deniedOn)}</dd>
          <dt>Send by</dt>
          <dd>
            {date(a.deadline)} {a.deadlineSource === "override" ? <span className="muted">(set by hand)</span> : null}
          </dd>
          <dt>Reasons</dt>
          <dd>
            {a.reasons.map((r) => (
              <div key={`${r.group}-${r.reason}`} className="wrap-text">
                <strong className="mono">
                  {r.group}-{r.reason}
                </strong>{" "}
                {r.description}
              </div>
            ))}
          </dd>
          {a.sent ? (
            <>
              <dt>Sent</dt>
              <dd>
                {date(a.sent.sentOn)} by {a.sent.method}
                {a.sent.reference ? ` (${a.sent.reference})` : ""}
              </dd>
            </>
          ) : null}
          {a.decision ? (
            <>
              <dt>Decision</dt>
              <dd>
                {label(a.decision.outcome)} on {date(a.decision.decidedOn)}
                {a.expectedCents !== undefined ? `: ${money(a.expectedCents)} expected` : ""}
              </dd>
            </>
          ) : null}
          {a.paid ? (
            <>
              <dt>Paid</dt>
              <dd>
                {money(a.paid.paidCents)} on {date(a.paid.depositDate)}{" "}
                <span className="mono small">({a.paid.remittanceId})</span>
              </dd>
            </>
          ) : null}
        </dl>
        {a.nextLevel ? (
          <Notice tone="warning">
            Upheld{a.decision?.outcome === "partially_overturned" ? " in part" : ""}: appeal{" "}
            {money(a.nextLevel.amountCents)} to {a.nextLevel.levelName.toLowerCase()} by {date(a.nextLevel.deadline)}{" "}
            (below), or write it off.
          </Notice>
        ) : null}
        <h4 className="section-title">Attachments</h4>
        <ul className="attachments">
          {a.attachments.map((x) => (
            <li key={x.attachmentId}>
              {x.url ? <a href={x.url}>{x.fileName}</a> : x.fileName}{" "}
              <span className="muted small">
                {Math.ceil(x.bytes / 1024)} KB · {x.status}
              </span>
            </li>
          ))}
          {a.attachments.length ? null : <li className="muted">None yet.</li>}
        </ul>
        {open ? (
          <div className="field">
            <label htmlFor={`att-${a.appealId}`}>Attach a file (PDF, PNG, JPEG, TIFF)</label>
            <input
              id={`att-${a.appealId}`}
              type="file"
              accept="application/pdf,image/png,image/jpeg,image/tiff"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void upload.run(f);
              }}
            />
          </div>
        ) : null}
        <FormError error={upload.error} />
        {a.status === "draft" ? (
          <form
            className="form-inline subform"
            aria-label="Mark sent"
            onSubmit={(e) => {
              e.preventDefault();
              void act.run("sent");
            }}
          >
            <TextField
              label="Sent on"
              name="sentOn"
              type="date"
              value={sentOn}
              onChange={(e) => setSentOn(e.target.value)}
              error={act.error}
            />
            <SelectField
              label="How"
              name="method"
              value={method}
              onChange={(e) => setMethod(e.target.value)}
              options={["fax", "mail", "portal", "electronic"].map((v) => ({ value: v, label: label(v) }))}
            />
            <TextField
              label="Reference"
              name="reference"
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              error={act.error}
              placeholder="fax confirmation, tracking..."
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={act.busy}>
                Mark sent
              </button>
            </div>
          </form>
        ) : null}
        {a.status === "sent" ? (
          <form
            className="form-inline subform"
            aria-label="Record the decision"
            onSubmit={(e) => {
              e.preventDefault();
              void act.run("outcome");
            }}
          >
            <SelectField
              label="Decision"
              name="outcome"
              value={outcome}
              onChange={(e) => setOutcome(e.target.value)}
              options={[
                { value: "overturned", label: "Overturned" },
                { value: "partially_overturned", label: "Partially overturned" },
                { value: "upheld", label: "Upheld" },
              ]}
            />
            <TextField
              label="Decided on"
              name="decidedOn"
              type="date"
              value={decidedOn}
              onChange={(e) => setDecidedOn(e.target.value)}
              error={act.error}
            />
            {outcome !== "upheld" ? (
              <TextField
                label="Payment expected"
                name="expectedCents"
                value={expected}
                onChange={(e) => setExpected(e.target.value)}
                error={act.error}
                inputMode="decimal"
                size={10}
                placeholder={(a.amountCents / 100).toFixed(2)}
              />
            ) : null}
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={act.busy}>
                Record the decision
              </button>
            </div>
          </form>
        ) : null}
        {open ? (
          <form
            className="form-inline subform"
            aria-label="Withdraw"
            onSubmit={(e) => {
              e.preventDefault();
              void act.run("withdraw");
            }}
          >
            <TextField
              label="Withdraw, because"
              name="reason"
              value={why}
              onChange={(e) => setWhy(e.target.value)}
              error={act.error}
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-danger" disabled={act.busy || why.trim().length < 3}>
                Withdraw
              </button>
            </div>
          </form>
        ) : null}
        <FormError
          error={act.error}
          fields={["sentOn", "method", "reference", "decidedOn", "expectedCents", "reason"]}
        />
      </div>
      <div className="appeal-letter">
        <iframe
          className="pdf-frame"
          title={`Appeal letter, ${a.levelName}`}
          src={`${a.letterUrl}#navpanes=0&view=FitH`}
        />
        <a className="small" href={a.letterUrl} target="_blank" rel="noreferrer">
          Open the letter
        </a>
      </div>
    </div>
  );
}
