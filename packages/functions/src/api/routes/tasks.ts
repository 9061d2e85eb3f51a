import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  createTask,
  getTask,
  listTasks,
  patchTask,
  taskInput,
  taskListQuery,
  taskPatch,
  taskView,
} from "@claimledger/core/followup/index.ts";
import type { AppEnv } from "../env.ts";
import {
  errors,
  idParam,
  idempotencyHeader,
  ifMatch,
  jsonBody,
  jsonResponse,
  pageOf,
  withEtag,
  writeErrors,
} from "./_shared.ts";

/** /v1/tasks: work on claims, by people and made by the claims themselves (rejections, denials, follow-ups). */
export const tasks = new OpenAPIHono<AppEnv>();
const tags = ["Tasks"];
const params = idParam("taskId", "tsk");

tasks.openapi(
  createRoute({
    method: "post",
    path: "/v1/tasks",
    tags,
    summary: "Add a task to a claim (owner, biller)",
    description:
      "Due in a few business days (practice-local) unless `dueDate` says otherwise; the assignee must be an active owner or biller. Audited, and a `task.created` event (and `task.assigned` when assigned).",
    request: { headers: idempotencyHeader, body: jsonBody(taskInput) },
    responses: { 201: jsonResponse(taskView, "The task"), ...writeErrors },
  }),
  async (c) => c.json(withEtag(c, await createTask(c.get("principal"), c.req.valid("json"))), 201),
);

tasks.openapi(
  createRoute({
    method: "get",
    path: "/v1/tasks",
    tags,
    summary: "List tasks by due date, soonest first (open and in progress unless `status` says otherwise)",
    description:
      "Filters: `assignee` (a user id, `me`, or `none`), `status`, `claimId` (all of a claim's tasks at once), `practiceId`, `dueBefore`. A practice principal sees its practice's tasks only.",
    request: { query: taskListQuery },
    responses: { 200: jsonResponse(pageOf(taskView), "Tasks"), ...errors },
  }),
  async (c) => c.json(await listTasks(c.get("principal"), c.req.valid("query")), 200),
);

tasks.openapi(
  createRoute({
    method: "get",
    path: "/v1/tasks/{taskId}",
    tags,
    summary: "One task with its notes (ETag = version)",
    request: { params },
    responses: { 200: jsonResponse(taskView, "The task"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getTask(c.get("principal"), c.req.valid("param").taskId)), 200),
);

tasks.openapi(
  createRoute({
    method: "patch",
    path: "/v1/tasks/{taskId}",
    tags,
    summary: "Assign, reschedule, retitle, change the status of a task, or add a note (If-Match required)",
    description:
      "`assigneeId: null` unassigns; a `note` is appended with your name and the time (notes are never edited). `done` or `cancelled` records who closed it and when; `task.assigned` and `task.completed` events follow.",
    request: { params, body: jsonBody(taskPatch) },
    responses: { 200: jsonResponse(taskView, "The task"), 428: errors[400], ...writeErrors },
  }),
  async (c) => {
    const { taskId } = c.req.valid("param");
    return c.json(withEtag(c, await patchTask(c.get("principal"), taskId, c.req.valid("json"), ifMatch(c))), 200);
  },
);
