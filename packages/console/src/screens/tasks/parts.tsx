import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get, PostBody } from "../../api/types";
import { Link } from "../../router";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { date, dateTime, label, todayLocal } from "../../ui/format";
import { Badge } from "../../ui/page";
import { Notice } from "../../ui/states";
import { useAction, useApi } from "../../ui/use-api";
import { companyUsers } from "../claim/parts";

/** Shared by My tasks, the follow-up queue and the claim page's tasks panel. */
export type Task = Get<"/v1/tasks">["items"][number];
export type TaskKind = PostBody<"/v1/tasks">["kind"];
type TaskStatus = Task["status"];

export const KINDS: { value: TaskKind; label: string }[] = [
  { value: "follow_up", label: "Follow up" },
  { value: "call_payer", label: "Call the payer" },
  { value: "send_records", label: "Send records" },
  { value: "appeal", label: "Appeal" },
  { value: "fix_and_resubmit", label: "Fix and resubmit" },
  { value: "work_denial", label: "Work the denial" },
  { value: "call_patient", label: "Call the patient" },
  { value: "other", label: "Other" },
];
export const kindLabel = (k: string) => KINDS.find((x) => x.value === k)?.label ?? label(k);

/** Why an automatic task was made, in words. */
const SOURCES: Record<string, string> = {
  rejection: "the claim was rejected",
  denial: "the claim has open denied money",
  follow_up: "the claim went quiet at the payer",
  status_request: "the payer asked for records",
  appeal: "the claim has an open appeal",
  payment_plan: "a payment plan instalment was missed",
};

const isActive = (s: TaskStatus) => s === "open" || s === "in_progress";

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const tone = status === "done" ? "good" : status === "in_progress" ? "info" : status === "open" ? "warn" : "neutral";
  return <Badge tone={tone}>{label(status)}</Badge>;
}

/** The due date, marked when it has passed (or is today) on open work. */
export function Due({ task }: { task: Pick<Task, "dueDate" | "status"> }) {
  const today = todayLocal();
  const late = isActive(task.status) && task.dueDate < today;
  const now = isActive(task.status) && task.dueDate === today;
  return (
    <span className="due">
      {date(task.dueDate)}
      {late ? <Badge tone="bad">overdue</Badge> : now ? <Badge tone="warn">today</Badge> : null}
    </span>
  );
}

/** Who may be given a task: the company's active owners and billers, by name. */
export function useAssignees(enabled = true) {
  const s = useApi(
    async () =>
      enabled
        ? (await companyUsers()).items
            .filter((u) => u.status === "active" && (u.role === "owner" || u.role === "biller"))
            .map((u) => ({ userId: u.userId, name: u.name }))
        : [],
    [enabled],
  );
  return s.data ?? [];
}

/** A task's change, under the version it was read at. */
export function patchTask(t: Pick<Task, "taskId" | "version">, body: Record<string, unknown>) {
  return must(
    api.PATCH("/v1/tasks/{taskId}", {
      params: { path: { taskId: t.taskId } },
      body,
      headers: { "If-Match": `"${t.version}"` },
    }),
  );
}

/**
 * One task, worked: start it, mark it done, cancel or reopen it; reassign it or take it; move its
 * due date; add a note (Ctrl+Enter). Every change is sent with the version read, so a change made
 * meanwhile by someone else is refused and shown, not overwritten.
 */
