// The feeschedule module's face: what other modules and the handlers may use.
export * from "./feeschedule.ts";
