import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { SCHEMA_FILE, generateSchema } from "../scripts/schema.ts";

it("has a typed client generated from the API's current OpenAPI document (else: npm run console:schema)", async () => {
  const committed = readFileSync(SCHEMA_FILE, "utf8");
  const fresh = await generateSchema();
  expect(committed.includes('"/v1/claims"')).toBe(true);
  // Compared as a whole: any route or schema change the console has not picked up fails here.
  expect(committed === fresh, "packages/console/src/api/schema.d.ts is stale: run `npm run console:schema`").toBe(true);
});
