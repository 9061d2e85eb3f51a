// The encounter module's face: what other modules and the handlers may use.
export * from "./claim-document.ts";
export * from "./encounter.schema.ts";
export * from "./import.service.ts";
export * from "./intake.service.ts";
export { csvTemplate } from "./csv/template.ts";
