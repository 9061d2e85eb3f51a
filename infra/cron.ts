import { ediBucket, table } from "./storage";
import { queueResources } from "./queues";
import { clearinghouseSecrets } from "./workers";

/** Fetch every company's clearinghouse answers every five minutes. */
export const clearinghousePoll = new sst.aws.Cron("ClearinghousePoll", {
  schedule: "rate(5 minutes)",
  function: {
    handler: "packages/functions/src/cron/poll.handler",
    runtime: "nodejs24.x",
    timeout: "5 minutes",
    memory: "512 MB",
    link: [table, ediBucket, queueResources.inboundFiles.queue],
    permissions: [clearinghouseSecrets],
  },
});
