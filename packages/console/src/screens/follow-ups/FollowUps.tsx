import { useCallback, useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { Link, navigate } from "../../router";
import { useUser } from "../../session";
import { SelectField } from "../../ui/fields";
import { count, date, money } from "../../ui/format";
import { Badge, Page } from "../../ui/page";
import { Empty, ErrorBanner, ErrorState, Loading } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction } from "../../ui/use-api";
import { useDirectory } from "../claim/parts";
import { patchTask, useAssignees } from "../tasks/parts";

type Entry = Get<"/v1/follow-ups">["items"][number];
type Reason = Entry["reason"];
const REASONS: { value: "" | Reason; label: string }[] = [
  { value: "", label: "Any reason" },
  { value: "no_acknowledgement", label: "No 999 / 277CA" },
  { value: "no_payment", label: "No 835" },
  { value: "pended", label: "Pended (277)" },
  { value: "returned", label: "Returned for information (277)" },
];

/** The queue a page at a time, in the API's order (risk, highest first). */
function useQueue(practiceId: string, reason: string) {
  const [state, setState] = useState<{ items: Entry[]; total: number; cursor: string | null }>({
    items: [],
    total: 0,
    cursor: null,
  });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const load = useCallback(
    async (c?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await must(
          api.GET("/v1/follow-ups", {
            params: {
              query: {
                limit: 100,
                cursor: c,
                practiceId: practiceId || undefined,
                reason: (reason || undefined) as Reason | undefined,
              },
            },
          }),
        );
        setState((old) => ({
          items: c ? [...old.items, ...page.items] : page.items,
          total: page.total,
          cursor: page.nextCursor,
        }));
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [practiceId, reason],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return {
    ...state,
    loading,
    error,
    reload: () => void load(),
    more: state.cursor ? () => void load(state.cursor!) : undefined,
  };
}

/**
 * The follow-up queue: claims sent to the payer that have gone quiet (no 999/277CA, no 835 in the
 * payer's time, pended or returned by a 277), riskiest first: money at stake per day left before
 * the timely-filing limit. Enter opens the claim; "Take" puts its follow-up task on my list.
 */
export default function FollowUps({ query }: ScreenProps) {
  const user = useUser();
  const canWork = user.role === "owner" || user.role === "biller";
  const dir = useDirectory();
  const assignees = useAssignees(true);
  const [practiceId, setPracticeId] = useState(query.get("practiceId") ?? "");
  const [reason, setReason] = useState(query.get("reason") ?? "");
  const q = useQueue(practiceId, reason);
  const take = useAction(async (e: Entry) => {
    if (e.task) await patchTask(e.task, { assigneeId: user.userId });
    else
      await must(
        api.POST("/v1/tasks", {
          body: {
            claimId: e.claimId,
            kind: "follow_up",
            title: `Follow up: ${e.reasonText}`.slice(0, 200),
            assigneeId: user.userId,
          },
        }),
      );
    q.reload();
  });
  const name = (id?: string) => (id ? (assignees.find((a) => a.userId === id)?.name ?? id) : "unassigned");
  return (
    <Page title="Follow-up queue" actions={<Link to="/tasks">My tasks →</Link>}>
      <div className="queue-filters row">
        <SelectField
          label="Practice"
          name="practiceId"
          value={practiceId}
          onChange={(e) => setPracticeId(e.target.value)}
          options={[
            { value: "", label: "All practices" },
            ...[...dir.practices].map(([value, label]) => ({ value, label })),
          ]}
        />
        <SelectField
          label="Reason"
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          options={REASONS}
        />
        <dl className="shortcuts" aria-label="Keyboard shortcuts">
          <div>
            <dt>
              <kbd>j</kbd>/<kbd>k</kbd>
            </dt>
            <dd>next / previous</dd>
          </div>
          <div>
            <dt>
              <kbd>Enter</kbd>
            </dt>
            <dd>open claim</dd>
          </div>
          <div>
            <dt>
              <kbd>/</kbd>
            </dt>
            <dd>filter</dd>
          </div>
        </dl>
      </div>
      <ErrorBanner error={take.error} />
      {q.error && !q.items.length ? (
        <ErrorState error={q.error} retry={q.reload} />
      ) : q.loading && !q.items.length ? (
        <Loading what="Finding claims gone quiet" />
      ) : (
        <>
          <p className="muted small">
            {count(q.total)} claim(s) gone quiet, {money(q.items.reduce((t, e) => t + e.moneyCents, 0))} at stake on
            this page. Risk is the open insurance balance per day left before the payer's timely-filing limit.
          </p>
          <DataTable<Entry>
            caption="Claims gone quiet, riskiest first"
            rows={q.items}
            rowKey={(e) => e.claimId}
            onOpen={(e) => navigate(`/claims/${e.claimId}`)}
            globalKeys
            onMore={q.more}
            moreBusy={q.loading}
            initialSort={{ key: "risk", dir: "desc" }}
            empty={
              <Empty title="Nothing has gone quiet">
                Every claim sent is acknowledged and within its payer's time to pay.
              </Empty>
            }
            columns={[
              {
                key: "claim",
                header: "Claim",
                render: (e) => (
                  <>
                    <Link to={`/claims/${e.claimId}`} className="mono" onClick={(ev) => ev.stopPropagation()}>
                      {e.claimId}
                    </Link>
                    <span className="cell-sub">
                      {dir.practices.get(e.practiceId) ?? e.practiceId} · {e.payerName}
                    </span>
                  </>
                ),
                sortValue: (e) => e.claimId,
                filterValue: (e) => `${e.claimId} ${dir.practices.get(e.practiceId) ?? ""} ${e.payerName}`,
              },
              {
                key: "left",
                header: "Days left",
                align: "right",
                render: (e) => (
                  <span title={`Timely filing ends ${date(e.timelyFilingDeadline)}`}>
                    {e.daysLeft < 0 ? (
                      <Badge tone="bad">past</Badge>
                    ) : e.daysLeft <= 30 ? (
                      <Badge tone="warn">{e.daysLeft}</Badge>
                    ) : (
                      e.daysLeft
                    )}
                  </span>
                ),
                sortValue: (e) => e.daysLeft,
              },
              {
                key: "money",
                header: "At stake",
                align: "right",
                render: (e) => money(e.moneyCents),
                sortValue: (e) => e.moneyCents,
              },
              {
                key: "risk",
                header: "Risk",
                align: "right",
                render: (e) => <span title="cents at stake per day left">{count(e.risk)}</span>,
                sortValue: (e) => e.risk,
              },
              {
                key: "reason",
                header: "Why",
                render: (e) => <span className="reason-cell">{e.reasonText}</span>,
                sortValue: (e) => e.reason,
                filterValue: (e) => e.reasonText,
              },
              {
                key: "sent",
                header: "Sent",
                align: "right",
                render: (e) => <span title={`Sent ${date(e.sentOn)}`}>{e.daysSinceSubmission} d ago</span>,
                sortValue: (e) => e.daysSinceSubmission,
              },
              {
                key: "task",
                header: "Open task",
                render: (e) => (
                  <span className="task-cell">
                    {e.task ? (
                      <span>
                        {e.task.title}
                        <span className="cell-sub">{name(e.task.assigneeId)}</span>
                      </span>
                    ) : (
                      <span className="muted">none</span>
                    )}
                    {!canWork ? null : e.task?.assigneeId === user.userId ? (
                      <span className="muted small">yours</span>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={take.busy}
                        onClick={(ev) => {
                          ev.stopPropagation();
                          void take.run(e);
                        }}
                      >
                        Take
                      </button>
                    )}
                  </span>
                ),
                sortValue: (e) => e.task?.title ?? "",
              },
            ]}
          />
        </>
      )}
    </Page>
  );
}
