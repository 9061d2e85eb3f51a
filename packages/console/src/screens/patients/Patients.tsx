import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { Link } from "../../router";
import { useUser } from "../../session";
import { SelectField } from "../../ui/fields";
import { date, label, money } from "../../ui/format";
import { Page, Panel } from "../../ui/page";
import { Badge } from "../../ui/page";
import { Empty, ErrorBanner, Loaded } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { useDirectory } from "../claim/parts";
import { EligibilityPanel } from "./EligibilityPanel";
import { DeskPayment, RefundOverpayment } from "./DeskPayment";
import { PaymentPlanPanel } from "./PaymentPlanPanel";
import { StatementHistory } from "./StatementHistory";

type Patient = Get<"/v1/practices/{practiceId}/patients">["items"][number];
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

/**
 * Patients: find one, see coverage and balance (credit held and overpayments too), take a payment at
 * any time, see the statements sent and the payment plan, issue a statement (PDF in the page).
 */
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
  // Bumped by anything that changes what the patient owes or was sent: the panels below read again.
  const [tick, setTick] = useState(0);
  const changed = () => {
    bal.reload();
    setTick((t) => t + 1);
  };
  const statement = useAction(async () => {
    const s = await must(api.POST("/v1/practices/{practiceId}/patients/{patientId}/statements", { params: { path } }));
    setPdf(s.pdfUrl);
    setTick((t) => t + 1);
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
              {b.creditCents ? ` · ${money(b.creditCents)} held as credit` : ""}
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
                    <th scope="col" className="num">
                      Credit
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
                      <td className="num">
                        {v.status === "awaiting_payer" ? (
                          <Badge tone="info">with the payer</Badge>
                        ) : v.status === "pending_secondary" ? (
                          <Badge tone="info">secondary pending</Badge>
                        ) : (
                          money(v.patientBalanceCents)
                        )}
                      </td>
                      <td className="num">{v.creditCents ? money(v.creditCents) : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty title="Nothing owed">No visit of this patient has a patient balance.</Empty>
            )}
            {canPost ? <RefundOverpayment balance={b} practiceId={p.practiceId} onPosted={changed} /> : null}
            {canPost ? (
              <DeskPayment balance={b} practiceId={p.practiceId} patientId={p.patientId} onPosted={changed} />
            ) : null}
            <PaymentPlanPanel
              practiceId={p.practiceId}
              patientId={p.patientId}
              owesCents={b.balanceCents}
              canManage={canPost}
              tick={tick}
              onChanged={changed}
            />
          </>
        )}
      </Loaded>
      <StatementHistory practiceId={p.practiceId} patientId={p.patientId} tick={tick} />
      <h3 className="section-title">Issue a statement now</h3>
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
