import { IMPLEMENTATION_276, X12Error, build276Segments, validate276, writeInterchange } from "@claimledger/x12";
import type { Build276Input, TransactionData } from "@claimledger/x12";
import {
  claimUpdateItem,
  claimsById,
  claimsInStatusUpTo,
  getClaimForSystem,
  historyEvent,
  type Claim,
} from "../claim/index.ts";
import { openClearinghouse } from "../clearinghouse/index.ts";
import { DEFAULT_STATUS_INQUIRY_DAYS, payersForSystem } from "../payer/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import { nextCounter } from "../shared/counter.ts";
import { addDays, isoDateOf } from "../shared/dates.ts";
import { archiveEdi, readEdi } from "../shared/storage.ts";
import { log } from "../shared/log.ts";
import { TransactionConflict, backoff, transactWrite, tx } from "../shared/transact.ts";
import { InquiryRunEntity } from "./claimstatus.entity.ts";
import type { InquiryRunView } from "./claimstatus.schema.ts";
import { ASKED_STATUSES, currentPayerStatus, dueForInquiry, inquiryOf } from "./rules.ts";

/** At most this many claims go into one day's 276; the rest are due again tomorrow. */
export const MAX_INQUIRIES_PER_RUN = 1000;
const KEEP_SECONDS = 90 * 86_400;
const SYSTEM = (tenantId: string) => ({ tenantId, actor: "system:status-inquiry" });

/** The day's scheduled run of a company: one id a day, so a second delivery finds the first's file. */
export const dailyRunId = (at: Date) => `sti_${isoDateOf(at).replace(/-/g, "")}`;

/** The claims due a 276 today: submitted or accepted, waited the payer's days, not asked lately. */
export async function dueClaims(tenantId: string, at: Date, limit = MAX_INQUIRIES_PER_RUN): Promise<Claim[]> {
  const payers = new Map((await payersForSystem(tenantId)).map((p) => [p.payerId, p]));
  const fewest = Math.min(DEFAULT_STATUS_INQUIRY_DAYS, ...[...payers.values()].map((p) => p.statusInquiryDays ?? 99));
  // Served after this day, a claim cannot have waited the fewest days since it went out.
  const lastServiceDate = addDays(isoDateOf(at), -fewest);
  const due: Claim[] = [];
  for (const status of ASKED_STATUSES) {
    let cursor: string | null = null;
    do {
      const page: { items: Claim[]; nextCursor: string | null } = await claimsInStatusUpTo(
        tenantId,
        status,
        lastServiceDate,
        { limit: 100, cursor },
      );
      for (const c of page.items) if (dueForInquiry(c, payers.get(c.payerId) ?? {}, at)) due.push(c);
      cursor = page.nextCursor;
    } while (cursor && due.length < limit);
  }
  return due.slice(0, limit);
}

interface Built {
  content: string;
  asked: Claim[];
  skipped: { claimId: string; reason: string }[];
}

type Addressed = Awaited<ReturnType<typeof openClearinghouse>>;

/** One interchange: a 276 transaction set per payer, each claim checked on its own first. */
async function build(tenantId: string, ch: Addressed, claims: Claim[], at: Date, control: number): Promise<Built> {
  const tenant = await tenantForSystem(tenantId);
  const receiver = { name: (tenant?.name ?? "BILLING COMPANY").toUpperCase().slice(0, 60), id: ch.senderId };
  const interchange = {
    senderId: ch.senderId,
    receiverId: ch.receiverId,
    controlNumber: control,
    date: at,
    usage: ch.usage,
  };
  const byPayer = new Map<string, { input: Build276Input; claims: Claim[] }>();
  const skipped: Built["skipped"] = [];
  for (const c of claims) {
    const cov = c.doc.coverage;
    const inquiry = inquiryOf(c);
    const key = `${cov.clearinghousePayerId}|${cov.payerName}`;
    const group: { input: Build276Input; claims: Claim[] } = byPayer.get(key) ?? {
      input: {
        interchange,
        groupControlNumber: control,
        payer: { name: cov.payerName.toUpperCase().slice(0, 60), id: cov.clearinghousePayerId },
        receiver,
        provider: inquiry.provider!,
        inquiries: [],
      },
      claims: [],
    };
    try {
      // Checked alone, so one claim that cannot be asked about does not hold back the others.
      validate276({ ...group.input, inquiries: [inquiry] });
      build276Segments({ ...group.input, inquiries: [inquiry] });
    } catch (err) {
      if (!(err instanceof X12Error)) throw err;
      skipped.push({ claimId: c.claimId, reason: err.message.slice(0, 200) });
      continue;
    }
    group.input.inquiries.push(inquiry);
    group.claims.push(c);
    byPayer.set(key, group);
  }
  const groups = [...byPayer.values()];
  if (groups.length === 0) return { content: "", asked: [], skipped };
  const transactions: TransactionData[] = groups.map((g, i) => {
    const st = String(i + 1).padStart(4, "0");
    return {
      set: "276",
      controlNumber: st,
      implementationReference: IMPLEMENTATION_276,
      segments: build276Segments({ ...g.input, controlNumber: st }),
    };
  });
  const content = writeInterchange(
    {
      header: interchange,
      groups: [
        {
          header: {
            functionalId: "HR",
            senderCode: ch.senderId,
            receiverCode: ch.receiverId,
            controlNumber: control,
            version: IMPLEMENTATION_276,
          },
          transactions,
        },
      ],
    },
    { lineBreaks: true },
  );
  return { content, asked: groups.flatMap((g) => g.claims), skipped };
}

