import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  createPatient,
  getPatient,
  listPatients,
  updatePatient,
  patientInput,
  patientPatch,
  patientView,
} from "@claimledger/core/patient/index.ts";
import { patientBalance, patientBalanceView } from "@claimledger/core/remittance/index.ts";
import { createStatement, statementView } from "@claimledger/core/patientbilling/index.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
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

export const patients = new OpenAPIHono<AppEnv>();
const tags = ["Patients"];
const practiceParam = idParam("practiceId", "prc");
const params = practiceParam.extend(idParam("patientId", "pat").shape);

patients.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/patients",
    tags,
    summary: "Register a patient with their coverages",
    description:
      "Each coverage names a payer, member id, order (primary/secondary/tertiary) and the patient's relationship to the subscriber. When the patient is not the subscriber, the subscriber's name, birth date, sex and address are required.",
    request: { params: practiceParam, headers: idempotencyHeader, body: jsonBody(patientInput) },
    responses: { 201: jsonResponse(patientView, "Patient created"), ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(c, await createPatient(c.get("principal"), c.req.valid("param").practiceId, c.req.valid("json"))),
      201,
    ),
);

patients.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/patients",
    tags,
    summary: "List a practice's patients",
    request: { params: practiceParam, query: listQuery },
    responses: { 200: jsonResponse(pageOf(patientView), "Patients"), ...errors },
  }),
  async (c) =>
    c.json(await listPatients(c.get("principal"), c.req.valid("param").practiceId, c.req.valid("query")), 200),
);

patients.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/patients/{patientId}",
    tags,
    summary: "Get a patient",
    request: { params },
    responses: { 200: jsonResponse(patientView, "The patient"), ...errors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(withEtag(c, await getPatient(c.get("principal"), practiceId, patientId)), 200);
  },
);

patients.openapi(
  createRoute({
    method: "patch",
    path: "/v1/practices/{practiceId}/patients/{patientId}",
    tags,
    summary: "Change a patient or their coverages (If-Match with its version)",
    request: { params, body: jsonBody(patientPatch) },
    responses: { 200: jsonResponse(patientView, "The updated patient"), ...writeErrors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(
      withEtag(c, await updatePatient(c.get("principal"), practiceId, patientId, c.req.valid("json"), ifMatch(c))),
      200,
    );
  },
);

patients.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/patients/{patientId}/balance",
    tags: ["Payments"],
    summary: "What the patient owes, claim by claim, with what insurance paid",
    request: { params: idParam("practiceId", "prc").extend(idParam("patientId", "pat").shape) },
    responses: { 200: jsonResponse(patientBalanceView, "Patient balance"), ...errors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(await patientBalance(c.get("principal"), practiceId, patientId), 200);
  },
);

patients.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/patients/{patientId}/statements",
    tags: ["Payments"],
    summary: "Issue a patient statement (JSON and PDF in S3, returned as 15-minute download links)",
    request: { params: idParam("practiceId", "prc").extend(idParam("patientId", "pat").shape) },
    responses: { 201: jsonResponse(statementView, "The statement with jsonUrl and pdfUrl"), ...writeErrors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(await createStatement(c.get("principal"), practiceId, patientId), 201);
  },
);
