import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { RULES } from "@claimledger/core/claim/index.ts";
import { ruleView, scrubOverrides, setScrubRule } from "@claimledger/core/settings/index.ts";
import { feeScheduleInput, feeView, getFeeSchedule, putFeeSchedule } from "@claimledger/core/feeschedule/index.ts";
import { notFound } from "@claimledger/core/shared/errors.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

export const settings = new OpenAPIHono<AppEnv>();

async function ruleList(tenantId: string) {
  const overrides = await scrubOverrides(tenantId);
  return RULES.map((r) => ({
    ruleId: r.id,
    title: r.title,
    defaultSeverity: r.severity,
    setting: overrides[r.id] ?? ("default" as const),
  }));
}

settings.openapi(
  createRoute({
    method: "get",
    path: "/v1/scrub-rules",
    tags: ["Scrubber"],
    summary: "Every scrub rule with its default severity and this company's setting",
    responses: { 200: jsonResponse(z.object({ items: z.array(ruleView) }), "Rules"), ...errors },
  }),
  async (c) => c.json({ items: await ruleList(c.get("principal").tenantId) }, 200),
);

settings.openapi(
  createRoute({
    method: "put",
    path: "/v1/scrub-rules/{ruleId}",
    tags: ["Scrubber"],
    summary: "Turn a rule off, or make it a warning or an error, for the whole company (owner)",
    description: "Applies to claims scrubbed from now on (intake and every edit).",
    request: {
      params: z.object({
        ruleId: z
          .string()
          .max(60)
          .openapi({ param: { name: "ruleId", in: "path" }, example: "dos.timely-filing" }),
      }),
      body: jsonBody(z.strictObject({ setting: z.enum(["default", "off", "warning", "error"]) })),
    },
    responses: { 200: jsonResponse(ruleView, "The rule's new setting"), ...writeErrors },
  }),
  async (c) => {
    const { ruleId } = c.req.valid("param");
    if (!RULES.some((r) => r.id === ruleId)) throw notFound(`Scrub rule ${ruleId}`);
    await setScrubRule(c.get("principal"), ruleId, c.req.valid("json").setting);
    return c.json(
      (await ruleList(c.get("principal").tenantId)).find((r) => r.ruleId === ruleId)!,
      200,
    );
  },
);

settings.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/fee-schedule",
    tags: ["Fee schedules"],
    summary: "The practice's fee schedule (code + modifier -> charge in cents)",
    request: { params: idParam("practiceId", "prc") },
    responses: { 200: jsonResponse(feeView, "The fee schedule"), ...errors },
  }),
  async (c) => c.json(await getFeeSchedule(c.get("principal"), c.req.valid("param").practiceId), 200),
);

settings.openapi(
  createRoute({
    method: "put",
    path: "/v1/practices/{practiceId}/fee-schedule",
    tags: ["Fee schedules"],
    summary: "Replace the practice's fee schedule; lines sent without a charge take it from here",
    request: { params: idParam("practiceId", "prc"), body: jsonBody(feeScheduleInput) },
    responses: { 200: jsonResponse(feeView, "The new fee schedule"), ...writeErrors },
  }),
  async (c) =>
    c.json(await putFeeSchedule(c.get("principal"), c.req.valid("param").practiceId, c.req.valid("json").entries), 200),
);
