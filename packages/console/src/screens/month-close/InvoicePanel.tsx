import { useState } from "react";
import { api, must } from "../../api/client";
import type { Role } from "../../api/session-api";
import type { Get } from "../../api/types";
import { FormError, TextField } from "../../ui/fields";
import { date, dateTime, label, money, month } from "../../ui/format";
import { Badge, Dialog, Panel } from "../../ui/page";
import { ErrorBanner, Loaded } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";

type Invoice = Get<"/v1/practices/{practiceId}/invoices/{period}">;
type Move = "finalize" | "send" | "pay";

const tone = (s: string) => (s === "paid" ? "good" : s === "void" ? "bad" : s === "draft" ? "warn" : "info");

/** One practice's invoice for the month: figures, lines, the PDF in the page, and its next steps. */
export function InvoicePanel({
  practiceId,
  period,
  role,
  onClose,
  onChanged,
}: {
  practiceId: string;
  period: string;
  role: Role;
  onClose: () => void;
  onChanged: () => void;
}) {
  const params = { path: { practiceId, period } };
  const inv = useApi(
    () => must(api.GET("/v1/practices/{practiceId}/invoices/{period}", { params })),
    [practiceId, period],
  );
  const [voiding, setVoiding] = useState(false);
  const move = useAction(async (to: Move) => {
    const path = `/v1/practices/{practiceId}/invoices/{period}/${to}` as const;
    await must(api.POST(path, { params }));
    inv.reload();
    onChanged();
  });

  return (
    <Panel
      title={
        inv.data
          ? `${inv.data.practice.name}: ${inv.data.number ? `invoice ${inv.data.number}` : "draft invoice"}, ${month(period)}`
          : "Invoice"
      }
      actions={
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      }
    >
      <Loaded state={inv} what="Loading the invoice">
        {(i: Invoice) => (
          <div className="invoice">
            <div className="invoice-side">
              <div className="row">
                <Badge tone={tone(i.status)}>{i.status}</Badge>
                {i.dueDate ? <span className="muted">due {date(i.dueDate)}</span> : null}
              </div>
              <dl className="kv">
                <dt>Collected in {month(period)}</dt>
                <dd>{money(i.collections.countedCents)}</dd>
                <dt>Late collections (earlier months)</dt>
                <dd>{money(i.priorPeriod.countedCents)}</dd>
                <dt>Claims submitted</dt>
                <dd>{i.activity.claimsSubmitted}</dd>
                <dt>Computed</dt>
                <dd>{dateTime(i.computedAt)}</dd>
                {i.finalizedAt ? (
                  <>
                    <dt>Finalized</dt>
                    <dd>{dateTime(i.finalizedAt)}</dd>
                  </>
                ) : null}
              </dl>
              {i.priorPeriod.months.length ? (
                <p className="small muted">
                  Late collections from {i.priorPeriod.months.map((m) => month(m.month)).join(", ")} were posted after
                  those months were invoiced and are billed here.
                </p>
              ) : null}
              <table className="table table-compact">
                <caption className="visually-hidden">Invoice lines</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {i.lines.map((l, n) => (
                    <tr key={n}>
                      <td title={label(l.kind)}>{l.description}</td>
                      <td className="num">{money(l.amountCents)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td>Total</td>
                    <td className="num">{money(i.totalCents)}</td>
                  </tr>
                </tfoot>
              </table>
              <ErrorBanner error={move.error} />
              <div className="form-actions">
                {i.status === "draft" && role === "owner" ? (
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={move.busy}
                    onClick={() => void move.run("finalize")}
                  >
                    {move.busy ? "Finalizing…" : "Finalize"}
                  </button>
                ) : null}
                {i.status === "finalized" && role !== "viewer" ? (
                  <button
                    type="button"
                    className="btn btn-primary"
                    disabled={move.busy}
                    onClick={() => void move.run("send")}
                  >
                    Mark sent
                  </button>
                ) : null}
                {(i.status === "finalized" || i.status === "sent") && role !== "viewer" ? (
                  <button type="button" className="btn" disabled={move.busy} onClick={() => void move.run("pay")}>
                    Mark paid
                  </button>
                ) : null}
                {(i.status === "finalized" || i.status === "sent") && role === "owner" ? (
                  <button
                    type="button"
                    className="btn btn-danger"
                    disabled={move.busy}
                    onClick={() => setVoiding(true)}
                  >
                    Void…
                  </button>
                ) : null}
              </div>
              <p className="small">
                {i.pdfUrl ? (
                  <a href={i.pdfUrl} target="_blank" rel="noreferrer">
                    PDF
                  </a>
                ) : null}
                {i.packetUrl ? (
                  <>
                    {" · "}
                    <a href={i.packetUrl} target="_blank" rel="noreferrer">
                      Month-end packet (for the physician)
                    </a>
                  </>
                ) : i.status !== "draft" && i.status !== "finalizing" ? (
                  <span className="muted"> · month-end packet being drawn, reload in a moment</span>
                ) : null}
                {i.csvUrl ? (
                  <>
                    {" · "}
                    <a href={i.csvUrl}>CSV of counted entries</a>
                  </>
                ) : null}
                {i.jsonUrl ? (
                  <>
                    {" · "}
                    <a href={i.jsonUrl}>JSON</a>
                  </>
                ) : null}
              </p>
            </div>
            <div className="invoice-pdf">
              {i.pdfUrl ? (
                <iframe
                  className="pdf-frame"
                  title={`Invoice PDF, ${i.practice.name}, ${month(period)}`}
                  // The viewer's own options ride in the fragment, which never reaches S3 or the signature.
                  src={`${i.pdfUrl}#navpanes=0&view=FitH`}
                />
              ) : (
                <div className="state">The PDF is written when the invoice is computed.</div>
              )}
            </div>
            <VoidDialog
              open={voiding}
              onClose={() => setVoiding(false)}
              onVoided={() => {
                setVoiding(false);
                inv.reload();
                onChanged();
              }}
              practiceId={practiceId}
              period={period}
            />
          </div>
        )}
      </Loaded>
    </Panel>
  );
}

function VoidDialog({
  open,
  onClose,
  onVoided,
  practiceId,
  period,
}: {
  open: boolean;
  onClose: () => void;
  onVoided: () => void;
  practiceId: string;
  period: string;
}) {
  const [reason, setReason] = useState("");
  const act = useAction(async () => {
    await must(
      api.POST("/v1/practices/{practiceId}/invoices/{period}/void", {
        params: { path: { practiceId, period } },
        body: { reason },
      }),
    );
    onVoided();
  });
  return (
    <Dialog title="Void this invoice?" open={open} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act.run();
        }}
      >
        <p>The invoice keeps its number and is marked void. Run the month again to draft its replacement.</p>
        <FormError error={act.error} fields={["reason"]} />
        <TextField
          label="Reason"
          name="reason"
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={act.error}
          autoFocus
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-danger" disabled={act.busy}>
            Void invoice
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
