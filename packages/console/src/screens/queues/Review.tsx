import { useEffect, useState } from "react";
import { Link } from "../../router";
import { date, money } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Empty, ErrorState, Loading, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { ClaimEditor } from "../claim/ClaimEditor";
import type { useDirectory } from "../claim/parts";
import { ageDays, patientName, type Claim } from "../claim/parts";
import { useClaimQueue, type QueueFilter } from "./Queues";

type Dir = ReturnType<typeof useDirectory>;

/** Needs review: the claims the scrubber stopped. Enter opens the fix form next to the list. */
export function Review({ filter, dir }: { filter: QueueFilter; dir: Dir }) {
  const q = useClaimQueue("needs_review", filter);
  const [open, setOpen] = useState<string | undefined>();
  const [done, setDone] = useState<string[]>([]);
  const current = q.items.find((c) => c.claimId === open);

  useEffect(() => {
    if (!open) return;
    const h = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(undefined);
        document.querySelector<HTMLElement>(".queue-list .table-scroll")?.focus();
      }
    };
    window.addEventListener("keydown", h);
    return () => window.removeEventListener("keydown", h);
  }, [open]);

  const saved = (c: Claim) => {
    if (c.status === "needs_review") {
      q.setItems((items) => items.map((x) => (x.claimId === c.claimId ? c : x)));
      return;
    }
    // Fixed: it leaves the queue, and the next claim opens.
    const i = q.items.findIndex((x) => x.claimId === c.claimId);
    const rest = q.items.filter((x) => x.claimId !== c.claimId);
    q.setItems(rest);
    setDone((d) => [c.claimId, ...d]);
    setOpen(rest[Math.min(i, rest.length - 1)]?.claimId);
  };

  if (q.error && !q.items.length) return <ErrorState error={q.error} retry={q.reload} />;
  if (q.loading && !q.items.length) return <Loading what="Loading the review queue" />;
  return (
    <div className={current ? "queue-split" : undefined}>
      <div className="queue-list">
        {done.length ? (
          <Notice tone="success">
            {done.length === 1 ? "1 claim" : `${done.length} claims`} fixed and ready to send:{" "}
            {done.slice(0, 5).map((id, i) => (
              <span key={id}>
                {i ? ", " : ""}
                <Link to={`/claims/${id}`}>{id}</Link>
              </span>
            ))}
            {done.length > 5 ? "…" : ""}
          </Notice>
        ) : null}
        <DataTable<Claim>
          caption="Claims that need review"
          rows={q.items}
          rowKey={(c) => c.claimId}
          onOpen={(c) => setOpen(c.claimId)}
          globalKeys={!current}
          pageSize={50}
          onMore={q.more}
          moreBusy={q.loading}
          initialSort={{ key: "age", dir: "desc" }}
          empty={
            <Empty title="Nothing needs review">
              Every claim passed the scrubber. New encounters land here when they do not.
            </Empty>
          }
          columns={[
            {
              key: "claim",
              header: "Claim",
              render: (c) => <span className="mono">{c.claimId}</span>,
              sortValue: (c) => c.claimId,
            },
            { key: "patient", header: "Patient", render: patientName, sortValue: patientName },
            ...(current
              ? []
              : [
                  {
                    key: "practice",
                    header: "Practice",
                    render: (c: Claim) => dir.practices.get(c.practiceId) ?? c.practiceId,
                    sortValue: (c: Claim) => dir.practices.get(c.practiceId) ?? c.practiceId,
                  },
                  {
                    key: "payer",
                    header: "Payer",
                    render: (c: Claim) => c.doc.coverage.payerName,
                    sortValue: (c: Claim) => c.doc.coverage.payerName,
                  },
                ]),
            ...(current
              ? []
              : [
                  {
                    key: "dos",
                    header: "Service",
                    render: (c: Claim) => date(c.serviceDate),
                    sortValue: (c: Claim) => c.serviceDate,
                  },
                ]),
            {
              key: "age",
              header: "Age",
              align: "right",
              render: (c) => `${ageDays(c.serviceDate)} d`,
              sortValue: (c) => ageDays(c.serviceDate),
            },
            {
              key: "charge",
              header: "Charge",
              align: "right",
              render: (c) => money(c.totalChargeCents),
              sortValue: (c) => c.totalChargeCents,
            },
            {
              key: "finding",
              header: "First finding",
              render: (c) => {
                const errs = c.findings.filter((x) => x.severity === "error");
                const first = errs[0] ?? c.findings[0];
                return first ? (
                  <span className="finding-cell" title={first.message}>
                    {errs.length > 1 ? <span className="badge badge-bad">{errs.length}</span> : null} {first.message}
                  </span>
                ) : (
                  <span className="muted">{c.statusReason ?? "—"}</span>
                );
              },
              filterValue: (c) => c.findings.map((x) => x.message).join(" "),
            },
          ]}
        />
      </div>
      {current ? (
        <Panel
          title={`Fix ${current.claimId} · ${patientName(current)}`}
          actions={
            <span className="row">
              <Link to={`/claims/${current.claimId}`}>Open claim page</Link>
              <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen(undefined)}>
                Close (Esc)
              </button>
            </span>
          }
        >
          <p className="muted small">
            {dir.practices.get(current.practiceId) ?? current.practiceId} · {current.doc.coverage.payerName} ·{" "}
            {date(current.serviceDate)} ·{" "}
            {current.doc.renderingProvider.lastName ?? current.doc.renderingProvider.organizationName}
          </p>
          <ClaimEditor claim={current} onSaved={saved} autoFocus />
        </Panel>
      ) : null}
    </div>
  );
}
