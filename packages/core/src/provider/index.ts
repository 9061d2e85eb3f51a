// The provider module's face: what other modules and the handlers may use.
export * from "./provider.schema.ts";
export * from "./provider.service.ts";
