/**
 * AWS cost per 1,000 claims through the whole cycle (intake and scrub, batch and submit,
 * acknowledge, post, invoice), from what the cycle measurably uses on the local stack (see
 * bench/lib/cycle.ts): DynamoDB write and read units, SQS requests, S3 requests, Lambda
 * invocations and GB-seconds from measured handler durations and the memory infra/resources.ts
 * configures, API Gateway requests and response bytes, priced at AWS's public on-demand prices
 * for us-east-1 (cited below, free tiers ignored). One practice-month of 200 claims (20 in quick
 * mode) is run and scaled to 1,000 claims, so the practice's one invoice is counted once per 200
 * claims.
 *
 * Baseline: the same cycle run again, in the same process, by a design that writes one item per
 * request without transactions (bench/lib/naive.ts): what atomicity costs. Our transactions'
 * write units come from that second run (twice a standard write per item, AWS's rule), because
 * DynamoDB Local under-reports the capacity transactions consume.
 *
 * Storage for a year is included: the bytes each claim occupies in DynamoDB (its items and index
 * copies as DynamoDB counts them, bench/lib/storage.ts; with PITR) and the EDI files the cycle
 * archived in S3, for twelve months (the EDI archive is kept 7 years: 7x its part). Not included: CloudWatch
 * Logs, KMS requests, Secrets Manager, the SQS pollers' empty receives, the 5-minute poll cron
 * (fixed per month, not per claim; here the polls are made through the API), Lambda init time
 * (cold starts, see coldstart.api), and data transfer of the 837P to a real clearinghouse.
 */
import { api } from "../../infra/resources.ts";
import { seedCompany } from "../lib/company.ts";
import { runCycle, type Phase } from "../lib/cycle.ts";
import { installNaiveWrites } from "../lib/naive.ts";
import { fig, seeded, type Figure, type FigureModule } from "../lib/figure.ts";

/** Public on-demand prices, US East (N. Virginia), USD. */
export const PRICES = {
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ : $0.625 per million write request units,
  // $0.125 per million read request units (the prices since the 50% on-demand cut of 2024-11-01).
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  // https://aws.amazon.com/lambda/pricing/ : Arm (infra/functions.ts deploys arm64), first 7.5
  // billion GB-s a month: $0.0000133334 per GB-second; $0.20 per million requests. Duration is
  // billed rounded up to the millisecond.
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  // https://aws.amazon.com/sqs/pricing/ : standard queues, $0.40 per million requests (first 100
  // billion a month); every 64 KB chunk of a payload is a request.
  sqsRequest: 0.4 / 1e6,
  // https://aws.amazon.com/s3/pricing/ : S3 Standard, PUT, COPY, POST, LIST $0.005 per 1,000
  // requests; GET, SELECT and all other requests $0.0004 per 1,000; DELETE is free.
  s3WriteRequest: 0.005 / 1000,
  s3ReadRequest: 0.0004 / 1000,
  // https://aws.amazon.com/api-gateway/pricing/ : HTTP APIs, $1.00 per million requests (first 300
  // million a month), metered in 512 KB increments.
  httpApiRequest: 1.0 / 1e6,
  // https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer (API Gateway bills data out at
  // these rates): data transfer out to the internet, $0.09 per GB (first 10 TB a month).
  transferOutGb: 0.09,
  // https://aws.amazon.com/dynamodb/pricing/on-demand/ : table storage $0.25 per GB-month (after
  // the first 25 GB), continuous backups (PITR, on in every deployed stage) $0.20 per GB-month.
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
  // https://aws.amazon.com/s3/pricing/ : S3 Standard, $0.023 per GB-month (first 50 TB); EDI files
  // under 128 KB never move to infrequent access.
  s3StorageGbMonth: 0.023,
} as const;

/** Months of storage counted per claim: a year. */
const STORAGE_MONTHS = 12;

type Parts = {
  dynamodb: number;
  lambda: number;
  sqs: number;
  s3: number;
  "api-gateway": number;
  transfer: number;
  storage: number;
};
const S3_WRITES =
  /^(PutObject|CopyObject|ListObjectsV2|ListObjects|CreateMultipartUpload|UploadPart|CompleteMultipartUpload|PostObject)Command$/;
