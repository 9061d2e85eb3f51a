// The settings module's face: what other modules and the handlers may use.
export * from "./settings.ts";
