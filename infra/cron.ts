import { lambda } from "./functions.ts";
import { crons } from "./resources.ts";
import { queueResources } from "./queues.ts";
import { dataAccess, table } from "./storage.ts";

/** What each job's code reads, and no more (infra/infra.test.ts checks it against the bundle). */
const access: Record<keyof typeof crons, { link: sst.Linkable[]; permissions: sst.Permission[] }> = {
  clearinghousePoll: { link: [table, queueResources.clearinghousePolls.queue], permissions: dataAccess },
  invoiceRun: { link: [table, queueResources.invoiceRuns.queue], permissions: dataAccess },
  statusInquiries: { link: [table, queueResources.statusInquiries.queue], permissions: dataAccess },
  statementRun: { link: [table, queueResources.statementRuns.queue], permissions: dataAccess },
  webhookSweep: { link: [table, queueResources.webhookDeliveries.queue], permissions: dataAccess },
  // Its task changes write events, announced to the fan-out queue.
  followUpSweep: { link: [table, queueResources.webhookFanout.queue], permissions: dataAccess },
};

/**
 * Every scheduled job in infra/resources.ts. No reserved concurrency (a new account has none to
 * give); each job's timeout fits within its interval, so runs do not pile up.
 */
for (const key of Object.keys(crons) as (keyof typeof crons)[]) {
  const def = crons[key];
  new sst.aws.Cron(def.resource, { schedule: def.schedule, function: lambda(def, access[key]) });
}
