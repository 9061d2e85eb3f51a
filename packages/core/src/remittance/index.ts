// The remittance module's face: what other modules and the handlers may use.
export * from "./claim-posting.ts";
export * from "./cob.ts";
export * from "./denials.service.ts";
export * from "./payments.service.ts";
export * from "./posting.ts";
export * from "./remittance.service.ts";
export * from "./posting-run.ts";
export * from "./secondary.service.ts";
export * from "./lists.ts";
export * from "./messages.ts";
export * from "./remittance.schema.ts";
export { creditItems } from "./credit.service.ts";