export function TaskEditor({
  task,
  me,
  assignees,
  canWork,
  actor,
  onChanged,
}: {
  task: Task;
  me: string;
  assignees: { userId: string; name: string }[];
  canWork: boolean;
  actor: (a?: string) => string;
  onChanged: (t: Task) => void;
}) {
  const [note, setNote] = useState("");
  const [due, setDue] = useState(task.dueDate);
  const [done, setDone] = useState<string | undefined>();
  useEffect(() => setDue(task.dueDate), [task.taskId, task.dueDate]);
  const change = useAction(async (body: Record<string, unknown>, what: string) => {
    const t = await patchTask(task, body);
    setDone(what);
    if (body.note) setNote("");
    onChanged(t);
  });
  const name = (id?: string) => (id ? (assignees.find((a) => a.userId === id)?.name ?? id) : "Unassigned");
  return (
    <div className="task-editor">
      <dl className="kv">
        <dt>Claim</dt>
        <dd>
          <Link to={`/claims/${task.claimId}`} className="mono">
            {task.claimId}
          </Link>
        </dd>
        <dt>Kind</dt>
        <dd>
          {kindLabel(task.kind)}
          {task.automatic ? <span className="muted"> · automatic, {SOURCES[task.source] ?? task.source}</span> : null}
        </dd>
        <dt>Status</dt>
        <dd>
          <TaskStatusBadge status={task.status} />
          {task.closedAt ? (
            <span className="muted">
              {" "}
              by {actor(task.closedBy)}, {dateTime(task.closedAt)}
              {task.closedReason ? ` — ${task.closedReason}` : ""}
            </span>
          ) : null}
        </dd>
        <dt>Assignee</dt>
        <dd>{name(task.assigneeId)}</dd>
        <dt>Due</dt>
        <dd>
          <Due task={task} />
        </dd>
      </dl>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {canWork ? (
        <>
          <div className="form-actions">
            {task.status === "open" ? (
              <button
                type="button"
                className="btn"
                onClick={() => void change.run({ status: "in_progress" }, "Started.")}
              >
                Start
              </button>
            ) : null}
            {isActive(task.status) ? (
              <>
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => void change.run({ status: "done" }, "Marked done.")}
                >
                  Mark done
                </button>
                <button
                  type="button"
                  className="btn btn-quiet"
                  onClick={() => void change.run({ status: "cancelled" }, "Cancelled.")}
                >
                  Cancel task
                </button>
              </>
            ) : (
              <button type="button" className="btn" onClick={() => void change.run({ status: "open" }, "Open again.")}>
                Reopen
              </button>
            )}
            {task.assigneeId !== me ? (
              <button
                type="button"
                className="btn"
                onClick={() => void change.run({ assigneeId: me }, "Assigned to you.")}
              >
                Assign to me
              </button>
            ) : null}
          </div>
          <div className="form-inline">
            <SelectField
              label="Reassign to"
              name="assigneeId"
              value={task.assigneeId ?? ""}
              onChange={(e) =>
                void change.run(
                  { assigneeId: e.target.value || null },
                  e.target.value ? `Assigned to ${name(e.target.value)}.` : "Unassigned.",
                )
              }
              options={[
                { value: "", label: "Unassigned" },
                ...assignees.map((a) => ({ value: a.userId, label: a.name })),
              ]}
              error={change.error}
            />
            <TextField
              label="Due date"
              name="dueDate"
              type="date"
              value={due}
              onChange={(e) => setDue(e.target.value)}
              error={change.error}
            />
            <div className="form-actions">
              <button
                type="button"
                className="btn"
                disabled={!due || due === task.dueDate}
                onClick={() => void change.run({ dueDate: due }, `Due ${date(due)}.`)}
              >
                Move due date
              </button>
            </div>
          </div>
        </>
      ) : null}
      <h3 className="section-title">Notes</h3>
      {task.notes.length ? (
        <ol className="timeline notes">
          {[...task.notes].reverse().map((n) => (
            <li key={n.at + n.by}>
              <div className="wrap-text">{n.text}</div>
              <div className="muted small">
                {actor(n.by)} · {dateTime(n.at)}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">No notes yet.</p>
      )}
      {canWork ? (
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) void change.run({ note: note.trim() }, "Note added.");
          }}
        >
          <div className="field">
            <label htmlFor={`note-${task.taskId}`}>Add a note</label>
            <textarea
              id={`note-${task.taskId}`}
              name="note"
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  if (note.trim()) void change.run({ note: note.trim() }, "Note added.");
                }
              }}
              placeholder="What happened, what is next (Ctrl+Enter adds it)"
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={change.busy || !note.trim()}>
              Add note
            </button>
          </div>
        </form>
      ) : null}
      <FormError error={change.error} fields={["assigneeId", "dueDate", "note"]} />
    </div>
  );
}
