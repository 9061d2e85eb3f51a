// ARCHITECTURE.md's first data rule, checked against every entity the code declares: each
// partition key, on the table and on every index, starts with the tenant id. The few that cannot
// (nothing but an email or a platform-wide list is known) are named here with the reason.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Entity } from "electrodb";
import { expect, it } from "vitest";

const coreSrc = join(import.meta.dirname, "../src");

/** entity.index -> why its partition is not a tenant's. */
const NOT_TENANT: Record<string, string> = {
  "tenant.all": "the platform's list of companies, read by scheduled jobs that visit each",
  "login.byEmail": "sign-in knows only an email: its hash finds the companies it belongs to",
  "signInAttempt.byBucket": "sign-in rate limits count per email hash and client address, before any tenant is known",
};

const files = readdirSync(coreSrc, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name.endsWith(".ts") && !d.name.endsWith(".test.ts"))
  .map((d) => join(d.parentPath, d.name))
  .filter((f) => readFileSync(f, "utf8").includes("new Entity("));

it("every partition key of every entity starts with the tenant id, but the few named with their reason", async () => {
  const seen: Record<string, string[]> = {};
  for (const f of files) {
    for (const value of Object.values(await import(f))) {
      if (!(value instanceof Entity)) continue;
      const schema = (
        value as unknown as {
          schema: { model: { entity: string }; indexes: Record<string, { pk: { composite: string[] } }> };
        }
      ).schema;
      for (const [name, index] of Object.entries(schema.indexes))
        seen[`${schema.model.entity}.${name}`] = index.pk.composite;
    }
  }
  expect(Object.keys(seen).length).toBeGreaterThan(30);
  const offenders = Object.entries(seen)
    .filter(([, composite]) => composite[0] !== "tenantId")
    .map(([key]) => key)
    .sort();
  expect(offenders).toEqual(Object.keys(NOT_TENANT).sort());
});
