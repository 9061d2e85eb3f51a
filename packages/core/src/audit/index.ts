// The audit module's face: what other modules and the handlers may use.
export * from "./audit.service.ts";
export * from "./audit.schema.ts";
