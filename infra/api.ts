import { documentBucket, ediBucket, platformAdminKey, table } from "./storage";
import { queueResources } from "./queues";
import { clearinghouseSecrets } from "./workers";

/** The HTTP API (API Gateway v2) in front of the Hono Lambda. */
export const api = new sst.aws.ApiGatewayV2("Api");

api.route("$default", {
  handler: "packages/functions/src/api/handler.handler",
  runtime: "nodejs24.x",
  memory: "1024 MB",
  timeout: "29 seconds",
  link: [table, ediBucket, documentBucket, platformAdminKey, ...Object.values(queueResources).map((q) => q.queue)],
  permissions: [clearinghouseSecrets],
});
