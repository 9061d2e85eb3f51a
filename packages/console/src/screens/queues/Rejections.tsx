import { navigate } from "../../router";
import { date, money } from "../../ui/format";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { DataTable } from "../../ui/table";
import type { useDirectory } from "../claim/parts";
import { ageDays, patientName, type Claim } from "../claim/parts";
import { useClaimQueue, type QueueFilter } from "./Queues";

/** Rejections: claims a 999 or 277CA sent back, with the reason the clearinghouse or payer gave. */
export function Rejections({ filter, dir }: { filter: QueueFilter; dir: ReturnType<typeof useDirectory> }) {
  const q = useClaimQueue("rejected", filter);
  if (q.error && !q.items.length) return <ErrorState error={q.error} retry={q.reload} />;
  if (q.loading && !q.items.length) return <Loading what="Loading rejections" />;
  return (
    <DataTable<Claim>
      caption="Rejected claims"
      rows={q.items}
      rowKey={(c) => c.claimId}
      onOpen={(c) => navigate(`/claims/${c.claimId}`)}
      globalKeys
      onMore={q.more}
      moreBusy={q.loading}
      initialSort={{ key: "age", dir: "desc" }}
      empty={<Empty title="No rejections">No 999 or 277CA has sent a claim back.</Empty>}
      columns={[
        {
          key: "claim",
          header: "Claim",
          render: (c) => <span className="mono">{c.claimId}</span>,
          sortValue: (c) => c.claimId,
        },
        { key: "patient", header: "Patient", render: patientName, sortValue: patientName },
        {
          key: "practice",
          header: "Practice",
          render: (c) => dir.practices.get(c.practiceId) ?? c.practiceId,
          sortValue: (c) => dir.practices.get(c.practiceId) ?? c.practiceId,
        },
        {
          key: "payer",
          header: "Payer",
          render: (c) => c.doc.coverage.payerName,
          sortValue: (c) => c.doc.coverage.payerName,
        },
        {
          key: "age",
          header: "Age",
          align: "right",
          render: (c) => <span title={`Date of service ${date(c.serviceDate)}`}>{ageDays(c.serviceDate)} d</span>,
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
          key: "reason",
          header: "Rejection reason",
          render: (c) => <span className="reason-cell">{c.statusReason ?? "—"}</span>,
          sortValue: (c) => c.statusReason ?? "",
        },
      ]}
    />
  );
}
