import { useEffect, useState } from "react";
import { api, ApiError, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { Link } from "../../router";
import { useUser } from "../../session";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { date, label, money, parseMoney } from "../../ui/format";
import { Page, Panel } from "../../ui/page";
import { Empty, ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { useDirectory } from "../claim/parts";
import { EligibilityPanel } from "./EligibilityPanel";

type Patient = Get<"/v1/practices/{practiceId}/patients">["items"][number];
type Balance = Get<"/v1/practices/{practiceId}/patients/{patientId}/balance">;

/** Every patient of a practice (the API lists by practice; the search box filters what it listed). */
async function allPatients(practiceId: string): Promise<Patient[]> {
  const out: Patient[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await must(
      api.GET("/v1/practices/{practiceId}/patients", {
        params: { path: { practiceId }, query: { limit: 100, cursor } },
      }),
    );
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Patients: find one, see coverage and balance, issue a statement (PDF in the page), record a payment. */
export default function Patients({ query }: ScreenProps) {
  const user = useUser();
  const dir = useDirectory();
  const [practiceId, setPracticeId] = useState(query.get("practiceId") ?? user.practiceId ?? "");
  useEffect(() => {
    if (!practiceId && dir.practices.size) setPracticeId([...dir.practices.keys()][0]!);
  }, [dir.practices.size]);
  const [open, setOpen] = useState<string | undefined>(query.get("patientId") ?? undefined);
  const list = useApi(() => (practiceId ? allPatients(practiceId) : Promise.resolve([])), [practiceId]);
  const current = list.data?.find((p) => p.patientId === open);
  return (
    <Page title="Patients">
      <div className="row queue-filters">
        <SelectField
          label="Practice"
          name="practiceId"
          value={practiceId}
          onChange={(e) => {
            setPracticeId(e.target.value);
            setOpen(undefined);
          }}
          options={[...dir.practices].map(([value, l]) => ({ value, label: l }))}
        />
        <p className="muted small">Type in the filter box ( / ) to search by name, birth date, account or member ID.</p>
      </div>
      <div className={current ? "queue-split" : undefined}>
        <div className="queue-list">
          <Loaded state={list} what="Loading patients">
            {(rows) => (
              <DataTable<Patient>
                caption="Patients"
                rows={rows}
                rowKey={(p) => p.patientId}
                onOpen={(p) => setOpen(p.patientId)}
                globalKeys={!current}
                initialSort={{ key: "name", dir: "asc" }}
                empty={<Empty title="No patients yet">Patients are registered with their first encounter.</Empty>}
                columns={[
                  {
                    key: "name",
                    header: "Patient",
                    render: (p) => `${p.lastName}, ${p.firstName}`,
                    sortValue: (p) => `${p.lastName} ${p.firstName}`,
                    filterValue: (p) =>
                      `${p.lastName} ${p.firstName} ${p.dateOfBirth} ${p.accountNumber ?? ""} ${p.coverages.map((c) => c.memberId).join(" ")}`,
                  },
                  { key: "dob", header: "Born", render: (p) => date(p.dateOfBirth), sortValue: (p) => p.dateOfBirth },
                  {
                    key: "acct",
                    header: "Account",
                    render: (p) => <span className="mono">{p.accountNumber ?? "—"}</span>,
                    sortValue: (p) => p.accountNumber ?? "",
                  },
                  {
                    key: "cov",
                    header: "Primary coverage",
                    render: (p) => {
                      const c = p.coverages.find((x) => x.order === "primary");
                      return c ? (
                        `${dir.payers.get(c.payerId) ?? c.payerId} · ${c.memberId}`
                      ) : (
                        <span className="muted">self-pay</span>
                      );
                    },
                  },
                ]}
              />
            )}
          </Loaded>
        </div>
        {current ? (
          <PatientPanel
            key={current.patientId}
            patient={current}
            dir={dir}
            canPost={user.role === "owner" || user.role === "biller"}
            canCheck={user.role !== "viewer"}
            onClose={() => setOpen(undefined)}
          />
        ) : null}
      </div>
    </Page>
  );
}

function PatientPanel({
  patient: p,
  dir,
  canPost,
  canCheck,
  onClose,
}: {
  patient: Patient;
  dir: ReturnType<typeof useDirectory>;
  canPost: boolean;
  canCheck: boolean;
  onClose: () => void;
}) {
  const path = { practiceId: p.practiceId, patientId: p.patientId };
  const bal = useApi(
    () => must(api.GET("/v1/practices/{practiceId}/patients/{patientId}/balance", { params: { path } })),
    [p.patientId],
  );
  const [pdf, setPdf] = useState<string | undefined>();
  const statement = useAction(async () => {
    const s = await must(api.POST("/v1/practices/{practiceId}/patients/{patientId}/statements", { params: { path } }));
    setPdf(s.pdfUrl);
  });
  return (
    <Panel
      title={`${p.lastName}, ${p.firstName}`}
      actions={
        <button type="button" className="btn btn-small btn-quiet" onClick={onClose}>
          Close
        </button>
      }
    >
      <dl className="kv">
        <dt>Born</dt>
        <dd>
          {date(p.dateOfBirth)} · {p.sex}
        </dd>
        <dt>Address</dt>
        <dd>
          {p.address.line1}, {p.address.city}, {p.address.state} {p.address.postalCode}
        </dd>
        {p.coverages.map((c) => (
          <div key={c.coverageId} className="kv-pair">
            <dt>{label(c.order)}</dt>
            <dd>
              {dir.payers.get(c.payerId) ?? c.payerId} · member <span className="mono">{c.memberId}</span>
              {c.groupNumber ? ` · group ${c.groupNumber}` : ""} · {c.relationship}
            </dd>
          </div>
        ))}
      </dl>
      <EligibilityPanel practiceId={p.practiceId} patientId={p.patientId} payers={dir.payers} canCheck={canCheck} />
      <h3 className="section-title">Balance</h3>
      <Loaded state={bal} what="Loading the balance">
        {(b) => (
          <>
            <p>
              Owes <strong>{money(b.balanceCents)}</strong>
              {b.pendingSecondaryCents ? ` · ${money(b.pendingSecondaryCents)} waiting on a secondary payer` : ""}
            </p>
            {b.claims.length ? (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">Visit</th>
                    <th scope="col">Claim</th>
                    <th scope="col" className="num">
                      Charge
                    </th>
                    <th scope="col" className="num">
                      Insurance paid
                    </th>
                    <th scope="col" className="num">
                      Patient paid
                    </th>
                    <th scope="col" className="num">
                      Balance
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.claims.map((v) => (
                    <tr key={v.claimId}>
                      <td>{date(v.serviceDate)}</td>
                      <td>
                        <Link to={`/claims/${v.claimId}`}>{v.claimId}</Link>
                      </td>
                      <td className="num">{money(v.chargeCents)}</td>
                      <td className="num">{money(v.insurancePaidCents)}</td>
                      <td className="num">{money(v.patientPaidCents)}</td>
                      <td className="num">{money(v.patientBalanceCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty title="Nothing owed">No visit of this patient has a patient balance.</Empty>
            )}
            {canPost && b.claims.some((v) => v.patientBalanceCents > 0) ? (
              <Payment balance={b} practiceId={p.practiceId} onPosted={bal.reload} />
            ) : null}
          </>
        )}
      </Loaded>
      <h3 className="section-title">Statement</h3>
      <div className="form-actions">
        <button type="button" className="btn" disabled={statement.busy} onClick={() => void statement.run()}>
          {statement.busy ? "Issuing…" : "Issue a statement (PDF)"}
        </button>
        {pdf ? (
          <a href={pdf} target="_blank" rel="noopener noreferrer">
            Open the PDF in a new tab
          </a>
        ) : null}
      </div>
      <ErrorBanner error={statement.error} />
      {pdf ? <iframe className="pdf-frame" title={`Statement for ${p.lastName}, ${p.firstName}`} src={pdf} /> : null}
    </Panel>
  );
}

function Payment({ balance, practiceId, onPosted }: { balance: Balance; practiceId: string; onPosted: () => void }) {
  const owing = balance.claims.filter((v) => v.patientBalanceCents > 0);
  const [f, setF] = useState({
    claimId: owing[0]?.claimId ?? "",
    amount: "",
    method: "card",
    paymentDate: today(),
    reference: "",
  });
  const [done, setDone] = useState<string | undefined>();
  const post = useAction(async () => {
    const amountCents = parseMoney(f.amount);
    if (amountCents === undefined)
      throw new ApiError(422, {
        title: "Check the amount",
        errors: [{ path: "amountCents", message: "an amount like 25.00" }],
      });
    await must(
      api.POST("/v1/payments", {
        body: {
          practiceId,
          kind: "patient",
          method: f.method as "card",
          paymentDate: f.paymentDate,
          reference: f.reference || undefined,
          amountCents,
          allocations: [{ claimId: f.claimId, amountCents }],
        },
      }),
    );
    setDone(`Posted ${money(amountCents)} to ${f.claimId}.`);
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
      <h3 className="section-title">Record a patient payment</h3>
      <div className="form-inline">
        <SelectField
          label="Visit"
          name="allocations.0.claimId"
          value={f.claimId}
          onChange={set("claimId")}
          error={post.error}
          options={owing.map((v) => ({
            value: v.claimId,
            label: `${date(v.serviceDate)} · owes ${money(v.patientBalanceCents)}`,
          }))}
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
            Post payment
          </button>
        </div>
      </div>
      <FormError error={post.error} fields={["amountCents", "method", "paymentDate", "reference", "claimId"]} />
      {done ? <Notice tone="success">{done}</Notice> : null}
    </form>
  );
}
