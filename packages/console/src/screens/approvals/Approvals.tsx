import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { Link } from "../../router";
import { FormError, TextField } from "../../ui/fields";
import { dateTime, label, money } from "../../ui/format";
import { Badge, Page, Panel, Tabs } from "../../ui/page";
import { Empty, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { useActors } from "../claim/parts";

type Request = Get<"/v1/write-off-requests">["items"][number];
type View = "pending" | "decided";

/** Owners: the write-offs over the company's approval amount that billers asked for, to approve or reject. */
export default function Approvals(_: ScreenProps) {
  const [view, setView] = useState<View>("pending");
  const list = useApi(
    () => must(api.GET("/v1/write-off-requests", { params: { query: { status: view, limit: 100 } } })),
    [view],
  );
  const actor = useActors(true);
  const [open, setOpen] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  return (
    <Page title="Approvals">
      <Tabs
        tabs={[
          { key: "pending" as View, label: "Waiting for you" },
          { key: "decided" as View, label: "Decided" },
        ]}
        active={view}
        onChange={(v) => {
          setView(v);
          setOpen(undefined);
        }}
      />
      {done ? <Notice tone="success">{done}</Notice> : null}
      <Loaded state={list} what="Loading the write-off requests">
        {(d) => {
          const current = d.items.find((r) => r.requestId === open);
          return (
            <div className={current ? "queue-split" : undefined}>
              <div className="queue-list">
                <p className="muted small">
                  {d.items.length} request(s), {money(d.items.reduce((t, r) => t + r.amountCents, 0))} in all.
                </p>
                <DataTable<Request>
                  caption="Write-offs waiting for approval"
                  rows={d.items}
                  rowKey={(r) => r.requestId}
                  onOpen={(r) => setOpen(r.requestId)}
                  globalKeys={!current}
                  empty={<Empty title="Nothing to approve">No biller is waiting on a write-off.</Empty>}
                  columns={[
                    {
                      key: "claim",
                      header: "Claim",
                      render: (r) => <Link to={`/claims/${r.claimId}`}>{r.claimId}</Link>,
                      sortValue: (r) => r.claimId,
                    },
                    {
                      key: "amount",
                      header: "Amount",
                      align: "right",
                      render: (r) => money(r.amountCents),
                      sortValue: (r) => r.amountCents,
                    },
                    {
                      key: "code",
                      header: "Reason",
                      render: (r) => (
                        <span className="wrap-text">
                          {label(r.reasonCode)}: {r.reason}
                        </span>
                      ),
                      sortValue: (r) => r.reasonCode,
                    },
                    {
                      key: "by",
                      header: "Asked by",
                      render: (r) => `${actor(r.requestedBy)}, ${dateTime(r.requestedAt)}`,
                      sortValue: (r) => r.requestedAt,
                    },
                    {
                      key: "status",
                      header: "Status",
                      render: (r) => (
                        <Badge tone={r.status === "approved" ? "good" : r.status === "rejected" ? "bad" : "warn"}>
                          {label(r.status)}
                        </Badge>
                      ),
                      sortValue: (r) => r.status,
                    },
                  ]}
                />
              </div>
              {current ? (
                <Decide
                  key={current.requestId}
                  request={current}
                  onClose={() => setOpen(undefined)}
                  onDecided={(text) => {
                    setDone(text);
                    setOpen(undefined);
                    list.reload();
                  }}
                />
              ) : null}
            </div>
          );
        }}
      </Loaded>
    </Page>
  );
}

function Decide({
  request: r,
  onClose,
  onDecided,
}: {
  request: Request;
  onClose: () => void;
  onDecided: (t: string) => void;
}) {
  const [note, setNote] = useState("");
  const headers = { "if-match": `"${r.version}"` };
  const params = { path: { requestId: r.requestId } };
  const act = useAction(async (how: "approve" | "reject") => {
    if (how === "approve") {
      const a = await must(
        api.POST("/v1/write-off-requests/{requestId}/approve", {
          params,
          headers,
          body: note.trim() ? { note: note.trim() } : {},
        }),
      );
      onDecided(
        `Approved: ${money(a.resolution.amountCents)} written off on ${r.claimId}, now ${label(a.resolution.status)}.`,
      );
    } else {
      await must(api.POST("/v1/write-off-requests/{requestId}/reject", { params, headers, body: { note } }));
      onDecided(`Rejected: the denial on ${r.claimId} stays open.`);
    }
  });
  return (
    <Panel
      title={`Write-off on ${r.claimId}`}
      actions={
        <button type="button" className="btn btn-small btn-quiet" onClick={onClose}>
          Close (Esc)
        </button>
      }
    >
      <dl className="kv">
        <dt>Amount</dt>
        <dd>{money(r.amountCents)}</dd>
        <dt>Approval needed above</dt>
        <dd>{money(r.thresholdCents)}</dd>
        <dt>Reason</dt>
        <dd>
          {label(r.reasonCode)}: {r.reason}
        </dd>
        {r.decisionNote ? (
          <>
            <dt>Decision note</dt>
            <dd>{r.decisionNote}</dd>
          </>
        ) : null}
      </dl>
      {r.status === "pending" ? (
        <form className="form-inline" aria-label="Decide" onSubmit={(e) => e.preventDefault()}>
          <TextField
            label="Note (needed to reject)"
            name="note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={act.error}
          />
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={act.busy}
              onClick={() => void act.run("approve")}
            >
              Approve and write off
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={act.busy || note.trim().length < 3}
              onClick={() => void act.run("reject")}
            >
              Reject
            </button>
          </div>
          <FormError error={act.error} fields={["note"]} />
        </form>
      ) : null}
    </Panel>
  );
}
