import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  contractPeriodView,
  contractScheduleInput,
  contractScheduleView,
  deriveContractSchedule,
  deriveFromMpfs,
  deriveQuery,
  mpfsDeriveInput,
  mpfsDerivedView,
  getContractSchedule,
  importContractSchedule,
  listContractSchedules,
  putContractSchedule,
} from "@claimledger/core/contract/index.ts";
import { isoDate } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, ifMatch, jsonBody, jsonResponse, withEtag, writeErrors } from "./_shared.ts";

/** Payer contract schedules: what each payer allows a practice per code, by period. */
export const contractSchedules = new OpenAPIHono<AppEnv>();
const tags = ["Contract schedules"];
const base = "/v1/practices/{practiceId}/payers/{payerId}/contract-schedules";
const id = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name, in: "path" }, example });
const owners = z.object({
  practiceId: id("practiceId", "prc_0123456789abcd"),
  payerId: id("payerId", "pyr_0123456789abcd"),
});
const period = owners.extend({
  // Built here (isoDate is core's zod, which may load before the OpenAPI extension): checked as isoDate is.
  effectiveFrom: z
    .string()
    .refine((v) => isoDate.safeParse(v).success, "must be a date YYYY-MM-DD")
    .openapi({ param: { name: "effectiveFrom", in: "path" }, example: "2026-01-01" }),
});
const csvBody = (description: string) => ({
  required: true,
  description,
  content: { "text/csv": { schema: z.string() } },
});
const ifMatchHeader = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({ description: 'The version read ("0" when the period must not exist yet); a stale one gets 412' }),
});

contractSchedules.openapi(
  createRoute({
    method: "get",
    path: base,
    tags,
    summary: "A practice's contract schedule periods with a payer, oldest first (without their entries)",
    request: { params: owners },
    responses: { 200: jsonResponse(z.object({ items: z.array(contractPeriodView) }), "The periods"), ...errors },
  }),
  async (c) => {
    const { practiceId, payerId } = c.req.valid("param");
    return c.json(await listContractSchedules(c.get("principal"), practiceId, payerId), 200);
  },
);

contractSchedules.openapi(
  createRoute({
    method: "get",
    path: `${base}/{effectiveFrom}`,
    tags,
    summary: "One period of the schedule: each code's (and modifier's) contracted allowed amount (ETag = version)",
    request: { params: period },
    responses: { 200: jsonResponse(contractScheduleView, "The schedule"), ...errors },
  }),
  async (c) => {
    const { practiceId, payerId, effectiveFrom } = c.req.valid("param");
    return c.json(withEtag(c, await getContractSchedule(c.get("principal"), practiceId, payerId, effectiveFrom)), 200);
  },
);

contractSchedules.openapi(
  createRoute({
    method: "put",
    path: `${base}/{effectiveFrom}`,
    tags,
    summary: "Set a period's contracted allowed amounts (owner, biller)",
    description:
      "Replaces the period's entries whole. A line is compared with the period in force on its date of service: the latest `effectiveFrom` on or before it, unless its `effectiveTo` has passed. `If-Match` guards against overwriting another's change.",
    request: { params: period, headers: ifMatchHeader, body: jsonBody(contractScheduleInput) },
    responses: { 200: jsonResponse(contractScheduleView, "The schedule"), ...writeErrors },
  }),
  async (c) => {
    const key = c.req.valid("param");
    return c.json(
      withEtag(c, await putContractSchedule(c.get("principal"), key, c.req.valid("json"), ifMatch(c))),
      200,
    );
  },
);

contractSchedules.openapi(
  createRoute({
    method: "post",
    path: `${base}/{effectiveFrom}/entries:import`,
    tags,
    summary: "Import a period's contracted amounts from CSV: procedure_code, modifier, allowed (dollars)",
    description:
      "Every row is checked first: any error answers 422 naming the row and column (`row 7 allowed`) and nothing is saved. The file replaces the period's entries whole.",
    request: {
      params: period,
      headers: ifMatchHeader,
      query: z.object({ effectiveTo: isoDate.optional() }),
      body: csvBody("procedure_code,modifier,allowed"),
    },
    responses: { 200: jsonResponse(contractScheduleView, "The schedule"), ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(
        c,
        await importContractSchedule(
          c.get("principal"),
          c.req.valid("param"),
          await c.req.text(),
          c.req.valid("query"),
          ifMatch(c),
        ),
      ),
      200,
    ),
);

contractSchedules.openapi(
  createRoute({
    method: "post",
    path: `${base}/{effectiveFrom}/medicare-rates:import`,
    tags,
    summary:
      "Derive a period from Medicare rates: allowed = percentBps x rate, from a CSV of procedure_code, modifier, rate",
    description:
      "The operator supplies the Medicare rates of the practice's locality (`procedure_code,modifier,rate` in dollars, optionally a `locality` column: only the rows of `locality` are used). Each allowed amount is rate x percentBps / 10000, rounded half-up to the cent. Checked whole first: a bad row is a 422 naming it, and nothing is saved.",
    request: {
      params: period,
      headers: ifMatchHeader,
      query: deriveQuery,
      body: csvBody("procedure_code,modifier,rate"),
    },
    responses: { 200: jsonResponse(contractScheduleView, "The schedule"), ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(
        c,
        await deriveContractSchedule(
          c.get("principal"),
          c.req.valid("param"),
          await c.req.text(),
          c.req.valid("query"),
          ifMatch(c),
        ),
      ),
      200,
    ),
);

contractSchedules.openapi(
  createRoute({
    method: "post",
    path: `${base}/{effectiveFrom}/medicare-fee-schedule:derive`,
    tags,
    summary:
      "Derive a period from CMS's Medicare physician fee schedule: allowed = percentBps x the locality's Medicare fee",
    description:
      "Needs the year's CMS files imported by the operator (`npm run import-mpfs`). Each code's Medicare fee is CMS's formula, [(work RVU x work GPCI) + (PE RVU x PE GPCI) + (MP RVU x MP GPCI)] x conversion factor, rounded half-up to the cent, with the non-facility (office) or facility practice expense; then x percentBps / 10000, rounded half-up. Codes default to the practice's fee schedule. Codes CMS does not pay (status other than A, R, T), does not price in the setting (NA) or does not list come back as `skipped` and are not in the schedule.",
    request: {
      params: period,
      headers: ifMatchHeader,
      body: jsonBody(mpfsDeriveInput),
    },
    responses: { 200: jsonResponse(mpfsDerivedView, "The schedule, and the codes skipped"), ...writeErrors },
  }),
  async (c) => {
    const r = await deriveFromMpfs(c.get("principal"), c.req.valid("param"), c.req.valid("json"), ifMatch(c));
    withEtag(c, r.schedule);
    return c.json(r, 200);
  },
);
