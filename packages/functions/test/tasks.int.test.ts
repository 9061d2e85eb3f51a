import { describe, expect, it } from "vitest";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { addBusinessDays } from "@claimledger/core/followup/index.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { asUser, invitedUser, uniqueEmail } from "./users.ts";
import { visit, world } from "./era.ts";
import { daysAgo } from "./cycle.ts";

/**
 * Tasks through the API: a biller adds one to a claim, assigns it to themself, notes and closes
 * it; every change is audited with who made it and is an event. Another company, and a practice
 * key of another practice, find nothing (404), and the roles hold.
 */
const events = async (key: string) =>
  (await call("GET", "/v1/events?types=task.created,task.assigned,task.completed&limit=100", { key })).body.items as {
    type: string;
    ids: Record<string, string>;
    status: string;
    practiceId: string;
  }[];

describe("tasks", () => {
  it("are created, assigned, noted and completed by a person, each change audited and an event", async () => {
    const w = await world(1);
    const claimId = await visit(w, daysAgo(20));
    const sam = await invitedUser(w.key, uniqueEmail("sam"), "biller");

    const created = await asUser(sam, "POST", "/v1/tasks", { claimId, kind: "call_payer" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const task = created.body;
    expect(task).toMatchObject({
      claimId,
      practiceId: w.practiceId,
      kind: "call_payer",
      title: "Call the payer",
      status: "open",
      source: "manual",
      automatic: false,
      notes: [],
      createdBy: `user:${sam.userId}`,
      version: 1,
      // Two business days from today where the practice is.
      dueDate: addBusinessDays(todayIn(samples.practice.timeZone), 2),
    });
    expect(task.taskId).toMatch(/^tsk_[0-9a-z]{14}$/);
    expect(task.assigneeId).toBeUndefined();
    expect(created.headers.get("etag")).toBe('"1"');

    // Changes take the version read: none is 428, a stale one 412.
    const patch = (body: object, version?: number) =>
      asUser(sam, "PATCH", `/v1/tasks/${task.taskId}`, body, version ? { "if-match": `"${version}"` } : {});
    expect((await patch({ assigneeId: sam.userId })).status).toBe(428);
    const assigned = await patch({ assigneeId: sam.userId }, 1);
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ assigneeId: sam.userId, version: 2 });
    expect((await patch({ dueDate: "2026-12-31" }, 1)).status).toBe(412);
    // Only an active owner or biller takes tasks.
    const viewer = await invitedUser(w.key, uniqueEmail("vic"), "viewer");
    const refused = await patch({ assigneeId: viewer.userId }, 2);
    expect([refused.status, refused.body.errors]).toEqual([
      422,
      [{ path: "assigneeId", message: "must be an active owner or biller of the company" }],
    ]);

    // My tasks: hers, due first.
    const mine = await asUser(sam, "GET", "/v1/tasks?assignee=me");
    expect(mine.body.items.map((t: any) => t.taskId)).toEqual([task.taskId]);
    expect((await call("GET", "/v1/tasks?assignee=me", { key: w.key })).status).toBe(422);

    const noted = await patch({ note: "Payer reprocessing; call back Friday" }, 2);
    expect(noted.body.notes).toEqual([
      { at: expect.any(String), by: `user:${sam.userId}`, text: "Payer reprocessing; call back Friday" },
    ]);
    const done = await patch({ status: "done" }, 3);
    expect(done.body).toMatchObject({ status: "done", closedBy: `user:${sam.userId}`, version: 4 });
    expect(done.body.closedAt).toEqual(expect.any(String));
    // Notes are appended, never replaced: the first one stays.
    expect(done.body.notes).toHaveLength(1);

    // Done leaves the open list; it is listed as done.
    expect((await asUser(sam, "GET", "/v1/tasks?assignee=me")).body.items).toEqual([]);
    expect(
      (await asUser(sam, "GET", "/v1/tasks?assignee=me&status=done")).body.items.map((t: any) => t.taskId),
    ).toEqual([task.taskId]);
    expect((await call("GET", `/v1/tasks?claimId=${claimId}&status=closed`, { key: w.key })).body.items).toHaveLength(
      1,
    );

    // Audited, newest first: who, and which fields (never values).
    const audit = await call("GET", `/v1/audit-events?subject=task:${task.taskId}`, { key: w.key });
    expect(audit.body.items.map((e: any) => [e.action, e.actor, e.fields])).toEqual([
      ["updated", `user:${sam.userId}`, ["status", "closedAt", "closedBy"]],
      ["updated", `user:${sam.userId}`, ["notes"]],
      ["updated", `user:${sam.userId}`, ["assigneeId"]],
      ["created", `user:${sam.userId}`, undefined],
    ]);
    expect(JSON.stringify(audit.body)).not.toContain("Friday");

    // Events, oldest first, with ids only.
    expect((await events(w.key)).map((e) => [e.type, e.status, e.ids])).toEqual([
      ["task.created", "open", { taskId: task.taskId, claimId }],
      ["task.assigned", "open", { taskId: task.taskId, claimId, assigneeId: sam.userId }],
      ["task.completed", "done", { taskId: task.taskId, claimId, assigneeId: sam.userId }],
    ]);
  });

  it("are another company's and another practice's business: 404, and the roles hold", async () => {
    const w = await world(1);
    const claimId = await visit(w, daysAgo(15));
    const task = (await call("POST", "/v1/tasks", { key: w.key, body: { claimId, kind: "appeal", note: "CO-50" } }))
      .body;
    expect(task.title).toBe("Appeal the denial");

    const other = await newTenant("Elsewhere Billing");
    expect((await call("GET", `/v1/tasks/${task.taskId}`, { key: other.ownerKey })).status).toBe(404);
    expect((await call("GET", `/v1/tasks?claimId=${claimId}`, { key: other.ownerKey })).status).toBe(404);
    expect((await call("GET", "/v1/tasks", { key: other.ownerKey })).body.items).toEqual([]);
    const stolen = await call("PATCH", `/v1/tasks/${task.taskId}`, {
      key: other.ownerKey,
      body: { status: "done" },
      headers: { "if-match": '"1"' },
    });
    expect(stolen.status).toBe(404);
    expect((await call("POST", "/v1/tasks", { key: other.ownerKey, body: { claimId, kind: "other" } })).status).toBe(
      404,
    );

    const second = await call("POST", "/v1/practices", {
      key: w.key,
      body: { ...samples.practice, legalName: "Hillside Pediatrics PC", npi: "1245319599" },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const elsewhere = await newKey(w.key, "practice", second.body.practiceId);
    expect((await call("GET", `/v1/tasks/${task.taskId}`, { key: elsewhere })).status).toBe(404);
    expect((await call("GET", `/v1/tasks?claimId=${claimId}`, { key: elsewhere })).status).toBe(404);
    expect((await call("GET", "/v1/tasks", { key: elsewhere })).body.items).toEqual([]);
    expect((await call("GET", `/v1/tasks?practiceId=${w.practiceId}`, { key: elsewhere })).body.items).toEqual([]);

    // The claim's own practice reads its tasks; it does not work them.
    const own = await newKey(w.key, "practice", w.practiceId);
    expect((await call("GET", `/v1/tasks/${task.taskId}`, { key: own })).body.notes[0].text).toBe("CO-50");
    expect((await call("GET", "/v1/tasks", { key: own })).body.items.map((t: any) => t.taskId)).toEqual([task.taskId]);
    const viewer = await newKey(w.key, "viewer");
    for (const key of [own, viewer]) {
      expect((await call("POST", "/v1/tasks", { key, body: { claimId, kind: "other" } })).status).toBe(403);
      const p = await call("PATCH", `/v1/tasks/${task.taskId}`, {
        key,
        body: { note: "x" },
        headers: { "if-match": '"1"' },
      });
      expect(p.status).toBe(403);
    }
    expect(
      (await call("GET", `/v1/tasks?practiceId=${w.practiceId}&dueBefore=2999-01-01`, { key: viewer })).body.items,
    ).toHaveLength(1);
    // Due before the day it is due: not listed (dueBefore is exclusive).
    expect((await call("GET", `/v1/tasks?dueBefore=${task.dueDate}`, { key: w.key })).body.items).toEqual([]);
  });
});