const S3_FREE = /^(DeleteObject|DeleteObjects)Command$/;

function usage(p: Phase, units: { wru: number; rru: number }) {
  const s3 = Object.entries(p.meter.s3.requests);
  const sends = Object.entries(p.meter.sqs.requests)
    .filter(([k]) => /^SendMessage(Batch)?Command$/.test(k))
    .reduce((s, [, v]) => s + v, 0);
  return {
    ...units,
    lambdaRequests: p.invocations.length,
    gbSeconds: p.invocations.reduce((s, i) => s + (Math.ceil(i.ms) / 1000) * (i.memoryMb / 1024), 0),
    // Each message: the sender's request, then Lambda's poller receives and deletes it.
    sqsRequests: sends + 2 * p.messages,
    s3Writes: s3.filter(([k]) => S3_WRITES.test(k)).reduce((s, [, v]) => s + v, 0),
    s3Reads: s3.filter(([k]) => !S3_WRITES.test(k) && !S3_FREE.test(k)).reduce((s, [, v]) => s + v, 0),
    apiRequests: p.apiRequests,
    bytesOut: p.responseBytes,
  };
}
type Usage = ReturnType<typeof usage>;

function price(u: Usage): Parts {
  return {
    dynamodb: u.wru * PRICES.dynamoWriteUnit + u.rru * PRICES.dynamoReadUnit,
    lambda: u.lambdaRequests * PRICES.lambdaRequest + u.gbSeconds * PRICES.lambdaGbSecond,
    sqs: u.sqsRequests * PRICES.sqsRequest,
    s3: u.s3Writes * PRICES.s3WriteRequest + u.s3Reads * PRICES.s3ReadRequest,
    "api-gateway": u.apiRequests * PRICES.httpApiRequest,
    transfer: (u.bytesOut / 2 ** 30) * PRICES.transferOutGb,
    storage: 0,
  };
}

const total = (p: Parts) => Object.values(p).reduce((s, v) => s + v, 0);
const scale = (p: Parts, k: number) => Object.fromEntries(Object.entries(p).map(([n, v]) => [n, v * k])) as Parts;
const add = (a: Parts, b: Parts) =>
  Object.fromEntries(Object.entries(a).map(([n, v]) => [n, v + b[n as keyof Parts]])) as Parts;
const usd = (v: number) => `$${v.toFixed(v < 0.01 ? 5 : 4)}`;

