import { useCallback, useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { ScreenProps } from "../../routes";
import { Link, navigate } from "../../router";
import { useUser } from "../../session";
import { SelectField } from "../../ui/fields";
import { Page, Panel, Tabs } from "../../ui/page";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useActors, useDirectory } from "../claim/parts";
import { Due, TaskEditor, TaskStatusBadge, kindLabel, useAssignees, type Task } from "./parts";

type Scope = "mine" | "unassigned" | "all";
const SCOPES: { key: Scope; label: string }[] = [
  { key: "mine", label: "Mine" },
  { key: "unassigned", label: "Unassigned" },
  { key: "all", label: "Everyone's" },
];

/** Tasks a page at a time from the API (its cursor), soonest due first. */
function useTasks(scope: Scope, status: "active" | "closed") {
  const [items, setItems] = useState<Task[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const load = useCallback(
    async (c?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const assignee = scope === "mine" ? "me" : scope === "unassigned" ? "none" : undefined;
        const page = await must(
          api.GET("/v1/tasks", { params: { query: { assignee, status, limit: 100, cursor: c } } }),
        );
        setItems((old) => (c ? [...old, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [scope, status],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return {
    items,
    setItems,
    loading,
    error,
    reload: () => void load(),
    more: cursor ? () => void load(cursor) : undefined,
  };
}

/** My tasks: what is assigned to me (or nobody, or anyone), due first; open one to work it from the keyboard. */
export default function Tasks({ query }: ScreenProps) {
  const user = useUser();
  const canWork = user.role === "owner" || user.role === "biller";
  const scope = (SCOPES.find((s) => s.key === query.get("scope"))?.key ?? (canWork ? "mine" : "all")) as Scope;
  const [status, setStatus] = useState<"active" | "closed">("active");
  const q = useTasks(scope, status);
  const dir = useDirectory();
  const actor = useActors(true);
  const assignees = useAssignees(true);
  const [open, setOpen] = useState<string | undefined>();
  useEffect(() => {
    if (!open) return;
    const h = (e: KeyboardEvent) => e.key === "Escape" && setOpen(undefined);
    window.addEventListener("keydown", h);
    return () => window.removeEventListener("keydown", h);
  }, [open]);
  const current = q.items.find((t) => t.taskId === open);
  const name = (id?: string) => (id ? (assignees.find((a) => a.userId === id)?.name ?? id) : "—");
  return (
    <Page title="My tasks" actions={<Link to="/follow-ups">Follow-up queue →</Link>}>
      <Tabs
        tabs={SCOPES.filter((s) => canWork || s.key === "all")}
        active={scope}
        onChange={(k) => {
          setOpen(undefined);
          navigate(`/tasks?scope=${k}`);
        }}
      />
      <div className="queue-filters row">
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={(e) => {
            setOpen(undefined);
            setStatus(e.target.value as "active" | "closed");
          }}
          options={[
            { value: "active", label: "Open and in progress" },
            { value: "closed", label: "Done and cancelled" },
          ]}
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
            <dd>work it</dd>
          </div>
          <div>
            <dt>
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
            </dt>
            <dd>add the note</dd>
          </div>
          <div>
            <dt>
              <kbd>Esc</kbd>
            </dt>
            <dd>back to list</dd>
          </div>
        </dl>
      </div>
      {q.error && !q.items.length ? (
        <ErrorState error={q.error} retry={q.reload} />
      ) : q.loading && !q.items.length ? (
        <Loading what="Loading tasks" />
      ) : (
        <div className={current ? "queue-split" : undefined}>
          <div className="queue-list">
            <DataTable<Task>
              caption="Tasks"
              rows={q.items}
              rowKey={(t) => t.taskId}
              onOpen={(t) => setOpen(t.taskId)}
              activeKey={open}
              globalKeys={!current}
              onMore={q.more}
              moreBusy={q.loading}
              initialSort={{ key: "due", dir: "asc" }}
              empty={
                <Empty title={scope === "mine" ? "Nothing on your list" : "No tasks here"}>
                  {scope === "mine"
                    ? "Tasks assigned to you appear here, due first. Rejections, denials and claims gone quiet make their own."
                    : "No task matches."}
                </Empty>
              }
              columns={[
                { key: "due", header: "Due", render: (t) => <Due task={t} />, sortValue: (t) => t.dueDate },
                {
                  key: "title",
                  header: "Task",
                  render: (t) => <span className="reason-cell">{t.title}</span>,
                  sortValue: (t) => t.title,
                },
                ...(current
                  ? []
                  : [
                      {
                        key: "kind",
                        header: "Kind",
                        render: (t: Task) => kindLabel(t.kind),
                        sortValue: (t: Task) => t.kind,
                      },
                      {
                        key: "practice",
                        header: "Practice",
                        render: (t: Task) => dir.practices.get(t.practiceId) ?? t.practiceId,
                        sortValue: (t: Task) => dir.practices.get(t.practiceId) ?? t.practiceId,
                      },
                    ]),
                ...(current
                  ? []
                  : [
                      {
                        key: "claim",
                        header: "Claim",
                        render: (t: Task) => <span className="mono">{t.claimId}</span>,
                        sortValue: (t: Task) => t.claimId,
                      },
                    ]),
                ...(scope === "mine" || current
                  ? []
                  : [
                      {
                        key: "assignee",
                        header: "Assignee",
                        render: (t: Task) => name(t.assigneeId),
                        sortValue: (t: Task) => name(t.assigneeId),
                      },
                    ]),
                {
                  key: "status",
                  header: "Status",
                  render: (t) => <TaskStatusBadge status={t.status} />,
                  sortValue: (t) => t.status,
                },
              ]}
            />
          </div>
          {current ? (
            <Panel
              title={current.title}
              actions={
                <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen(undefined)}>
                  Close (Esc)
                </button>
              }
            >
              <TaskEditor
                key={current.taskId}
                task={current}
                me={user.userId}
                assignees={assignees}
                canWork={canWork}
                actor={actor}
                onChanged={(t) => q.setItems((items) => items.map((x) => (x.taskId === t.taskId ? t : x)))}
              />
            </Panel>
          ) : null}
        </div>
      )}
    </Page>
  );
}
