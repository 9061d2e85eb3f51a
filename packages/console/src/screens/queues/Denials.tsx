import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { Link } from "../../router";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { dateTime, label, money } from "../../ui/format";
import { Badge, Panel } from "../../ui/page";
import { Empty, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import type { useDirectory } from "../claim/parts";
import { useActors } from "../claim/parts";
import { DenialWorkFor, wayOf } from "../denials/DenialWork";

type Group = Get<"/v1/work-queues/denials">["items"][number];
interface Row {
  key: string;
  group: Group;
  claim: Group["claims"][number];
}

export const ACTIONS = [
  { value: "correct_and_resubmit", label: "Correct and resubmit" },
  { value: "appeal", label: "Appeal" },
  { value: "bill_patient", label: "Bill the patient" },
  { value: "write_off", label: "Write off" },
  { value: "bill_other_payer", label: "Bill another payer" },
];
const actionLabel = (a: string) => ACTIONS.find((x) => x.value === a)?.label ?? label(a);

/** Denials: each denied claim under its reason (CARC) in words, the remark codes, a suggested action. */
export function Denials({ practiceId, dir }: { practiceId: string; dir: ReturnType<typeof useDirectory> }) {
  const s = useApi(
    () =>
      must(
        api.GET("/v1/work-queues/denials", { params: { query: { limit: 100, practiceId: practiceId || undefined } } }),
      ),
    [practiceId],
  );
  const [open, setOpen] = useState<string | undefined>();
  // The row being worked stays open when its work takes it off the queue (resolved, appealed).
  const [worked, setWorked] = useState<Row | undefined>();
  const actor = useActors(true);
  useEffect(() => {
    if (!open) return;
    const h = (e: KeyboardEvent) => e.key === "Escape" && setOpen(undefined);
    window.addEventListener("keydown", h);
    return () => window.removeEventListener("keydown", h);
  }, [open]);
  return (
    <Loaded state={s} what="Loading denials">
      {(d) => {
        const rows: Row[] = d.items.flatMap((g) =>
          g.claims.map((c) => ({ key: `${g.group}-${g.reason}-${c.claimId}`, group: g, claim: c })),
        );
        const current = rows.find((r) => r.key === open) ?? (worked?.key === open ? worked : undefined);
        return (
          <div className={current ? "queue-split" : undefined}>
            <div className="queue-list">
              <p className="muted small">
                {rows.length} denied claim line group(s), {money(d.items.reduce((t, g) => t + g.amountCents, 0))} open.
              </p>
              <DataTable<Row>
                caption="Denied claims by reason"
                rows={rows}
                rowKey={(r) => r.key}
                onOpen={(r) => {
                  setOpen(r.key);
                  setWorked(r);
                }}
                globalKeys={!current}
                initialSort={{ key: "amount", dir: "desc" }}
                empty={<Empty title="No open denials">No 835 has denied a claim that is still open.</Empty>}
                columns={[
                  {
                    key: "claim",
                    header: "Claim",
                    render: (r) => <span className="mono">{r.claim.claimId}</span>,
                    sortValue: (r) => r.claim.claimId,
                  },
                  {
                    key: "reason",
                    header: "Reason",
                    render: (r) => (
                      <span className="wrap-text">
                        <strong className="mono">
                          {r.group.group}-{r.group.reason}
                        </strong>{" "}
                        {r.group.description}
                      </span>
                    ),
                    sortValue: (r) => `${r.group.group}-${r.group.reason}`,
                    filterValue: (r) => `${r.group.group}-${r.group.reason} ${r.group.description}`,
                  },
                  ...(current
                    ? []
                    : [
                        {
                          key: "practice",
                          header: "Practice",
                          render: (r: Row) => dir.practices.get(r.claim.practiceId) ?? r.claim.practiceId,
                          sortValue: (r: Row) => dir.practices.get(r.claim.practiceId) ?? r.claim.practiceId,
                        },
                        {
                          key: "suggested",
                          header: "Suggested",
                          render: (r: Row) => actionLabel(r.group.suggestedAction),
                          sortValue: (r: Row) => r.group.suggestedAction,
                        },
                      ]),
                  {
                    key: "amount",
                    header: "Amount",
                    align: "right",
                    render: (r) => money(r.claim.amountCents),
                    sortValue: (r) => r.claim.amountCents,
                  },
                  {
                    key: "action",
                    header: "Action taken",
                    render: (r) =>
                      r.claim.appeal ? (
                        <Badge tone="info">Appeal {label(r.claim.appeal.status).toLowerCase()}</Badge>
                      ) : r.claim.action ? (
                        <Badge tone="info">{actionLabel(r.claim.action.action)}</Badge>
                      ) : (
                        <span className="muted">none yet</span>
                      ),
                    sortValue: (r) => r.claim.appeal?.status ?? r.claim.action?.action ?? "",
                  },
                ]}
              />
            </div>
            {current ? (
              <DenialPanel
                key={current.key}
                row={current}
                actor={actor}
                onClose={() => setOpen(undefined)}
                onChanged={s.reload}
              />
            ) : null}
          </div>
        );
      }}
    </Loaded>
  );
}

function DenialPanel({
  row,
  actor,
  onClose,
  onChanged,
}: {
  row: Row;
  actor: (a?: string) => string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { group: g, claim: c } = row;
  const [action, setAction] = useState(c.action?.action ?? g.suggestedAction ?? "appeal");
  const [note, setNote] = useState(c.action?.note ?? "");
  const [done, setDone] = useState<string | undefined>();
  const record = useAction(async () => {
    await must(
      api.POST("/v1/claims/{claimId}/denial-action", {
        params: { path: { claimId: c.claimId } },
        body: { action, note: note.trim() || undefined } as never,
      }),
    );
    setDone(`Recorded: ${actionLabel(action)}.`);
    onChanged();
  });
  return (
    <Panel
      title={`Denial on ${c.claimId}`}
      actions={
        <span className="row">
          <Link to={`/claims/${c.claimId}`}>Open claim page</Link>
          <button type="button" className="btn btn-small btn-quiet" onClick={onClose}>
            Close (Esc)
          </button>
        </span>
      }
    >
      <dl className="kv">
        <dt>Reason</dt>
        <dd>
          <strong className="mono">
            {g.group}-{g.reason}
          </strong>{" "}
          {g.description}
        </dd>
        {g.remarks.length ? (
          <>
            <dt>Remarks</dt>
            <dd>
              {g.remarks.map((r) => (
                <div key={r.code}>
                  <strong className="mono">{r.code}</strong> {r.description}
                </div>
              ))}
            </dd>
          </>
        ) : null}
        <dt>Amount</dt>
        <dd>{money(c.amountCents)}</dd>
        <dt>Suggested</dt>
        <dd>{actionLabel(g.suggestedAction)}</dd>
        <dt>Claim status</dt>
        <dd>{label(c.status)}</dd>
        {c.action ? (
          <>
            <dt>Last action</dt>
            <dd>
              {actionLabel(c.action.action)} by {actor(c.action.by)}, {dateTime(c.action.at)}
              {c.action.note ? ` — “${c.action.note}”` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <h3 className="section-title">Record the action</h3>
      <form
        className="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void record.run();
        }}
      >
        <SelectField
          label="Action"
          name="action"
          value={action}
          onChange={(e) => setAction(e.target.value)}
          options={ACTIONS}
          error={record.error}
        />
        <TextField
          label="Note"
          name="note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={record.error}
          placeholder="e.g. appeal letter sent with notes"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={record.busy}>
            Record action
          </button>
        </div>
      </form>
      <FormError error={record.error} fields={["action", "note"]} />
      <h3 className="section-title">Work it</h3>
      <DenialWorkFor claimId={c.claimId} onDone={onChanged} initial={wayOf(g.suggestedAction)} />
    </Panel>
  );
}
