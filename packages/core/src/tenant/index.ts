// The tenant module's face: what other modules and the handlers may use.
export * from "./keys.ts";
export * from "./tenant.schema.ts";
export * from "./tenant.service.ts";
export { allTenantIds } from "./tenant.entity.ts";
