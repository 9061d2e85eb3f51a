// The invoice module's face: what other modules and the handlers may use.
export * from "./activity.ts";
export * from "./document.ts";
export * from "./fee.ts";
export * from "./invoice.service.ts";
export * from "./invoice.schema.ts";
export * from "./messages.ts";
export * from "./period.ts";
export * from "./run.service.ts";
