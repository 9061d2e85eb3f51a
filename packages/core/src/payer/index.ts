// The payer module's face: what other modules and the handlers may use.
export * from "./payer.schema.ts";
export * from "./payer.service.ts";
