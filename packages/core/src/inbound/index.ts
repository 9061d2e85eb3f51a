// The inbound module's face: what other modules and the handlers may use.
export * from "./acks.service.ts";
export * from "./inbound.service.ts";
export * from "./messages.ts";
export * from "./poll.service.ts";
export * from "./process.service.ts";
export { INBOUND_STATUSES } from "./inbound.entity.ts";
export * from "./inbound.schema.ts";
export * from "./upload.service.ts";
