// The patient module's face: what other modules and the handlers may use.
export * from "./patient.schema.ts";
export * from "./patient.service.ts";
