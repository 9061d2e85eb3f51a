import { describe, expect, it } from "vitest";
import { call, newKey } from "./http.ts";
import { encounterFor, practiceSetUp } from "./cycle.ts";

/** Submits one encounter and returns its claim's status and findings. */
async function submit(s: Awaited<ReturnType<typeof practiceSetUp>>, i: number) {
  // 99214-25 at $185.00 (18500 cents) + 36415 at $15.00 (1500 cents): a $200.00 claim.
  const res = await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
    key: s.key,
    body: { encounters: [encounterFor(s, i)] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const r = res.body.results[0];
  expect(r.outcome).toBe("accepted");
  return {
    status: r.status as string,
    findings: r.findings as { ruleId: string; severity: string; path: string; message: string }[],
  };
}

describe("payer rules and per-payer / per-practice scrub settings, over HTTP", () => {
  it("an owner adds a payer's rule, claims carry its id, settings per payer and practice apply on top of the company's", async () => {
    const s = await practiceSetUp();
    const biller = await newKey(s.key, "biller");
    const rule = { kind: "prior_auth", codes: ["36415"], note: "Blue Prairie asks for an authorization." };

    expect((await call("POST", `/v1/payers/${s.payerId}/payer-rules`, { key: biller, body: rule })).status).toBe(403);
    expect((await call("POST", `/v1/payers/pyr_nosuchpayer0000/payer-rules`, { key: s.key, body: rule })).status).toBe(
      404,
    );
    const bad = await call("POST", `/v1/payers/${s.payerId}/payer-rules`, {
      key: s.key,
      body: { kind: "prior_auth", codes: ["3641"] },
    });
    expect(bad.status).toBe(422);

    const added = await call("POST", `/v1/payers/${s.payerId}/payer-rules`, { key: s.key, body: rule });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: "prior_auth", severity: "error", codes: ["36415"] });
    const id = `payer-rule.${added.body.ruleId}`;

    const first = await submit(s, 0);
    expect(first.status).toBe("needs_review");
    expect(first.findings).toContainEqual(
      expect.objectContaining({
        ruleId: id,
        severity: "error",
        path: "priorAuthorization",
        message:
          "Line 2: Blue Prairie Health requires prior authorization for 36415; the claim has none. Blue Prairie asks for an authorization.",
      }),
    );
    // No NCCI tables ship: every claim says so once.
    expect(first.findings.filter((f) => f.ruleId === "edits.missing")).toHaveLength(1);

    // For this payer the rule is a warning only: the claim is ready.
    const put = await call("PUT", `/v1/payers/${s.payerId}/scrub-rules/${id}`, {
      key: s.key,
      body: { setting: "warning" },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ruleId: id, setting: "warning", companySetting: "default" });
    const second = await submit(s, 1);
    expect(second.status).toBe("ready");
    expect(second.findings.find((f) => f.ruleId === id)?.severity).toBe("warning");

    // The practice turns the missing-edits warning off for its claims; the payer's rule still applies.
    expect(
      (
        await call("PUT", `/v1/practices/${s.practiceId}/scrub-rules/edits.missing`, {
          key: s.key,
          body: { setting: "off" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call("PUT", `/v1/practices/${s.practiceId}/scrub-rules/edits.missing`, {
          key: biller,
          body: { setting: "off" },
        })
      ).status,
    ).toBe(403);
    const third = await submit(s, 2);
    expect(third.findings.map((f) => f.ruleId)).toEqual([id]);

    const listed = await call("GET", `/v1/payers/${s.payerId}/scrub-rules`, { key: biller });
    expect(listed.body.items.find((r: any) => r.ruleId === id)).toMatchObject({
      setting: "warning",
      defaultSeverity: "error",
    });
    expect(
      (await call("PUT", `/v1/payers/${s.payerId}/scrub-rules/no.such-rule`, { key: s.key, body: { setting: "off" } }))
        .status,
    ).toBe(404);

    expect(
      (await call("DELETE", `/v1/payers/${s.payerId}/payer-rules/${added.body.ruleId}`, { key: s.key })).status,
    ).toBe(204);
    expect((await call("GET", `/v1/payers/${s.payerId}/payer-rules`, { key: s.key })).body.items).toEqual([]);
    expect((await submit(s, 3)).findings).toEqual([]);
  });

  it("GET /v1/code-sets lists the shipped releases and names the missing ones", async () => {
    const s = await practiceSetUp();
    const res = await call("GET", "/v1/code-sets", { key: s.key });
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ kind: "hcpcs", version: "2020", partial: false, entries: 6710 }),
    );
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ kind: "agesex", version: "v37", effective: "2019-10-01" }),
    );
    expect(res.body.items).toContainEqual(expect.objectContaining({ kind: "icd10cm", version: "FY2026" }));
    expect(res.body.missing).toEqual(["ptp", "mue", "aoc"]);
  });
});
