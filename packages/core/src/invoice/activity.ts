import { CounterEntity } from "../shared/counter.ts";
import { tx } from "../shared/transact.ts";

/**
 * Per practice-month counts the flat fees bill on, kept as counters when the work happens (in the
 * same transaction where there is one), so month close reads two items instead of scanning claims.
 */
export type Activity = "claims-submitted" | "statements-sent";

const counterName = (kind: Activity, practiceId: string, month: string) => `${kind}:${practiceId}:${month}`;

export function countActivity(tenantId: string, practiceId: string, month: string, kind: Activity) {
  return tx.update(
    CounterEntity.update({ tenantId, name: counterName(kind, practiceId, month) })
      .add({ value: 1 })
      .params(),
  );
}

export async function readActivity(
  tenantId: string,
  practiceId: string,
  month: string,
): Promise<Record<Activity, number>> {
  const kinds: Activity[] = ["claims-submitted", "statements-sent"];
  const out = {} as Record<Activity, number>;
  for (const kind of kinds) {
    const { data } = await CounterEntity.get({ tenantId, name: counterName(kind, practiceId, month) }).go({
      consistent: true,
    });
    out[kind] = data?.value ?? 0;
  }
  return out;
}
