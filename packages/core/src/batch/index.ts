// The batch module's face: what other modules and the handlers may use.
export * from "./batch.service.ts";
export * from "./messages.ts";
export * from "./process.service.ts";
export * from "./run.service.ts";
export * from "./to837p.ts";
export { BATCH_STATUSES, BATCH_RUN_STATUSES } from "./batch.entity.ts";
export * from "./batch.schema.ts";
