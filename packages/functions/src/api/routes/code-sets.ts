import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { EDIT_SET_KINDS, loadedEditSets, loadedFiscalYears } from "@claimledger/core/codes/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, jsonResponse } from "./_shared.ts";

/** GET /v1/code-sets: which code sets and coding-edit releases the scrubber checks claims against. */
export const codeSets = new OpenAPIHono<AppEnv>();

const setView = z.object({
  kind: z.enum(["icd10cm", ...EDIT_SET_KINDS]),
  label: z.string(),
  version: z.string(),
  effective: z.string().optional().describe("YYYY-MM-DD the release takes effect, when it says"),
  partial: z.boolean().describe("A starter or excerpt set: edits missing from it are not checked"),
  entries: z.number().int().optional().describe("Codes, pairs or rows in the release"),
  source: z.string(),
});

codeSets.openapi(
  createRoute({
    method: "get",
    path: "/v1/code-sets",
    tags: ["Scrubber"],
    summary: "The code sets and CMS edit releases loaded: ICD-10-CM years, HCPCS, NCCI PTP/MUE/add-ons, age/sex lists",
    description:
      "A claim is checked against the release in force on its date of service; a kind with no release listed is not checked, and every claim scrubbed says so in one edits.missing warning.",
    responses: {
      200: jsonResponse(z.object({ items: z.array(setView), missing: z.array(z.string()) }), "Code sets"),
      ...errors,
    },
  }),
  (c) => {
    const icd = loadedFiscalYears()
      .sort()
      .map((fy) => ({
        kind: "icd10cm" as const,
        label: `ICD-10-CM FY${fy}`,
        version: `FY${fy}`,
        effective: `${fy - 1}-10-01`,
        partial: false,
        source: "CDC/NCHS ICD-10-CM release",
      }));
    const edits = loadedEditSets();
    const have = new Set(edits.map((e) => e.kind));
    const missing = EDIT_SET_KINDS.filter((k) => k !== "cpt" && !have.has(k));
    return c.json({ items: [...icd, ...edits], missing }, 200);
  },
);
