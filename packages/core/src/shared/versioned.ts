import { conflict, preconditionFailed } from "./errors.ts";
import { now } from "./db.ts";
import { TransactionConflict, transactWrite, tx } from "./transact.ts";

/** What a versioned update needs of an ElectroDB entity: patch -> set -> add -> where -> params. */
interface VersionedEntity {
  patch(k: Record<string, string>): {
    set(v: Record<string, unknown>): {
      add(v: { version: number }): {
        where(cb: (a: Record<string, unknown>, op: { eq(a: unknown, v: unknown): string }) => string): {
          params(): Record<string, unknown>;
        };
      };
    };
  };
}

/**
 * Optimistic-locking update: applies `changes` only if the stored version is still `current`,
 * bumps the version, and writes the audit event in the same transaction. A stale `If-Match`
 * gets 412; a concurrent writer without one gets 409.
 */
export async function versionedUpdate(
  entity: VersionedEntity,
  keys: Record<string, string>,
  currentVersion: number,
  changes: Record<string, unknown>,
  ifMatch: number | undefined,
  auditParams: Record<string, unknown>,
): Promise<{ version: number; updatedAt: string }> {
  if (ifMatch !== undefined && ifMatch !== currentVersion) {
    throw preconditionFailed(`The record is at version ${currentVersion}, not ${ifMatch}; reload it and retry`);
  }
  const planned = versionedUpdateItems(entity, keys, currentVersion, changes, auditParams);
  try {
    await transactWrite(planned.items);
  } catch (err) {
    if (err instanceof TransactionConflict) {
      if (ifMatch !== undefined) throw preconditionFailed("The record changed since you read it; reload it and retry");
      throw conflict("The record was changed by someone else at the same time; retry");
    }
    throw err;
  }
  return { version: planned.version, updatedAt: planned.updatedAt };
}

/** The writes of a versioned update (conditional update + audit event), for a caller's larger transaction. */
export function versionedUpdateItems(
  entity: VersionedEntity,
  keys: Record<string, string>,
  currentVersion: number,
  changes: Record<string, unknown>,
  auditParams: Record<string, unknown>,
): { items: ReturnType<typeof tx.update>[]; version: number; updatedAt: string } {
  const updatedAt = now();
  const update = entity
    .patch(keys)
    .set({ ...changes, updatedAt })
    .add({ version: 1 })
    .where((attr, op) => op.eq(attr.version, currentVersion))
    .params();
  return { items: [tx.update(update), tx.put(auditParams)], version: currentVersion + 1, updatedAt };
}

/** Names of the fields whose values differ, for the audit trail. */
export function changedFields(before: Record<string, unknown>, changes: Record<string, unknown>): string[] {
  return Object.keys(changes).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(changes[k]));
}
