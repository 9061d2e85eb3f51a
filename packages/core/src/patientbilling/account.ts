import { PatientAccountEntity } from "./patientbilling.entity.ts";
import { NEW_ACCOUNT, type AccountState } from "./cycle.ts";
import { tx } from "../shared/transact.ts";
import { now } from "../shared/db.ts";

/** A patient's account as stored (its cycle state, placement) with the version it was read at. */
export interface Account extends AccountState {
  patientId: string;
  lastStatementId?: string;
  placementId?: string;
  /** 0: never written. */
  version: number;
}

const toAccount = (d: {
  patientId: string;
  stage: AccountState["stage"];
  sent: number;
  lastStatementDate?: string;
  lastStatementId?: string;
  finalNoticeDate?: string;
  placementId?: string;
  version: number;
}): Account => ({
  patientId: d.patientId,
  stage: d.stage,
  sent: d.sent,
  version: d.version,
  ...(d.lastStatementDate ? { lastStatementDate: d.lastStatementDate } : {}),
  ...(d.lastStatementId ? { lastStatementId: d.lastStatementId } : {}),
  ...(d.finalNoticeDate ? { finalNoticeDate: d.finalNoticeDate } : {}),
  ...(d.placementId ? { placementId: d.placementId } : {}),
});

export async function accountOf(tenantId: string, practiceId: string, patientId: string): Promise<Account> {
  const { data } = await PatientAccountEntity.get({ tenantId, practiceId, patientId }).go({ consistent: true });
  return data ? toAccount(data) : { ...NEW_ACCOUNT, patientId, version: 0 };
}

/** Every account of a practice that has had a statement (or a placement). */
export async function accountsOf(tenantId: string, practiceId: string): Promise<Account[]> {
  const { data } = await PatientAccountEntity.query.byPatient({ tenantId, practiceId }).go({ pages: "all" });
  return data.map(toAccount);
}

/** A practice's accounts at one stage (gsi1): e.g. those past their final notice. */
export async function accountsAt(tenantId: string, practiceId: string, stage: AccountState["stage"]) {
  const { data } = await PatientAccountEntity.query.byStage({ tenantId, practiceId, stage }).go({ pages: "all" });
  return data.map(toAccount);
}

/**
 * The write that replaces an account with its next state, on condition that nobody wrote it since
 * it was read (version), labelled "account": a statement and a placement never overwrite each other.
 */
export function accountWrite(
  tenantId: string,
  practiceId: string,
  read: Account,
  next: AccountState & { lastStatementId?: string; placementId?: string },
) {
  const item = {
    tenantId,
    practiceId,
    patientId: read.patientId,
    ...next,
    updatedAt: now(),
    version: read.version + 1,
  };
  return read.version === 0
    ? tx.put(PatientAccountEntity.create(item).params(), "account")
    : tx.put(
        PatientAccountEntity.put(item)
          .where((a, op) => op.eq(a.version, read.version))
          .params(),
        "account",
      );
}
