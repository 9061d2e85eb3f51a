// The audit module's face: what other modules and the handlers may use.
export * from "./audit.service.ts";