export const figure: FigureModule = {
  title: "AWS cost per 1,000 claims, whole cycle",
  order: 50,
  async run(ctx) {
    const claims = ctx.quick ? 20 : 200;
    const stack = await ctx.stack();
    const { dynamo } = await import("../../packages/core/src/shared/aws.ts");

    // Unmeasured: a few claims through every path first, so neither run pays the JIT warm-up.
    await runCycle(stack, await seedCompany(stack, seeded(999), "Bench Warm-up Billing", 20), 10);

    // Ours, as deployed.
    const oursCompany = await seedCompany(stack, seeded(1000), "Bench Cost Billing", 20);
    let t = performance.now();
    const ours = await runCycle(stack, oursCompany, claims);
    ctx.log(`cycle of ${claims} claims: ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // The same practice-month again, every transaction written item by item.
    const naiveCompany = await seedCompany(stack, seeded(1000), "Bench Cost Billing", 20);
    const replay = installNaiveWrites(dynamo() as never);
    t = performance.now();
    let naive: Phase[];
    try {
      naive = await runCycle(stack, naiveCompany, claims, () => ({
        writeUnits: replay.writeUnits,
        conditionChecks: replay.conditionChecks,
      }));
    } finally {
      replay.restore();
    }
    ctx.log(`the same, one write per item: ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const k = 1000 / claims;
    let oursParts: Parts | undefined;
    let naiveParts: Parts | undefined;
    let oursWru = 0;
    let oursRru = 0;
    let naiveWru = 0;
    ctx.log(`per 1,000 claims, phase by phase (ours; in brackets the one-write-per-item design):`);
    for (const [i, o] of ours.entries()) {
      const n = naive[i]!;
      const wru =
        o.meter.dynamo.writeUnits -
        o.meter.dynamo.transactWriteUnits +
        2 * (n.counters.writeUnits ?? 0) +
        2 * (n.counters.conditionChecks ?? 0);
      const uo = usage(o, { wru, rru: o.meter.dynamo.readUnits });
      const un = usage(n, { wru: n.meter.dynamo.writeUnits, rru: n.meter.dynamo.readUnits });
      const po = scale(price(uo), k);
      const pn = scale(price(un), k);
      oursParts = oursParts ? add(oursParts, po) : po;
      naiveParts = naiveParts ? add(naiveParts, pn) : pn;
      oursWru += uo.wru;
      oursRru += uo.rru;
      naiveWru += un.wru;
      ctx.log(
        `  ${o.name.padEnd(24)} ${usd(total(po))} [${usd(total(pn))}]: ${((uo.wru * k) / 1000).toFixed(1)}k WRU [${((un.wru * k) / 1000).toFixed(1)}k], ${((uo.rru * k) / 1000).toFixed(1)}k RRU, ` +
          `${Math.round(uo.lambdaRequests * k)} Lambda invocations ${(uo.gbSeconds * k).toFixed(1)} GB-s, ${Math.round(uo.sqsRequests * k)} SQS, ${Math.round(uo.s3Writes * k)} S3 PUT/LIST + ${Math.round(uo.s3Reads * k)} GET, ` +
          `${Math.round(uo.apiRequests * k)} API requests, ${((uo.bytesOut * k) / 1e6).toFixed(1)} MB out`,
      );
    }
    // Storage for a year: what the cycle's claims occupy in DynamoDB, and the EDI it archived in S3.
    const { claimsOfPracticeBetween } = await import("../../packages/core/src/claim/claim.store.ts");
    const { storagePerClaim } = await import("../lib/storage.ts");
    const cycleClaims = await claimsOfPracticeBetween(oursCompany.tenantId, oursCompany.practiceId, "0000", "9999~");
    const stored = await storagePerClaim(
      oursCompany.tenantId,
      cycleClaims.map((c) => c.claimId),
    );
    const ediBytes = ours.reduce((s, p) => s + p.meter.s3.bytesUp, 0) / claims;
    const gb = (bytes: number) => (bytes * 1000) / 2 ** 30;
    const storage =
      STORAGE_MONTHS *
      (gb(stored.ours) * (PRICES.dynamoStorageGbMonth + PRICES.dynamoPitrGbMonth) +
        gb(ediBytes) * PRICES.s3StorageGbMonth);
    oursParts!.storage = storage;
    naiveParts!.storage = storage;
    ctx.log(
      `storage per claim: ${Math.round(stored.ours)} bytes in DynamoDB (the layout before: ${Math.round(stored.before)}), ${Math.round(ediBytes)} bytes of EDI in S3; a year of it per 1,000 claims: ${usd(storage)}`,
    );
    const oursTotal = total(oursParts!);
    const naiveTotal = total(naiveParts!);
    ctx.log(
      `total ${usd(oursTotal)} per 1,000 claims [${usd(naiveTotal)}]: ${Object.entries(oursParts!)
        .map(([n, v]) => `${n} ${usd(v)}`)
        .join(", ")}`,
    );
    ctx.log(
      `DynamoDB per claim, whole cycle: ${(oursWru / claims).toFixed(1)} WRU, ${(oursRru / claims).toFixed(1)} RRU [${(naiveWru / claims).toFixed(1)} WRU one item per write]; API Lambda memory ${api.memoryMb} MB`,
    );

    const baseline = "the same cycle written one item per request, no transactions (same run)";
    const out: Figure[] = [fig("cost.per1000claims", oursTotal, "USD", baseline, naiveTotal, "lower")];
    for (const [name, v] of Object.entries(oursParts!))
      out.push(fig(`cost.per1000claims.${name}`, v, "USD", baseline, naiveParts![name as keyof Parts], "lower"));
    return out;
  },
};
