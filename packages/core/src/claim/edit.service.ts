import { z } from "zod";
import { ClaimEntity, ClaimFingerprintEntity } from "./claim.entity.ts";
import { claimDocUpdateItem } from "./claim.store.ts";
import { patientKeys, screenKeys } from "./screens.ts";
import { getClaim, historyEvent, releaseFingerprint, scrubSummary, type Claim } from "./claim.service.ts";
import { EDITABLE, canTransition } from "./status.ts";
import { buildLines, providerOf } from "./build.ts";
import { scrubClaim } from "./scrub.service.ts";
import type { ClaimDocument } from "./claim.types.ts";
import { referringProvider, serviceLine } from "./claim.schema.ts";
import { getPractice } from "../practice/index.ts";
import { getProvider } from "../provider/index.ts";
import { getFeeSchedule } from "../feeschedule/index.ts";
import { isoDate } from "../shared/schema.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, invalid, preconditionFailed } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { now } from "../shared/db.ts";

/** What a biller may change on a claim that has not gone to the payer. */
export const claimPatch = z.strictObject({
  renderingProviderId: z.string().min(1).max(40).optional(),
  referringProvider: referringProvider.nullable().optional(),
  placeOfService: z
    .string()
    .regex(/^\d{2}$/, "must be a two-digit CMS place-of-service code")
    .optional(),
  serviceDate: isoDate.optional(),
  serviceDateTo: isoDate.nullable().optional(),
  diagnoses: z.array(z.string().trim().toUpperCase().min(3).max(8)).max(12).optional(),
  lines: z.array(serviceLine).min(1).max(50).optional(),
  priorAuthorization: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,50}$/)
    .nullable()
    .optional(),
  memberId: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,80}$/)
    .optional(),
  groupNumber: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,50}$/)
    .nullable()
    .optional(),
  reason: z.string().trim().max(200).optional(),
});
export type ClaimPatch = z.infer<typeof claimPatch>;

/**
 * Edits a claim (If-Match required), re-runs the scrubber, and moves it to ready or needs_review
 * (an on-hold claim stays on hold) — claim, fingerprint and history in one transaction.
 */
