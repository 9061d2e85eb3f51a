// The practice module's face: what other modules and the handlers may use.
export * from "./practice.schema.ts";
export * from "./practice.service.ts";
