/**
 * The daily screens against settled history: read units of A/R aging, the denials queue (its
 * first page) and one patient's balance, over the API, for a practice whose open work is fixed
 * (claims accepted, then paid, denied or left with a patient share by a real 835 posting) while
 * its settled history (claims of other patients paid in full: nothing owed, no open denial) grows
 * from 1x to 10x. The screens read sparse indexes that hold only what is open, so the read units
 * should not move: the figure is the 10x run, the baseline the 1x run of the same screens (ratio
 * baseline / value, near 1). For scale, the log also prints what one Query over every claim of
 * the practice (what a screen that filters the practice's claims would read) costs at 10x.
 *
 * Units are DynamoDB's consumed capacity (ReturnConsumedCapacity through shared/metering.ts).
 */
import { seedCompany } from "../lib/company.ts";
import { cloneId, remittanceFor, seedAcceptedClaims, templateClaims } from "../lib/claims.ts";
import { isoDaysAgo } from "../lib/company.ts";
import { putClaims } from "../lib/seed.ts";
import { fig, seeded, type Figure, type FigureModule } from "../lib/figure.ts";

export const figure: FigureModule = {
  title: "Screens against settled history (A/R aging, denials queue, patient balance)",
  order: 35,
  async run(ctx) {
    const open = ctx.quick ? 120 : 600;
    const history = ctx.quick ? 300 : 2_000;
    const stack = await ctx.stack();
    const { readMeter, meterDelta } = await import("../../packages/core/src/shared/metering.ts");
    const { archiveEdi, streamEdi } = await import("../../packages/core/src/shared/storage.ts");
    const { post835 } = await import("../../packages/core/src/remittance/posting-run.ts");
    const { claimsOfPracticeBetween } = await import("../../packages/core/src/claim/claim.store.ts");
    const { patientKeys } = await import("../../packages/core/src/claim/screens.ts");

    const company = await seedCompany(stack, seeded(4040), "Bench Screens Billing", 6);
    const templates = await templateClaims(stack, company);
    const docs = await seedAcceptedClaims(templates, "SO", open);
    const file = await archiveEdi(company.tenantId, "in", "835", await remittanceFor(docs, 404001));
    const posted = await post835(company.tenantId, file.sha256, () => streamEdi(file.key));
    if (posted.posted !== open) throw new Error(`posted ${posted.posted} of ${open}`);
    const patientId = templates[0]!.patientId as string;

    /** Settled claims of patients other than the measured one: paid in full, nothing owed. */
    let made = 0;
    const settle = async (n: number) => {
      const batch: any[] = [];
      for (let i = 0; i < n; i++, made++) {
        const t = templates[made % templates.length]!;
        const claimId = cloneId("SH", made);
        const serviceDate = isoDaysAgo(2 + (made % 300));
        const { balances: _b, postedRemittances: _p, ...rest } = t;
        const claim = {
          ...rest,
          claimId,
          patientId: `pat_history${made % 50}`,
          serviceDate,
          doc: { ...t.doc, claimId, serviceDate },
          status: "paid",
          fingerprint: `bench-${claimId}`,
          firstPaidDate: serviceDate,
          balances: {
            chargeCents: t.totalChargeCents,
            insurancePaidCents: t.totalChargeCents,
            adjustedCents: 0,
            patientResponsibilityCents: 0,
            insuranceBalanceCents: 0,
            patientPaidCents: 0,
            patientBalanceCents: 0,
          },
        };
        batch.push({ ...claim, ...patientKeys(company.tenantId, claim as any) });
      }
      await putClaims(batch);
    };

    const get = (path: string) => stack.call<any>(company.ownerKey, "GET", path);
    const screens = {
      "ar-aging": () => get(`/v1/reports/ar-aging?practiceId=${company.practiceId}`),
      denials: () => get(`/v1/work-queues/denials?practiceId=${company.practiceId}`),
      "patient-balance": () => get(`/v1/practices/${company.practiceId}/patients/${patientId}/balance`),
    };
    const measure = async () => {
      const out: Record<string, { rru: number; requests: number; body: unknown }> = {};
      for (const [name, run] of Object.entries(screens)) {
        const before = readMeter();
        const body = await run();
        const d = meterDelta(readMeter(), before).dynamo;
        out[name] = { rru: d.readUnits, requests: Object.values(d.requests).reduce((s, n) => s + n, 0), body };
      }
      return out;
    };

    await settle(history);
    const once = await measure();
    await settle(history * 9);
    const tenfold = await measure();
    for (const name of Object.keys(screens))
      if (JSON.stringify(once[name]!.body) !== JSON.stringify(tenfold[name]!.body))
        throw new Error(`${name} answered differently with more settled history`);

    // For scale: every claim of the practice read (its keys, then the claims), what a filtering screen pays.
    const before = readMeter();
    const all = { data: await claimsOfPracticeBetween(company.tenantId, company.practiceId, "0000", "9999~") };
    const everyClaim = meterDelta(readMeter(), before).dynamo.readUnits;
    ctx.log(
      `${open} open claims posted; settled history ${history.toLocaleString()} then ${(history * 10).toLocaleString()} claims; ` +
        Object.keys(screens)
          .map(
            (n) =>
              `${n} ${once[n]!.rru} -> ${tenfold[n]!.rru} RRU (${once[n]!.requests} -> ${tenfold[n]!.requests} requests)`,
          )
          .join(", ") +
        `; reading all ${all.data.length.toLocaleString()} claims of the practice: ${everyClaim.toFixed(1)} RRU`,
    );

    const out: Figure[] = [];
    for (const name of Object.keys(screens))
      out.push(
        fig(
          `screens.history.${name}`,
          tenfold[name]!.rru,
          "RRU",
          `the same screen with 1x the settled history (${history.toLocaleString()} claims)`,
          once[name]!.rru,
          "lower",
        ),
      );
    const worst = Math.min(...out.map((f) => f.ratio));
    ctx.target({
      figure: "screens.history",
      target: "read units with 10x the settled history near those with 1x (ratio near 1)",
      met: worst >= 0.9,
      note: `lowest ratio ${worst}`,
    });
    return out;
  },
};
