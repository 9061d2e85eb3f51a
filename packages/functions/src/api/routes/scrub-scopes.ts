import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { RULES } from "@claimledger/core/claim/index.ts";
import { getPayer } from "@claimledger/core/payer/index.ts";
import { getPractice } from "@claimledger/core/practice/index.ts";
import {
  addPayerRule,
  deletePayerRule,
  listPayerRules,
  payerRuleInput,
  payerRuleView,
  scopeOverrides,
  scrubSettings,
  setScopedScrubRule,
  type Scope,
} from "@claimledger/core/settings/index.ts";
import type { Principal } from "@claimledger/core/shared/context.ts";
import { notFound } from "@claimledger/core/shared/errors.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

/** Scrub settings per payer and per practice, on top of the company's, and each payer's own rules. */
export const scrubScopes = new OpenAPIHono<AppEnv>();
const tags = ["Scrubber"];
const setting = z.enum(["default", "off", "warning", "error"]);
const scopedRuleView = z.object({
  ruleId: z.string(),
  title: z.string(),
  defaultSeverity: z.enum(["error", "warning"]),
  companySetting: setting,
  setting: setting.describe("This payer's or practice's setting; default: the company's applies"),
});
const ruleIdParam = z.object({
  ruleId: z
    .string()
    .max(80)
    .openapi({ param: { name: "ruleId", in: "path" }, example: "claim.frequency" }),
});

/** 404 for a payer or practice of another company (or none), before anything is read or written. */
async function scopeOf(p: Principal, params: { payerId?: string; practiceId?: string }): Promise<Scope> {
  if (params.payerId) return { payerId: (await getPayer(p, params.payerId)).payerId };
  return { practiceId: (await getPractice(p, params.practiceId!)).practiceId };
}

async function scopedRules(p: Principal, scope: Scope) {
  const s = await scrubSettings(p.tenantId);
  const own = scopeOverrides(s, scope);
  const payerRules = "payerId" in scope ? (s.scopes.payers?.[scope.payerId]?.rules ?? []) : [];
  return [
    ...RULES.map((r) => ({ ruleId: r.id, title: r.title, defaultSeverity: r.severity })),
    ...payerRules.map((r) => ({
      ruleId: `payer-rule.${r.ruleId}`,
      title: `Payer rule (${r.kind})`,
      defaultSeverity: r.severity,
    })),
  ].map((r) => ({
    ...r,
    companySetting: s.overrides[r.ruleId] ?? ("default" as const),
    setting: own[r.ruleId] ?? ("default" as const),
  }));
}

for (const [kind, prefix] of [
  ["payerId", "pyr"],
  ["practiceId", "prc"],
] as const) {
  const base = kind === "payerId" ? "/v1/payers/{payerId}" : "/v1/practices/{practiceId}";
  const who = kind === "payerId" ? "payer" : "practice";
  const params = idParam(kind, prefix);
  scrubScopes.openapi(
    createRoute({
      method: "get",
      path: `${base}/scrub-rules`,
      tags,
      summary: `Every scrub rule with the company's setting and this ${who}'s`,
      request: { params },
      responses: { 200: jsonResponse(z.object({ items: z.array(scopedRuleView) }), "Rules"), ...errors },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json({ items: await scopedRules(p, await scopeOf(p, c.req.valid("param"))) }, 200);
    },
  );
  scrubScopes.openapi(
    createRoute({
      method: "put",
      path: `${base}/scrub-rules/{ruleId}`,
      tags,
      summary: `Set a rule off, warning or error for this ${who}'s claims only (owner); default: the company's setting`,
      description: `Claims are scrubbed with the company's settings, then their payer's, then their practice's (the most specific wins).`,
      request: { params: params.merge(ruleIdParam), body: jsonBody(z.strictObject({ setting })) },
      responses: { 200: jsonResponse(scopedRuleView, "The rule's new setting"), ...writeErrors },
    }),
    async (c) => {
      const p = c.get("principal");
      const { ruleId, ...ids } = c.req.valid("param");
      const scope = await scopeOf(p, ids);
      const known = (await scopedRules(p, scope)).some((r) => r.ruleId === ruleId);
      if (!known) throw notFound(`Scrub rule ${ruleId}`);
      await setScopedScrubRule(p, scope, ruleId, c.req.valid("json").setting);
      return c.json(
        (await scopedRules(p, scope)).find((r) => r.ruleId === ruleId)!,
        200,
      );
    },
  );
}

const payerParams = idParam("payerId", "pyr");

scrubScopes.openapi(
  createRoute({
    method: "get",
    path: "/v1/payers/{payerId}/payer-rules",
    tags,
    summary: "The payer's own rules (prior authorization, required modifiers, non-covered codes, frequencies)",
    request: { params: payerParams },
    responses: { 200: jsonResponse(z.object({ items: z.array(payerRuleView) }), "Payer rules"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    const { payerId } = (await scopeOf(p, c.req.valid("param"))) as { payerId: string };
    return c.json({ items: await listPayerRules(p.tenantId, payerId) }, 200);
  },
);

scrubScopes.openapi(
  createRoute({
    method: "post",
    path: "/v1/payers/{payerId}/payer-rules",
    tags,
    summary: "Add a rule for this payer's claims, without code (owner)",
    description:
      'Findings of the rule carry its own id, "payer-rule.<ruleId>"; it applies to claims scrubbed from now on.',
    request: { params: payerParams, body: jsonBody(payerRuleInput) },
    responses: { 201: jsonResponse(payerRuleView, "The rule"), ...writeErrors },
  }),
  async (c) => {
    const p = c.get("principal");
    const { payerId } = (await scopeOf(p, c.req.valid("param"))) as { payerId: string };
    return c.json(await addPayerRule(p, payerId, c.req.valid("json")), 201);
  },
);

scrubScopes.openapi(
  createRoute({
    method: "delete",
    path: "/v1/payers/{payerId}/payer-rules/{ruleId}",
    tags,
    summary: "Remove a payer rule (owner)",
    request: { params: payerParams.merge(ruleIdParam) },
    responses: { 204: { description: "Removed" }, ...writeErrors },
  }),
  async (c) => {
    const p = c.get("principal");
    const { ruleId, ...ids } = c.req.valid("param");
    const { payerId } = (await scopeOf(p, ids)) as { payerId: string };
    await deletePayerRule(p, payerId, ruleId);
    return c.body(null, 204);
  },
);