/**
 * The status-inquiry worker's job for one company: the day's claims due a 276 (or the claims
 * someone asked about now), one file for them all (a transaction set per payer), archived in S3,
 * submitted through the company's clearinghouse, then each claim marked asked, with its history.
 * A run whose file is stored is never rebuilt: a redelivery submits the same file again and
 * finishes marking its claims (a claim already marked for the file is left alone). Two deliveries
 * of one run at the very same moment could both send it; a payer asked twice answers twice, and
 * an answer applies once per claim and file.
 */
export async function runStatusInquiries(
  tenantId: string,
  o: { runId: string; claimIds?: string[]; at?: Date },
): Promise<InquiryRunView> {
  const at = o.at ?? new Date();
  const key = { tenantId, runId: o.runId };
  let { data: run } = await InquiryRunEntity.get(key).go({ consistent: true });
  if (run?.status === "empty") return viewRun(run);
  if (run?.status !== "submitted") {
    const asked = o.claimIds ?? (run?.status === "queued" ? run.claimIds : undefined);
    const candidates = run?.fileKey
      ? []
      : asked
        ? (await claimsById(tenantId, asked)).filter((c) => ASKED_STATUSES.includes(c.status))
        : await dueClaims(tenantId, at);
    const base = {
      ...key,
      requestedBy: run?.requestedBy ?? "system:status-inquiry",
      requestedAt: run?.requestedAt ?? at.toISOString(),
      expiresAt: Math.floor(at.getTime() / 1000) + KEEP_SECONDS,
    };
    if (!run?.fileKey && candidates.length === 0) {
      const empty = { ...base, status: "empty" as const, claimIds: [] };
      await InquiryRunEntity.put(empty).go();
      return viewRun(empty);
    }
    const ch = await openClearinghouse(tenantId);
    try {
      let content: string;
      if (run?.fileKey) content = await readEdi(run.fileKey);
      else {
        const control = await nextCounter(tenantId, "interchange");
        const built = await build(tenantId, ch, candidates, at, control);
        if (built.asked.length === 0) {
          const empty = { ...base, status: "empty" as const, claimIds: [], skipped: built.skipped };
          await InquiryRunEntity.put(empty).go();
          return viewRun(empty);
        }
        const stored = await archiveEdi(tenantId, "out", "276", built.content, at);
        const item = {
          ...base,
          status: "stored" as const,
          claimIds: built.asked.map((c) => c.claimId),
          skipped: built.skipped,
          fileKey: stored.key,
          fileName: `${String(control).padStart(9, "0")}.276`,
          askedAt: at.toISOString(),
        };
        await InquiryRunEntity.put(item).go();
        run = item;
        content = built.content;
      }
      await ch.connection.submit({ name: run.fileName!, content });
    } finally {
      await ch.connection.close();
    }
    const submittedAt = new Date().toISOString();
    await InquiryRunEntity.patch(key).set({ status: "submitted", submittedAt }).go();
    run = { ...run, status: "submitted", submittedAt };
  }
  for (const claimId of run.claimIds)
    await markAsked(tenantId, claimId, run.fileName!, run.askedAt ?? at.toISOString());
  log("info", "status inquiries submitted", { tenantId, runId: o.runId, claims: run.claimIds.length });
  return viewRun(run);
}

/** Marks a claim asked in a file (once: a claim already marked for it is left alone), with its history. */
async function markAsked(tenantId: string, claimId: string, fileName: string, askedAt: string) {
  for (let round = 1; ; round++) {
    const c = await getClaimForSystem(tenantId, claimId);
    if (!c || c.payerStatus?.inquiryFile === fileName) return;
    const prev = currentPayerStatus(c);
    const payerStatus = {
      ...(prev ?? { needsAction: false }),
      askedAt,
      inquiries: (prev?.inquiries ?? 0) + 1,
      inquiryFile: fileName,
    };
    try {
      await transactWrite([
        tx.update(claimUpdateItem(tenantId, claimId, { set: { payerStatus }, version: c.version })),
        tx.put(
          historyEvent(tenantId, claimId, SYSTEM(tenantId).actor, {
            kind: "payer_status",
            reason: `status inquiry (276) sent in ${fileName}`,
          }),
        ),
      ]);
      return;
    } catch (err) {
      if (!(err instanceof TransactionConflict) || round >= 4) throw err;
      await backoff(round);
    }
  }
}

export function viewRun(r: {
  runId: string;
  status: InquiryRunView["status"];
  requestedBy: string;
  requestedAt: string;
  claimIds: string[];
  fileName?: string;
  submittedAt?: string;
  skipped?: unknown;
}): InquiryRunView {
  return {
    runId: r.runId,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    claimIds: r.claimIds,
    ...(r.fileName ? { fileName: r.fileName } : {}),
    ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
    ...(Array.isArray(r.skipped) && r.skipped.length ? { skipped: r.skipped as InquiryRunView["skipped"] } : {}),
  };
}