export async function editClaim(
  p: Principal,
  claimId: string,
  patch: ClaimPatch,
  ifMatch: number | undefined,
): Promise<Claim> {
  authorize(p, "claim.edit");
  if (ifMatch === undefined)
    throw new AppError(
      428,
      "precondition-required",
      "Precondition required",
      'Send If-Match with the claim version you edited, e.g. If-Match: "3"',
    );
  const claim = await getClaim(p, claimId);
  if (ifMatch !== claim.version)
    throw preconditionFailed(`The claim is at version ${claim.version}, not ${ifMatch}; reload it and retry`);
  if (!EDITABLE.includes(claim.status)) {
    throw new AppError(
      409,
      "not-editable",
      "Claim not editable",
      `A ${claim.status} claim has gone to the payer; correct it with a replacement claim instead`,
    );
  }
  const practice = await getPractice(p, claim.practiceId);
  const { reason, ...fields } = patch;
  const doc = await patchedDocument(p, claim, fields);

  const scrubbed = await scrubClaim(p.tenantId, doc, practice.timeZone);
  const to = claim.status === "on_hold" ? "on_hold" : scrubbed.status;
  if (to !== claim.status && !canTransition(claim.status, to)) {
    throw new AppError(
      409,
      "illegal-transition",
      "Illegal status change",
      `A ${claim.status} claim cannot become ${to}`,
    );
  }
  // The fingerprint the claim owns: a duplicate keeps its old one until it stops being a duplicate.
  const owned = scrubbed.duplicateOf ? claim.fingerprint : scrubbed.fingerprint;
  const at = now();
  const actor = actorOf(p);
  const hot = {
    status: to,
    serviceDate: doc.serviceDate,
    totalChargeCents: doc.totalChargeCents,
    fingerprint: owned,
    updatedAt: at,
  };
  // A new date of service moves the claim in every index keyed on it, the screens' too.
  const screens = screenKeys(p.tenantId, { ...claim, ...hot });
  const patched = ClaimEntity.patch({ tenantId: p.tenantId, claimId }).set({
    ...hot,
    ...screens.set,
    ...patientKeys(p.tenantId, { ...claim, ...hot }),
  });
  const items = [
    tx.update(
      (screens.remove.length ? patched.remove(screens.remove) : patched)
        .add({ version: 1, edits: 1 })
        .composite({ practiceId: claim.practiceId })
        .where((a, op) => `${op.eq(a.version, claim.version)} AND ${op.eq(a.status, claim.status)}`)
        .params(),
    ),
    tx.update(claimDocUpdateItem(p.tenantId, claimId, { doc, findings: scrubbed.findings })),
    tx.put(historyEvent(p.tenantId, claimId, actor, { kind: "edit", fields: Object.keys(fields), reason }, at)),
    tx.put(
      historyEvent(
        p.tenantId,
        claimId,
        "scrubber",
        { kind: "status", from: claim.status, to, reason: scrubSummary(scrubbed.findings) },
        `${at}~`,
      ),
    ),
  ];
  if (owned !== claim.fingerprint) {
    items.push(releaseFingerprint(p.tenantId, claim));
    items.push(
      tx.put(
        ClaimFingerprintEntity.create({
          tenantId: p.tenantId,
          practiceId: claim.practiceId,
          fingerprint: owned,
          claimId,
        }).params(),
      ),
    );
  }
  try {
    await transactWrite(items);
  } catch (err) {
    // If-Match is required here: losing the race to a writer with the same version is a stale If-Match.
    if (err instanceof TransactionConflict)
      throw preconditionFailed("The claim changed since you read it; reload it and retry");
    throw err;
  }
  return {
    ...claim,
    doc,
    findings: scrubbed.findings,
    status: to,
    serviceDate: doc.serviceDate,
    totalChargeCents: doc.totalChargeCents,
    fingerprint: owned,
    edits: claim.edits + 1,
    version: claim.version + 1,
    updatedAt: at,
  };
}

/**
 * The claim's document with a patch applied (providers and fee-schedule charges looked up), the
 * total recomputed: what an edit stores, and what a replacement claim (frequency 7) carries as its fix.
 */
export async function patchedDocument(
  p: Principal,
  claim: Pick<Claim, "practiceId" | "doc">,
  patch: Omit<ClaimPatch, "reason">,
): Promise<ClaimDocument> {
  const doc: ClaimDocument = structuredClone(claim.doc);
  if (patch.renderingProviderId) {
    const prov = await getProvider(p, claim.practiceId, patch.renderingProviderId).catch(() => {
      throw invalid([{ path: "renderingProviderId", message: "no such provider in this practice" }]);
    });
    doc.renderingProvider = providerOf(prov);
  }
  if (patch.referringProvider !== undefined)
    doc.referringProvider = patch.referringProvider ? { kind: "individual", ...patch.referringProvider } : undefined;
  if (patch.placeOfService) doc.placeOfService = patch.placeOfService;
  if (patch.serviceDate) doc.serviceDate = patch.serviceDate;
  if (patch.serviceDateTo !== undefined) doc.serviceDateTo = patch.serviceDateTo ?? undefined;
  if (patch.diagnoses) doc.diagnoses = patch.diagnoses;
  if (patch.priorAuthorization !== undefined) doc.priorAuthorization = patch.priorAuthorization ?? undefined;
  if (patch.memberId) doc.coverage.memberId = patch.memberId;
  if (patch.groupNumber !== undefined) doc.coverage.groupNumber = patch.groupNumber ?? undefined;
  if (patch.lines) {
    doc.lines = buildLines(patch.lines, doc.serviceDate, (await getFeeSchedule(p, claim.practiceId)).entries);
  } else if (patch.serviceDate) {
    doc.lines = doc.lines.map((l) =>
      l.serviceDate === claim.doc.serviceDate ? { ...l, serviceDate: doc.serviceDate } : l,
    );
  }
  doc.totalChargeCents = doc.lines.reduce((s, l) => s + l.chargeCents, 0);
  doc.submittedTotalCents = undefined;
  return doc;
}
