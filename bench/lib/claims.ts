/**
 * Many claims in DynamoDB fast, and the 835 that pays them: a few real claims come in through
 * the API (intake and scrubber as in production), then each is cloned into accepted claims with
 * their own ids, line ids and dates of service, written with BatchWriteItem. The 835 is what the
 * sandbox clearinghouse answers to the 837P of those claims (its deterministic payer model), so
 * posting it exercises matching, adjustments, denials and patient responsibility.
 *
 * Imports of core modules are dynamic: they read linked resources when loaded (see stack.ts).
 */
import type { BenchStack } from "./stack.ts";
import { encounterFor, isoDaysAgo, VISITS, type Company } from "./company.ts";

type Claim = Record<string, any> & { claimId: string; doc: any };

/** One real claim per visit template (1 to 6 lines), each for a different patient. */
export async function templateClaims(stack: BenchStack, company: Company): Promise<Claim[]> {
  const { ClaimEntity, ClaimDocEntity } = await import("../../packages/core/src/claim/claim.entity.ts");
  const P = company.patientIds.length;
  const out: Claim[] = [];
  for (let v = 0; v < VISITS.length; v++) {
    // encounterFor's mixed radix: patient v % P, visit v, first date.
    const r = await stack.call<any>(
      company.ownerKey,
      "POST",
      `/v1/practices/${company.practiceId}/encounters`,
      encounterFor(company, v * P + (v % P)),
      201,
    );
    const key = { tenantId: company.tenantId, claimId: r.claimId };
    const { data } = await ClaimEntity.get(key).go();
    const { data: cold } = await ClaimDocEntity.get(key).go();
    if (!data || !cold) throw new Error(`claim ${r.claimId} not found after intake`);
    // The hot item with its cold one's document and findings: what the seeds clone.
    out.push({ ...data, doc: cold.doc, findings: cold.findings } as Claim);
  }
  return out;
}

/** Claim ids are CLM01: at most 20 characters. */
export const cloneId = (prefix: string, i: number) => `${prefix}${String(i).padStart(7, "0")}`;

/**
 * `n` accepted claims cloned from the templates (ids prefix + 7 digits), dates of service spread
 * over 150 days so the payer model's answers vary. Claim i is claim i % period again under another
 * id (same visit, same size, same adjudication), so a sample of `period` claims has exactly the
 * per-claim averages of the whole set. Returns their documents in id order.
 */
export async function seedAcceptedClaims(templates: Claim[], prefix: string, n: number, period = n): Promise<any[]> {
  const { putClaims } = await import("./seed.ts");
  const { screenKeys, patientKeys } = await import("../../packages/core/src/claim/screens.ts");
  const docs: any[] = [];
  const chunk: any[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await putClaims(chunk.splice(0, chunk.length));
  };
  for (let i = 0; i < n; i++) {
    const j = i % period;
    const t = templates[j % templates.length]!;
    const claimId = cloneId(prefix, i);
    const serviceDate = isoDaysAgo(2 + (Math.floor(j / templates.length) % 150));
    const doc = structuredClone(t.doc);
    doc.claimId = claimId;
    doc.serviceDate = serviceDate;
    doc.lines = doc.lines.map((l: any, j: number) => ({ ...l, lineId: `${claimId}L${j + 1}`, serviceDate }));
    const { balances: _b, postedRemittances: _p, secondaryClaimId: _s, firstPaidDate: _f, ...rest } = t;
    const claim = {
      ...rest,
      claimId,
      doc,
      serviceDate,
      status: "accepted",
      batchId: "bat_bench",
      submissions: 1,
      fingerprint: `bench-${claimId}`,
      statusReason: "bench seed",
      version: 3,
    };
    // The screen indexes' keys, as the claim's own writes would have set them (an accepted claim is in A/R).
    chunk.push({ ...claim, ...screenKeys(t.tenantId, claim as any).set, ...patientKeys(t.tenantId, claim as any) });
    docs.push(doc);
    if (chunk.length >= 500) await flush();
  }
  await flush();
  return docs;
}

/**
 * The 835 the sandbox clearinghouse's payer answers for these claims: one payment, one CLP each.
 * `control` makes its trace number (TRN02) unique: the same trace twice is a duplicate payment.
 */
export async function remittanceFor(docs: any[], control: number, senderId = "CLBENCH"): Promise<string> {
  const { build837P } = await import("../../packages/x12/src/index.ts");
  const { batchTo837P } = await import("../../packages/core/src/batch/to837p.ts");
  const { read837 } = await import("../../packages/core/src/clearinghouse/sandbox/read837.ts");
  const { adjudicate, frontEndRejection } =
    await import("../../packages/core/src/clearinghouse/sandbox/payer-model.ts");
  const { build835 } = await import("../../packages/core/src/clearinghouse/sandbox/responses.ts");
  const at = new Date();
  // What the sandbox front end reads from our 837Ps, 5,000 claims to a transaction set (the guide's limit).
  const received = { senderId: senderId, claims: [] as ReturnType<typeof read837>["transactions"][number]["claims"] };
  for (let i = 0; i < docs.length; i += 5_000) {
    const text837 = build837P(
      batchTo837P(docs.slice(i, i + 5_000), control, at, {
        senderId,
        receiverId: "CLSANDBOX",
        receiverName: "CLAIMLEDGER SANDBOX",
        submitterName: "BENCH BILLING",
        contactName: "BILLING OFFICE",
        contactEmail: "billing@example.com",
        usage: "T",
      }),
      { lineBreaks: true },
    );
    const read = read837(text837);
    received.senderId = read.senderId;
    received.claims.push(...read.transactions.flatMap((t) => t.claims));
  }
  const claims = received.claims.filter((c) => !frontEndRejection(c));
  if (claims.length !== docs.length)
    throw new Error(`${docs.length - claims.length} claims rejected by the sandbox front end`);
  const payerId = claims[0]!.payerId;
  return build835(
    payerId,
    `SANDBOX PAYER ${payerId}`,
    claims.map((claim) => ({ claim, result: adjudicate(claim) })),
    control,
    received.senderId,
    at,
  );
}
