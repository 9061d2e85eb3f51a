import { describe, expect, it } from "vitest";
import { moveClaim, getClaimForSystem } from "@claimledger/core/claim/index.ts";
import { call, newKey, samples } from "./http.ts";
import { acceptedClaims } from "./cycle.ts";
import { PRIMARY, closeMonth, era, upload, visit, world } from "./era.ts";

/**
 * Events: one for each state change a client cares about, written in the change's own
 * transaction, listed by cursor, a practice key seeing its practice's only. (Delivery to webhooks
 * is webhooks.int.test.ts.)
 */
async function allEvents(key: string, query = "") {
  const out: any[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await call("GET", `/v1/events?limit=7${after ? `&after=${after}` : ""}${query}`, { key });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...res.body.items);
    if (!res.body.nextCursor) return out;
    after = res.body.nextCursor;
  }
  throw new Error("too many pages");
}

const PHI = /Pat[A-J]|XJH|1985-04-12|Oak Ave|Jordan|Lee\b/;

describe("events", () => {
  it("are written for batches, 999s, 277CAs and the claims they accept, oldest first, with ids only", async () => {
    const s = await acceptedClaims(2);
    const events = await allEvents(s.key);
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["batch.submitted", "ack.999.received", "ack.277ca.received", "claim.accepted"]),
    );
    // Oldest first, and every event id only once over the pages.
    expect(events.map((e) => e.eventId)).toEqual([...events.map((e) => e.eventId)].sort());
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    for (const c of s.claims)
      expect(events.filter((e) => e.type === "claim.accepted" && e.ids.claimId === c.claimId)).toHaveLength(1);
    const batch = events.find((e) => e.type === "batch.submitted");
    expect(batch).toMatchObject({
      practiceId: s.practiceId,
      status: "submitted",
      ids: { batchId: expect.stringMatching(/^bat/) },
    });
    expect(JSON.stringify(events)).not.toMatch(PHI);
    // types= filters; an unknown type is a 422 naming it.
    const only = await allEvents(s.key, "&types=claim.accepted,batch.submitted");
    expect(new Set(only.map((e) => e.type))).toEqual(new Set(["claim.accepted", "batch.submitted"]));
    const bad = await call("GET", "/v1/events?types=claim.exploded", { key: s.key });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].message).toContain("claim.exploded");
    // Caught up: asking after the last one answers nothing new.
    const last = events.at(-1).eventId;
    expect((await call("GET", `/v1/events?after=${last}`, { key: s.key })).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("are written for 835 postings, payments, statements and invoices; a practice key sees its practice's only", async () => {
    const w = await world(1);
    const paid = await visit(w, "2026-10-05");
    const denied = await visit(w, "2026-10-06");
    const lines = PRIMARY.map((l) => ({
      paid: 0,
      cas: [["CO", "50", l.cas.reduce((t, c) => t + (c[2] as number), l.paid)]] as any,
    }));
    await upload(
      w,
      await era(w, 0, 8501, "2026-10-20", [
        { claimId: paid, status: "1", lines: PRIMARY },
        { claimId: denied, status: "4", lines },
      ]),
    );
    const pay = await call("POST", "/v1/payments", {
      key: w.key,
      body: {
        practiceId: w.practiceId,
        kind: "patient",
        method: "card",
        paymentDate: "2026-10-25",
        amountCents: 1000,
        allocations: [{ claimId: paid, amountCents: 1000 }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const stmt = await call("POST", `/v1/practices/${w.practiceId}/patients/${w.patientId}/statements`, { key: w.key });
    expect(stmt.status, JSON.stringify(stmt.body)).toBe(201);
    const inv = await closeMonth(w, "2026-10");
    const base = `/v1/practices/${w.practiceId}/invoices/2026-10`;
    expect((await call("POST", `${base}/send`, { key: w.key })).status).toBe(200);
    expect((await call("POST", `${base}/void`, { key: w.key, body: { reason: "wrong month" } })).status).toBe(200);
    await closeMonth(w, "2026-10");
    expect((await call("POST", `${base}/pay`, { key: w.key })).status).toBe(200);

    const events = await allEvents(w.key);
    const of = (type: string) => events.filter((e) => e.type === type);
    expect(of("claim.paid").map((e) => e.ids)).toEqual([{ claimId: paid, remittanceId: expect.any(String) }]);
    expect(of("claim.denied").map((e) => e.ids.claimId)).toEqual([denied]);
    expect(of("remittance.posted")).toHaveLength(1);
    expect(of("payment.posted")[0]).toMatchObject({
      status: "patient",
      ids: { paymentId: pay.body.paymentId, claimIds: [paid] },
    });
    expect(of("statement.issued")[0]).toMatchObject({
      ids: { statementId: stmt.body.statementId, patientId: w.patientId },
    });
    expect(of("invoice.finalized").map((e) => e.ids.invoiceId)).toHaveLength(2);
    expect(of("invoice.finalized")[0].ids).toEqual({ invoiceId: inv.invoiceId, period: "2026-10" });
    expect(of("invoice.sent")).toHaveLength(1);
    expect(of("invoice.voided")).toHaveLength(1);
    expect(of("invoice.paid")).toHaveLength(1);
    expect(events.every((e) => e.practiceId === w.practiceId)).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(PHI);

    // A practice key sees its own practice's events; another practice's key sees none of them.
    const mine = await newKey(w.key, "practice", w.practiceId);
    expect((await allEvents(mine)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    const other = (
      await call("POST", "/v1/practices", {
        key: w.key,
        body: { ...samples.practice, npi: "1861474595", legalName: "Other PC" },
      })
    ).body.practiceId;
    const theirs = await newKey(w.key, "practice", other);
    expect(await allEvents(theirs)).toEqual([]);
    // Nor can it ask for another practice by name.
    expect(await allEvents(theirs, `&practiceId=${w.practiceId}`)).toEqual([]);
  });

  it("are never written without their change: a move refused by its condition leaves neither", async () => {
    const s = await acceptedClaims(1);
    const before = await allEvents(s.key);
    const claim = (await getClaimForSystem(s.tenantId, s.claims[0]!.claimId))!;
    // A stale version: the conditional update fails, and with it the whole transaction.
    await expect(
      moveClaim(
        { tenantId: s.tenantId, actor: "system:test" },
        { ...claim, version: claim.version - 1 },
        "denied",
        "x",
      ),
    ).rejects.toThrow();
    expect((await getClaimForSystem(s.tenantId, claim.claimId))!.status).toBe("accepted");
    expect((await allEvents(s.key)).map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
    // The same move at the right version writes both.
    await moveClaim({ tenantId: s.tenantId, actor: "system:test" }, claim, "denied", "x");
    const after = await allEvents(s.key, "&types=claim.denied");
    expect(after.map((e) => e.ids.claimId)).toEqual([claim.claimId]);
  });
});
