import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { PERMISSIONS, authorize, can, type Action } from "./permissions.ts";
import { systemPrincipal } from "./context.ts";

const ROLES = ["owner", "biller", "viewer", "practice"] as const;

it("the README's permission table says exactly what the code enforces", () => {
  const readme = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");
  const lines = readme.split("\n");
  const start = lines.indexOf("| action | what | owner | biller | viewer | practice |");
  expect(start).toBeGreaterThan(0);
  const end = lines.indexOf("", start);
  const rows = lines.slice(start + 2, end);
  const documented = Object.fromEntries(
    rows.map((l) => {
      const cells = l.split("|").map((c) => c.trim());
      return [cells[1]!.replace(/`/g, ""), ROLES.filter((_, i) => cells[3 + i] === "yes")];
    }),
  );
  const enforced = Object.fromEntries(
    Object.entries(PERMISSIONS).map(([a, roles]) => [a, ROLES.filter((r) => (roles as readonly string[]).includes(r))]),
  );
  expect(documented).toEqual(enforced);
});

it("refuses with a 403 naming the action and who may take it; viewers never write; the system jobs only close months and run statements", () => {
  const p = (role: (typeof ROLES)[number]) => ({ tenantId: "tnt_x", keyId: "key_x", role });
  expect(() => authorize(p("practice"), "statement.issue")).toThrow(
    "statement.issue needs one of the roles: owner, biller",
  );
  expect(() => authorize(p("biller"), "contract.write")).toThrow(expect.objectContaining({ status: 403 }));
  for (const action of Object.keys(PERMISSIONS) as Action[]) {
    const writes = !/\.(read|list)$/.test(action);
    if (writes) expect(can(p("viewer"), action), action).toBe(false);
  }
  const cron = systemPrincipal("tnt_x", "monthly-close");
  expect((Object.keys(PERMISSIONS) as Action[]).filter((a) => can(cron, a))).toEqual([
    "statementRun.start",
    "invoiceRun.start",
  ]);
});
