import { Entity } from "electrodb";
import { badRequest } from "./errors.ts";
import { dynamo, tableName } from "./aws.ts";

/**
 * ElectroDB checks every entity model against a JSON schema when the entity is constructed: about
 * 110 ms of a Lambda's cold start for our ~25 constant models. The deployed functions skip it
 * (infra/ sets CLAIMLEDGER_TRUSTED_MODELS); tests and the local stack still run it on every model.
 * This module is imported by every entity file before its entity is built.
 */
if (process.env.CLAIMLEDGER_TRUSTED_MODELS === "1") {
  Reflect.set(Entity.prototype, "_validateModel", () => undefined);
}

/** The ElectroDB configuration every entity shares: one table, one client. */
export function entityConfig() {
  return { client: dynamo(), table: tableName() };
}

export const SERVICE = "claimledger";

/** Attributes every stored record carries. */
export const auditedAttributes = {
  createdAt: { type: "string", required: true, readOnly: true },
  updatedAt: { type: "string", required: true },
  version: { type: "number", required: true },
} as const;

/**
 * Runs an ElectroDB query page; a cursor that is not one this query handed out (tampered, or
 * from another list) is a 400, not a 500.
 */
export async function runPage<T>(
  run: () => Promise<{ data: T[]; cursor: string | null }>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  try {
    const { data, cursor } = await run();
    return { items: data, nextCursor: cursor };
  } catch (err) {
    if (isCursorError(err)) throw badRequest("The cursor is not valid for this list");
    throw err;
  }
}

function isCursorError(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: number };
  const msg = e?.message ?? "";
  return /cursor|ExclusiveStartKey|starting key|Exclusive Start Key/i.test(msg) || e?.name === "ValidationException";
}

export function now(): string {
  return new Date().toISOString();
}
