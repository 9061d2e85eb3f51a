import { ContractScheduleEntity } from "./schedule.entity.ts";
import {
  entryKey,
  type ContractEntry,
  type ContractScheduleInput,
  type ContractScheduleView,
  type DeriveQuery,
  type MpfsDeriveInput,
  type MpfsSkip,
  type ScheduleBasis,
} from "./schedule.schema.ts";
import { deriveFromMedicareCsv, parseContractCsv, percentOfRate } from "./schedule-csv.ts";
import { loadMpfs, medicareFee } from "../codes/index.ts";
import { feeScheduleOfPractice } from "../feeschedule/index.ts";
import { getPractice } from "../practice/index.ts";
import { getPayer, payersForSystem } from "../payer/index.ts";
import { auditPut } from "../audit/index.ts";
import type { Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { invalid, notFound, preconditionFailed } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";

/**
 * Payer contract schedules: per practice and payer, the contracted allowed amount per code (and
 * modifier), effective-dated. The schedule in force on a date of service is the one with the
 * latest `effectiveFrom` on or before it, unless its `effectiveTo` has passed (then none is).
 */

type Packed = Record<string, number>;
const pack = (entries: ContractEntry[]): Packed =>
  Object.fromEntries(entries.map((e) => [entryKey(e.procedureCode, e.modifier), e.allowedCents]));
const unpack = (packed: Packed): ContractEntry[] =>
  Object.entries(packed)
    .map(([k, allowedCents]) => {
      const [procedureCode, modifier] = k.split("-");
      return { procedureCode: procedureCode!, ...(modifier ? { modifier } : {}), allowedCents };
    })
    .sort((a, b) => entryKey(a.procedureCode, a.modifier).localeCompare(entryKey(b.procedureCode, b.modifier)));

interface StoredSchedule {
  practiceId: string;
  payerId: string;
  effectiveFrom: string;
  effectiveTo?: string;
  entries: unknown;
  basis: unknown;
  version: number;
  updatedAt: string;
}

const view = (s: StoredSchedule): ContractScheduleView => ({
  practiceId: s.practiceId,
  payerId: s.payerId,
  effectiveFrom: s.effectiveFrom,
  effectiveTo: s.effectiveTo ?? null,
  basis: s.basis as ScheduleBasis,
  entries: unpack(s.entries as Packed),
  version: s.version,
  updatedAt: s.updatedAt,
});

/** The practice and payer, each 404 when not this principal's to see. */
async function scope(p: Principal, practiceId: string, payerId: string) {
  await getPractice(p, practiceId);
  await getPayer(p, payerId);
}

async function stored(tenantId: string, practiceId: string, payerId: string, effectiveFrom: string) {
  const { data } = await ContractScheduleEntity.get({ tenantId, practiceId, payerId, effectiveFrom }).go({
    consistent: true,
  });
  return data ?? undefined;
}

export async function getContractSchedule(
  p: Principal,
  practiceId: string,
  payerId: string,
  effectiveFrom: string,
): Promise<ContractScheduleView> {
  await scope(p, practiceId, payerId);
  const s = await stored(p.tenantId, practiceId, payerId, effectiveFrom);
  if (!s) throw notFound("Contract schedule");
  return view(s);
}

/** Every period of a practice's schedule with a payer, oldest first, without their entries. */
export async function listContractSchedules(p: Principal, practiceId: string, payerId: string) {
  await scope(p, practiceId, payerId);
  const { data } = await ContractScheduleEntity.query
    .byPayer({ tenantId: p.tenantId, practiceId, payerId })
    .go({ pages: "all" });
  return {
    items: data.map((s) => {
      const { entries, ...rest } = view(s);
      return { ...rest, entryCount: entries.length };
    }),
  };
}

/**
 * Saves the period's entries whole, under the version read (`If-Match`: 0 when it must not exist
 * yet; a stale one is 412). Written with its audit event in one transaction.
 */
async function save(
  p: Principal,
  key: { practiceId: string; payerId: string; effectiveFrom: string },
  input: { effectiveTo?: string | null; entries: ContractEntry[] },
  basis: ScheduleBasis,
  ifMatch: number | undefined,
): Promise<ContractScheduleView> {
  authorize(p, "contractSchedule.write");
  await scope(p, key.practiceId, key.payerId);
  if (input.effectiveTo && input.effectiveTo < key.effectiveFrom)
    throw invalid([{ path: "effectiveTo", message: "must not be before effectiveFrom" }]);
  const current = await stored(p.tenantId, key.practiceId, key.payerId, key.effectiveFrom);
  const currentVersion = current?.version ?? 0;
  if (ifMatch !== undefined && ifMatch !== currentVersion)
    throw preconditionFailed(`The schedule is at version ${currentVersion}, not ${ifMatch}; reload it and retry`);
  const at = now();
  const item = {
    tenantId: p.tenantId,
    ...key,
    ...(input.effectiveTo ? { effectiveTo: input.effectiveTo } : {}),
    entries: pack(input.entries),
    basis,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
    version: currentVersion + 1,
  };
  const put = ContractScheduleEntity.put(item);
  const params = (
    current ? put.where((a, op) => op.eq(a.version, currentVersion)) : put.where((a, op) => op.notExists(a.version))
  ).params();
  try {
    await transactWrite([
      tx.put(params),
      tx.put(
        auditPut(
          p,
          `contractSchedule:${key.practiceId}_${key.payerId}_${key.effectiveFrom.replace(/-/g, "")}`,
          current ? "replaced" : "created",
          {
            practiceId: key.practiceId,
            note: `${input.entries.length} entries, ${basis.kind}`,
          },
        ),
      ),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict)
      throw preconditionFailed("The schedule changed since you read it; reload it and retry");
    throw err;
  }
  return view(item);
}

export function putContractSchedule(
  p: Principal,
  key: { practiceId: string; payerId: string; effectiveFrom: string },
  input: ContractScheduleInput,
  ifMatch?: number,
) {
  return save(p, key, input, { kind: "entered" }, ifMatch);
}

/** A contract CSV (`procedure_code, modifier, allowed`), every row checked before anything is saved. */
export async function importContractSchedule(
  p: Principal,
  key: { practiceId: string; payerId: string; effectiveFrom: string },
  csv: string,
  options: { effectiveTo?: string },
  ifMatch?: number,
) {
  authorize(p, "contractSchedule.write");
  await scope(p, key.practiceId, key.payerId);
  const entries = parseContractCsv(csv);
  return save(p, key, { effectiveTo: options.effectiveTo, entries }, { kind: "imported" }, ifMatch);
}

/** Medicare rates of a locality (CSV) x the contract percent: the schedule `allowed = percent x rate`. */
export async function deriveContractSchedule(
  p: Principal,
  key: { practiceId: string; payerId: string; effectiveFrom: string },
  csv: string,
  q: DeriveQuery,
  ifMatch?: number,
) {
  authorize(p, "contractSchedule.write");
  await scope(p, key.practiceId, key.payerId);
  const entries = deriveFromMedicareCsv(csv, q.percentBps, q.locality);
  return save(
    p,
    key,
    { effectiveTo: q.effectiveTo, entries },
    { kind: "medicare_percent", percentBps: q.percentBps, locality: q.locality },
    ifMatch,
  );
}

/**
 * A period derived from CMS's fee schedule files: each code's Medicare fee in the locality and
 * setting (medicareFee), times the contract percent, rounded half-up to the cent. The codes are the
 * practice's fee schedule unless listed; any CMS does not price this way are returned as skipped.
 */
export async function deriveFromMpfs(
  p: Principal,
  key: { practiceId: string; payerId: string; effectiveFrom: string },
  input: MpfsDeriveInput,
  ifMatch?: number,
) {
  authorize(p, "contractSchedule.write");
  await scope(p, key.practiceId, key.payerId);
  const set = loadMpfs(input.year);
  if (!set)
    throw invalid([
      {
        path: "year",
        message: `CMS's ${input.year} fee schedule is not imported: the operator runs npm run import-mpfs -- --year ${input.year} --rvu PPRRVU….csv --gpci GPCI${input.year}.csv`,
      },
    ]);
  const locality = set.localities[input.locality];
  if (!locality)
    throw invalid([
      { path: "locality", message: `${input.locality} is not a locality of CMS's ${input.year} GPCI file` },
    ]);
  const codes =
    input.codes ??
    (await feeScheduleOfPractice(p, key.practiceId)).entries.map((e) => ({
      procedureCode: e.procedureCode,
      modifier: e.modifier,
    }));
  if (!codes.length)
    throw invalid([{ path: "codes", message: "the practice's fee schedule is empty: list the codes to price" }]);
  const entries: ContractEntry[] = [];
  const skipped: MpfsSkip[] = [];
  const seen = new Set<string>();
  for (const c of codes) {
    const k = entryKey(c.procedureCode, c.modifier);
    if (seen.has(k)) continue;
    seen.add(k);
    const fee = medicareFee(set, input.locality, c.procedureCode, c.modifier, input.setting);
    const mod = c.modifier ? { modifier: c.modifier } : {};
    if ("cents" in fee) {
      const allowedCents = percentOfRate(fee.cents, input.percentBps);
      if (allowedCents >= 1) entries.push({ procedureCode: c.procedureCode, ...mod, allowedCents });
    } else skipped.push({ procedureCode: c.procedureCode, ...mod, reason: fee.skipped, status: fee.status });
  }
  if (!entries.length)
    throw invalid([{ path: "codes", message: "CMS prices none of these codes in this setting: nothing to save" }]);
  const schedule = await save(
    p,
    key,
    { effectiveTo: input.effectiveTo, entries },
    {
      kind: "medicare_percent",
      percentBps: input.percentBps,
      locality: input.locality,
      localityName: `${locality.name}, ${locality.state}`,
      mpfsYear: input.year,
      setting: input.setting,
    },
    ifMatch,
  );
  return { schedule, skipped, sources: set.sources };
}

/** A schedule in force: its period and its packed amounts, for the rules. */
export interface ScheduleInForce {
  effectiveFrom: string;
  effectiveTo?: string;
  amounts: Packed;
}

/**
 * The schedule in force on `date` for a practice and payer, for a system reader (posting, reports):
 * one Query, newest period on or before the date.
 */
export async function scheduleInForce(
  tenantId: string,
  practiceId: string,
  payerId: string,
  date: string,
): Promise<ScheduleInForce | undefined> {
  const { data } = await ContractScheduleEntity.query
    .byPayer({ tenantId, practiceId, payerId })
    .lte({ effectiveFrom: date })
    .go({ order: "desc", limit: 1 });
  const s = data[0];
  if (!s || (s.effectiveTo && s.effectiveTo < date)) return undefined;
  return { effectiveFrom: s.effectiveFrom, effectiveTo: s.effectiveTo, amounts: s.entries as Packed };
}

/** The contracted amount for one unit of a code: with the first of its modifiers that has one, else the code alone. */
export function contractedAmount(s: ScheduleInForce, code: string, modifiers: readonly string[]): number | undefined {
  for (const m of modifiers) {
    const v = s.amounts[entryKey(code, m)];
    if (v !== undefined) return v;
  }
  return s.amounts[code];
}

/** Whether any payer's contract schedule is loaded for the practice (one key-only query a payer). */
export async function hasContractSchedules(tenantId: string, practiceId: string): Promise<boolean> {
  const payers = await payersForSystem(tenantId);
  const found = await Promise.all(
    payers.map((y) =>
      ContractScheduleEntity.query
        .byPayer({ tenantId, practiceId, payerId: y.payerId })
        .go({ limit: 1, attributes: ["effectiveFrom"] }),
    ),
  );
  return found.some((r) => r.data.length > 0);
}
