import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { AppError, problemOf } from "@claimledger/core/shared/errors.ts";
import { isTransient } from "@claimledger/core/shared/transact.ts";
import { log } from "@claimledger/core/shared/log.ts";
import type { AppEnv } from "./env.ts";
import { problem, problemResponse, zodErrors } from "./problem.ts";
import { refuseControlCharacters, requestContext, requireJson } from "./middleware/request.ts";
import { requireCaller } from "./middleware/auth.ts";
import { idempotency } from "./middleware/idempotency.ts";
import { DOCS_CSP, DOCS_INIT_JS, docsAsset, docsPage } from "./docs.ts";
import { consoleApp } from "./console.ts";
import { tenants } from "./routes/tenants.ts";
import { apiKeys } from "./routes/api-keys.ts";
import { practices } from "./routes/practices.ts";
import { providers } from "./routes/providers.ts";
import { payers } from "./routes/payers.ts";
import { patients } from "./routes/patients.ts";
import { eligibility } from "./routes/eligibility.ts";
import { audit } from "./routes/audit.ts";
import { encounters } from "./routes/encounters.ts";
import { claims } from "./routes/claims.ts";
import { claimDenials } from "./routes/claim-denials.ts";
import { claimStatus } from "./routes/claim-status.ts";
import { settings } from "./routes/settings.ts";
import { scrubScopes } from "./routes/scrub-scopes.ts";
import { codeSets } from "./routes/code-sets.ts";
import { batches } from "./routes/batches.ts";
import { clearinghouse } from "./routes/clearinghouse.ts";
import { remittances } from "./routes/remittances.ts";
import { suspense } from "./routes/suspense.ts";
import { ledger } from "./routes/ledger.ts";
import { workQueues } from "./routes/work-queues.ts";
import { payments } from "./routes/payments.ts";
import { invoices } from "./routes/invoices.ts";
import { reports } from "./routes/reports.ts";
import { sessions } from "./routes/sessions.ts";
import { users } from "./routes/users.ts";
import { events } from "./routes/events.ts";
import { webhookEndpoints } from "./routes/webhook-endpoints.ts";
import { tasks } from "./routes/tasks.ts";
import { followUps } from "./routes/follow-ups.ts";
import { patientBilling } from "./routes/patient-billing.ts";
import { statementRuns } from "./routes/statement-runs.ts";
import { paymentPlans } from "./routes/payment-plans.ts";
import { collections } from "./routes/collections.ts";
import { appeals } from "./routes/appeals.ts";
import { appealAttachments } from "./routes/appeal-attachments.ts";
import { writeOffRequests } from "./routes/write-off-requests.ts";
import { contractSchedules } from "./routes/contract-schedules.ts";
import { underpayments } from "./routes/underpayments.ts";
import { contractReports } from "./routes/contract-reports.ts";

/** Request bodies above this size get 413 (a 500-encounter batch is well below it). */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** What is reached before anyone is signed in: sign-in itself, invitations, resets; tenants take the platform admin key. */
const PUBLIC = new Set([
  "/v1/tenants",
  "/v1/sessions",
  "/v1/invitations/accept",
  "/v1/password-resets",
  "/v1/password-resets/complete",
]);

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({
    // Every schema failure becomes a 422 problem+json naming each path.
    defaultHook: (result, c) => {
      if (!result.success) {
        const where = result.target === "json" ? "" : result.target === "param" ? "path" : result.target;
        return problem(
          c,
          422,
          "validation",
          "Validation failed",
          "The request is not valid",
          zodErrors(result.error.issues, where),
        );
      }
    },
  });

  app.use("*", requestContext);
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problem(c, 413, "payload-too-large", "Payload too large", `Bodies are limited to ${MAX_BODY_BYTES} bytes`),
    }),
  );
  app.use("/v1/*", requireJson());
  app.use("/v1/*", async (c, next) =>
    c.req.method === "POST" && PUBLIC.has(c.req.path) ? next() : requireCaller(c, next),
  );
  app.use("/v1/*", refuseControlCharacters);
  app.use("/v1/*", async (c, next) => (c.get("principal") ? idempotency(c, next) : next()));

  app.get("/health", (c) => c.json({ ok: true }));

  for (const routes of [
    sessions,
    users,
    tenants,
    apiKeys,
    practices,
    providers,
    payers,
    patients,
    patientBilling,
    statementRuns,
    paymentPlans,
    collections,
    eligibility,
    encounters,
    claims,
    claimDenials,
    claimStatus,
    batches,
    clearinghouse,
    remittances,
    suspense,
    ledger,
    workQueues,
    payments,
    invoices,
    reports,
    settings,
    scrubScopes,
    codeSets,
    audit,
    events,
    webhookEndpoints,
    tasks,
    followUps,
    appeals,
    appealAttachments,
    writeOffRequests,
    contractSchedules,
    underpayments,
    contractReports,
  ])
    app.route("/", routes);

  const openapi = {
    openapi: "3.1.0",
    info: {
      title: "ClaimLedger API",
      version: "1.0.0",
      description:
        "Multi-tenant medical billing API for billing companies. Integrations authenticate with `Authorization: Bearer <api key>`; console users sign in (`POST /v1/sessions`) and send the `cl_session` cookie plus `X-CSRF-Token` on changes. Errors are RFC 9457 problem+json.",
    },
    security: [{ apiKey: [] }, { session: [] }] as Record<string, string[]>[],
  };
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "cl_session",
  });
  app.doc31("/openapi.json", openapi);
  app.get("/docs", (c) => {
    c.header("content-security-policy", DOCS_CSP);
    return c.html(docsPage({ ...app.getOpenAPI31Document(openapi) }));
  });
  app.get("/docs/assets/init.js", (c) =>
    c.body(DOCS_INIT_JS, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/docs/assets/:name", (c) => {
    const asset = docsAsset(c.req.param("name"));
    if (!asset) return problem(c, 404, "not-found", "Not found", `No docs asset ${c.req.param("name")}`);
    return c.body(asset.body, 200, { "content-type": asset.type, "cache-control": "public, max-age=86400" });
  });

  app.route("/", consoleApp);

  app.notFound((c) => problem(c, 404, "not-found", "Not found", `No route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof AppError) {
      const res = problemResponse(problemOf(err, c.req.path));
      if (err.retryAfterSeconds !== undefined) res.headers.set("retry-after", String(err.retryAfterSeconds));
      return res;
    }
    if (err instanceof HTTPException) {
      // Hono's JSON validator: malformed JSON body.
      const msg = err.message || "The request could not be read";
      return problem(c, err.status, "bad-request", "Bad request", msg);
    }
    if (isTransient(err)) {
      // Contention or throttling that outlasted the retries, or a posting fence passed: nothing was
      // written, and the same request a moment later can succeed.
      log("warn", "busy", { requestId: c.get("requestId"), route: c.req.routePath, error: (err as Error).name });
      const res = problem(
        c,
        503,
        "busy",
        "Busy",
        "The data this request changes is busy: nothing was written; try again in a moment",
      );
      res.headers.set("retry-after", "1");
      return res;
    }
    log("error", "unhandled", {
      requestId: c.get("requestId"),
      route: c.req.routePath,
      error: (err as Error).name,
      message: (err as Error).message,
    });
    return problem(
      c,
      500,
      "internal",
      "Internal error",
      "Something went wrong on our side; the request id identifies it in our logs",
    );
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
