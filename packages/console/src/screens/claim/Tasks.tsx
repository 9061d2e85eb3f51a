import { useState } from "react";
import { api, must } from "../../api/client";
import { useUser } from "../../session";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { Panel } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import {
  Due,
  KINDS,
  TaskEditor,
  TaskStatusBadge,
  kindLabel,
  useAssignees,
  type Task,
  type TaskKind,
} from "../tasks/parts";
import { useActors, type Claim } from "./parts";

/** The claim's tasks: open ones first (due first), then the finished; add one, or open one to work it. */
export function ClaimTasks({ claim }: { claim: Claim }) {
  const user = useUser();
  const canWork = user.role === "owner" || user.role === "biller";
  const company = user.role !== "practice";
  const assignees = useAssignees(company);
  const actor = useActors(company);
  const list = useApi(async () => {
    const get = (status: "active" | "closed") =>
      must(api.GET("/v1/tasks", { params: { query: { claimId: claim.claimId, status } } }));
    const [active, closed] = await Promise.all([get("active"), get("closed")]);
    return [...active.items, ...closed.items];
  }, [claim.claimId, claim.version]);
  const [open, setOpen] = useState<string | undefined>();
  const [f, setF] = useState({
    kind: "call_payer" as TaskKind,
    title: "",
    assigneeId: user.userId,
    dueDate: "",
    note: "",
  });
  const add = useAction(async () => {
    const t = await must(
      api.POST("/v1/tasks", {
        body: {
          claimId: claim.claimId,
          kind: f.kind,
          title: f.title.trim() || undefined,
          assigneeId: f.assigneeId || undefined,
          dueDate: f.dueDate || undefined,
          note: f.note.trim() || undefined,
        },
      }),
    );
    setF({ ...f, title: "", note: "", dueDate: "" });
    setOpen(t.taskId);
    list.reload();
  });
  const name = (id?: string) => (id ? (assignees.find((a) => a.userId === id)?.name ?? id) : "Unassigned");
  return (
    <Panel title="Tasks">
      <Loaded state={list} what="Loading the tasks">
        {(tasks) => {
          const current = tasks.find((t) => t.taskId === open);
          return (
            <>
              <DataTable<Task>
                caption={`Tasks of claim ${claim.claimId}`}
                rows={tasks}
                rowKey={(t) => t.taskId}
                onOpen={(t) => setOpen(t.taskId === open ? undefined : t.taskId)}
                activeKey={open}
                filter={false}
                empty={<Empty title="No tasks">Rejections, denials and follow-ups add their own; add one below.</Empty>}
                columns={[
                  {
                    key: "title",
                    header: "Task",
                    render: (t) => (
                      <span className="reason-cell">
                        {t.title}
                        {t.automatic ? <span className="muted small"> · automatic</span> : null}
                      </span>
                    ),
                  },
                  { key: "kind", header: "Kind", render: (t) => kindLabel(t.kind) },
                  { key: "assignee", header: "Assignee", render: (t) => name(t.assigneeId) },
                  { key: "due", header: "Due", render: (t) => <Due task={t} /> },
                  { key: "status", header: "Status", render: (t) => <TaskStatusBadge status={t.status} /> },
                ]}
              />
              {current ? (
                <div className="subform">
                  <h3 className="section-title">{current.title}</h3>
                  <TaskEditor
                    key={current.taskId}
                    task={current}
                    me={user.userId}
                    assignees={assignees}
                    canWork={canWork}
                    actor={actor}
                    onChanged={() => list.reload()}
                  />
                </div>
              ) : null}
            </>
          );
        }}
      </Loaded>
      {canWork ? (
        <form
          className="form-inline subform"
          aria-label="Add a task"
          onSubmit={(e) => {
            e.preventDefault();
            void add.run();
          }}
        >
          <SelectField
            label="New task"
            name="kind"
            value={f.kind}
            onChange={(e) => setF({ ...f, kind: e.target.value as TaskKind })}
            options={KINDS}
            error={add.error}
          />
          <TextField
            label="Title"
            name="title"
            value={f.title}
            placeholder={kindLabel(f.kind)}
            onChange={(e) => setF({ ...f, title: e.target.value })}
            error={add.error}
          />
          <SelectField
            label="Assignee"
            name="assigneeId"
            value={f.assigneeId}
            onChange={(e) => setF({ ...f, assigneeId: e.target.value })}
            options={[
              { value: "", label: "Unassigned" },
              ...assignees.map((a) => ({ value: a.userId, label: a.name })),
            ]}
            error={add.error}
          />
          <TextField
            label="Due (blank: in a few business days)"
            name="dueDate"
            type="date"
            value={f.dueDate}
            onChange={(e) => setF({ ...f, dueDate: e.target.value })}
            error={add.error}
          />
          <TextField
            label="First note"
            name="note"
            value={f.note}
            onChange={(e) => setF({ ...f, note: e.target.value })}
            error={add.error}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={add.busy}>
              Add task
            </button>
          </div>
        </form>
      ) : null}
      <FormError error={add.error} fields={["kind", "title", "assigneeId", "dueDate", "note"]} />
    </Panel>
  );
}
