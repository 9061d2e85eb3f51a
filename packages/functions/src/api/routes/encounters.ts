import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  encounterBatch,
  encounterInput,
  intakeMany,
  intakeRaw,
  intakeScope,
  importCsv,
  csvTemplate,
} from "@claimledger/core/encounter/index.ts";
import type { AppEnv } from "../env.ts";
import { problem, problemResponse, zodErrors } from "../problem.ts";
import { idParam, idempotencyHeader, jsonResponse, writeErrors } from "./_shared.ts";

export const encounters = new OpenAPIHono<AppEnv>();
encounters.openAPIRegistry.register("EncounterInput", encounterInput);
const tags = ["Encounters"];
const practiceParam = idParam("practiceId", "prc");

const findingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(["error", "warning"]),
  path: z.string(),
  message: z.string(),
  fixHint: z.string(),
});
const itemResult = z.object({
  index: z.number(),
  externalId: z.string().optional(),
  outcome: z.enum(["accepted", "rejected"]),
  claimId: z.string().optional(),
  status: z.string().optional(),
  findings: z.array(findingSchema).optional(),
  problem: z
    .object({
      status: z.number(),
      type: z.string(),
      title: z.string(),
      detail: z.string(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    })
    .optional(),
});
export const batchResult = z.object({ accepted: z.number(), rejected: z.number(), results: z.array(itemResult) });

encounters.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/encounters",
    tags,
    summary: "Upload one encounter, or a batch of up to 500",
    description:
      'Send one encounter (see the EncounterInput schema) and get 201 with its claim id, status (`ready` or `needs_review`) and scrub findings, or a problem. Send `{ "encounters": [...] }` and get 200 with a result per item, accepted or rejected with problem details. An encounter already received (same patient, rendering provider, dates of service and codes) is rejected as a duplicate (409), whatever the Idempotency-Key.',
    request: {
      params: practiceParam,
      headers: idempotencyHeader,
      // Items are validated one by one in the handler (one bad encounter must not sink a batch);
      // the EncounterInput component documents their shape.
      body: {
        required: true,
        content: { "application/json": { schema: z.union([encounterBatch, z.looseObject({})]) } },
      },
    },
    responses: {
      201: jsonResponse(itemResult, "One encounter accepted: its claim"),
      200: jsonResponse(batchResult, "A batch: one result per encounter, in order"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const scope = await intakeScope(c.get("principal"), c.req.valid("param").practiceId);
    // Validated item by item below, so one bad encounter does not sink a batch.
    const body = (await c.req.json()) as { encounters?: unknown[] };
    if (body && "encounters" in body) {
      const batch = encounterBatch.safeParse(body);
      if (!batch.success)
        return problem(
          c,
          422,
          "validation",
          "Validation failed",
          "The batch is not valid",
          zodErrors(batch.error.issues),
        ) as never;
      const results = await intakeMany(scope, batch.data.encounters);
      const accepted = results.filter((r) => r.outcome === "accepted").length;
      return c.json({ accepted, rejected: results.length - accepted, results }, 200);
    }
    const r = await intakeRaw(scope, body, 0);
    if (r.outcome === "rejected") return problemResponse({ ...r.problem, instance: c.req.path }) as never;
    return c.json(r, 201);
  },
);

encounters.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/encounters:import",
    tags,
    summary: "Import encounters from a CSV export (one row per service line)",
    description:
      "Rows sharing `encounter_ref` form one encounter. The whole file is checked first: any error answers 422 with row-numbered errors (`path` is `row N column`) and nothing is imported. Then each encounter is taken as by the JSON route; the answer lists each with its rows. Columns: see the template, `GET /v1/encounters/import-template.csv`.",
    request: {
      params: practiceParam,
      headers: idempotencyHeader,
      body: { required: true, content: { "text/csv": { schema: z.string() } } },
    },
    responses: {
      200: jsonResponse(
        z.object({
          accepted: z.number(),
          rejected: z.number(),
          results: z.array(itemResult.extend({ rows: z.array(z.number()) })),
        }),
        "One result per encounter",
      ),
      ...writeErrors,
    },
  }),
  async (c) => c.json(await importCsv(c.get("principal"), c.req.valid("param").practiceId, await c.req.text()), 200),
);

encounters.openapi(
  createRoute({
    method: "get",
    path: "/v1/encounters/import-template.csv",
    tags,
    summary: "The CSV import template: every column, with two example rows",
    responses: { 200: { description: "CSV template", content: { "text/csv": { schema: z.string() } } } },
  }),
  (c) =>
    c.body(csvTemplate(), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="claimledger-encounters-template.csv"',
    }),
);
