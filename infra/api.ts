import { consoleAssets, docsAssets, lambda } from "./functions.ts";
import { api as apiDef } from "./resources.ts";
import { queueResources } from "./queues.ts";
import { dataAccess, documentBucket, ediBucket, platformAdminKey, table } from "./storage.ts";
import { stageConfig } from "./stages.ts";

const { domain, mailSender } = stageConfig($app.stage);

/** Amazon SES, for invitations and password resets, when the stage names a sender. */
const mail = mailSender ? new sst.aws.Email("Mail", { sender: mailSender }) : undefined;
const mailFrom = mailSender?.includes("@") ? mailSender : mailSender && `ClaimLedger <no-reply@${mailSender}>`;

/** The HTTP API (API Gateway v2): access logs kept a year, stage-wide throttling, optional domain. */
export const api = new sst.aws.ApiGatewayV2("Api", {
  ...(domain ? { domain } : {}),
  accessLog: { retention: "1 year" },
  transform: {
    stage: {
      defaultRouteSettings: {
        throttlingRateLimit: apiDef.throttle.ratePerSecond,
        throttlingBurstLimit: apiDef.throttle.burst,
      },
    },
  },
});

/** Every request goes to the Hono app, which routes it (and answers 404s itself). */
const base = lambda(apiDef, {
  // Every queue but the 835 chunks', which only the inbound and chunk workers send to.
  link: [
    table,
    ediBucket,
    documentBucket,
    platformAdminKey,
    ...Object.entries(queueResources)
      .filter(([name]) => name !== "remittanceChunks")
      .map(([, q]) => q.queue),
  ],
  // No secrets: the API never opens a clearinghouse connection (the workers do).
  permissions: [...dataAccess, ...(mail ? [{ actions: ["ses:SendEmail"], resources: ["*"] }] : [])],
});
api.route("$default", {
  ...base,
  // The API reference's Swagger UI files (/docs/assets/*) and the console (/app) ship beside the bundle.
  copyFiles: [...(base.copyFiles ?? []), ...docsAssets.files, ...consoleAssets.files],
  environment: {
    ...base.environment,
    ...docsAssets.environment,
    ...consoleAssets.environment,
    // Links in mails point at the console on the API's own address.
    CLAIMLEDGER_CONSOLE_URL: domain ? `https://${domain}/app` : $interpolate`${api.url}/app`,
    ...(mailFrom ? { CLAIMLEDGER_MAIL_FROM: mailFrom } : {}),
  },
});
