import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { date, label, money } from "../../ui/format";
import { Badge } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useApi } from "../../ui/use-api";
import { SuspenseWork } from "./SuspenseWork";

type Item = Get<"/v1/suspense">["items"][number];

/** Suspense: money an 835 paid that matched no claim (or a provider adjustment with no practice), and where it goes. */
export function Suspense() {
  const s = useApi(() => must(api.GET("/v1/suspense", { params: { query: { limit: 100 } } })), []);
  const [open, setOpen] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    const h = (e: KeyboardEvent) => e.key === "Escape" && setOpen(undefined);
    window.addEventListener("keydown", h);
    return () => window.removeEventListener("keydown", h);
  }, [open]);
  return (
    <Loaded state={s} what="Loading suspense">
      {(d) => {
        const current = d.items.find((i) => i.itemId === open);
        return (
          <div className={current ? "queue-split" : undefined}>
            <div className="queue-list">
              <p className="muted small">
                Open: {money(d.items.filter((i) => !i.resolved).reduce((t, i) => t + i.remainingCents, 0))} in{" "}
                {d.items.filter((i) => !i.resolved).length} item(s). Match them by the patient control number (our claim
                id) or the payer&apos;s claim number.
              </p>
              <DataTable<Item>
                caption="Suspense"
                rows={d.items}
                rowKey={(i) => i.itemId}
                onOpen={(i) => setOpen(i.itemId)}
                globalKeys={!current}
                initialSort={{ key: "date", dir: "desc" }}
                empty={<Empty title="No money in suspense">Every payment found its claim.</Empty>}
                columns={[
                  {
                    key: "date",
                    header: "Deposit",
                    render: (i) => date(i.depositDate),
                    sortValue: (i) => i.depositDate,
                  },
                  { key: "kind", header: "Kind", render: (i) => label(i.kind), sortValue: (i) => i.kind },
                  {
                    key: "pcn",
                    header: "Patient control #",
                    render: (i) => <span className="mono">{i.patientControlNumber ?? "—"}</span>,
                    sortValue: (i) => i.patientControlNumber ?? "",
                  },
                  {
                    key: "icn",
                    header: "Payer claim #",
                    render: (i) => <span className="mono">{i.payerClaimControlNumber ?? "—"}</span>,
                    sortValue: (i) => i.payerClaimControlNumber ?? "",
                  },
                  {
                    key: "charge",
                    header: "Charge",
                    align: "right",
                    render: (i) => money(i.chargeCents),
                    sortValue: (i) => i.chargeCents ?? 0,
                  },
                  {
                    key: "paid",
                    header: "Paid",
                    align: "right",
                    render: (i) => money(i.paidCents),
                    sortValue: (i) => i.paidCents,
                  },
                  {
                    key: "left",
                    header: "Left",
                    align: "right",
                    render: (i) => money(i.remainingCents),
                    sortValue: (i) => i.remainingCents,
                  },
                  {
                    key: "reason",
                    header: "Why it is here",
                    render: (i) => <span className="wrap-text">{i.reason}</span>,
                    sortValue: (i) => i.reason,
                  },
                  {
                    key: "state",
                    header: "State",
                    render: (i) => (
                      <Badge tone={i.resolved ? "good" : "warn"}>{i.resolved ? "Resolved" : "Open"}</Badge>
                    ),
                    sortValue: (i) => (i.resolved ? 1 : 0),
                  },
                ]}
              />
            </div>
            {current ? (
              <SuspenseWork
                key={`${current.itemId}-${current.version}`}
                item={current}
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
