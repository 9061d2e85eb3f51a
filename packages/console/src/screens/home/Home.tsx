import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { Link } from "../../router";
import { useUser } from "../../session";
import { BarChart, LineChart } from "../../ui/charts";
import { count, money, moneyShort, month, todayLocal } from "../../ui/format";
import { Page, Panel } from "../../ui/page";
import { Empty, ErrorState, Loading } from "../../ui/states";
import { useApi } from "../../ui/use-api";
import { companyKpis, monthsBack, trend, type Kpis } from "./kpis";

/** How many items a work queue holds (one page of up to 100: "100+" beyond). */
interface QueueCount {
  key: string;
  label: string;
  to: string;
  n: number;
  more: boolean;
  note?: string;
}

async function queueCounts(): Promise<QueueCount[]> {
  const claims = (status: "needs_review" | "ready" | "rejected") =>
    must(api.GET("/v1/claims", { params: { query: { status, limit: 100 } } }));
  const [review, ready, rejected, denials, suspense, quiet, mine] = await Promise.all([
    claims("needs_review"),
    claims("ready"),
    claims("rejected"),
    must(api.GET("/v1/work-queues/denials", { params: { query: { limit: 100 } } })),
    must(api.GET("/v1/suspense", { params: { query: { limit: 100 } } })),
    must(api.GET("/v1/follow-ups", { params: { query: { limit: 100 } } })),
    must(api.GET("/v1/tasks", { params: { query: { assignee: "me", limit: 100 } } })),
  ]);
  const now = todayLocal();
  const overdue = mine.items.filter((t) => t.dueDate < now).length;
  const denied = new Set(denials.items.flatMap((g) => g.claims.map((c) => c.claimId)));
  const deniedCents = denials.items.reduce((t, g) => t + g.amountCents, 0);
  const open = suspense.items.filter((s) => !s.resolved);
  return [
    {
      key: "review",
      label: "Needs review",
      to: "/queues/review",
      n: review.items.length,
      more: !!review.nextCursor,
      note: "claims the scrubber stopped",
    },
    {
      key: "ready",
      label: "Ready to send",
      to: "/send",
      n: ready.items.length,
      more: !!ready.nextCursor,
      note: "claims for the next batch",
    },
    {
      key: "rejected",
      label: "Rejections",
      to: "/queues/rejections",
      n: rejected.items.length,
      more: !!rejected.nextCursor,
      note: "999 / 277CA rejected",
    },
    {
      key: "denials",
      label: "Denials",
      to: "/queues/denials",
      n: denied.size,
      more: !!denials.nextCursor,
      note: `${money(deniedCents)} denied, unresolved`,
    },
    {
      key: "follow-ups",
      label: "Follow-up",
      to: "/follow-ups",
      n: quiet.total,
      more: false,
      note: `gone quiet at the payer, ${money(quiet.items.reduce((t, e) => t + e.moneyCents, 0))}${quiet.nextCursor ? "+" : ""}`,
    },
    {
      key: "tasks",
      label: "My tasks",
      to: "/tasks",
      n: mine.items.length,
      more: !!mine.nextCursor,
      note: overdue ? `${overdue} overdue` : "none overdue",
    },
    {
      key: "suspense",
      label: "Suspense",
      to: "/queues/suspense",
      n: open.length,
      more: !!suspense.nextCursor,
      note: `${money(open.reduce((t, s) => t + s.paidCents, 0))} unmatched`,
    },
  ];
}

export interface HomeData {
  aging: Get<"/v1/reports/ar-aging">;
  collections: Get<"/v1/reports/collections">;
  claims: Get<"/v1/reports/claims">;
}

async function figures(): Promise<HomeData> {
  const months = monthsBack(6);
  const to = todayLocal();
  const from = todayLocal(new Date(Date.now() - 90 * 86_400_000));
  const [aging, collections, claims] = await Promise.all([
    must(api.GET("/v1/reports/ar-aging", { params: { query: {} } })),
    must(
      api.GET("/v1/reports/collections", { params: { query: { from: months[0]!, to: months[months.length - 1]! } } }),
    ),
    must(api.GET("/v1/reports/claims", { params: { query: { from, to } } })),
  ]);
  return { aging, collections, claims } as HomeData;
}

export default function Home() {
  const user = useUser();
  const queues = useApi(queueCounts, []);
  const data = useApi(figures, []);
  return (
    <Page title={`Home: ${user.companyName}`}>
      <h2 className="section-title">Today’s work</h2>
      {queues.error ? (
        <ErrorState error={queues.error} retry={queues.reload} />
      ) : !queues.data ? (
        <Loading what="Counting the work queues" />
      ) : (
        <div className="cards" aria-label="Work queues">
          {queues.data.map((q) => (
            <Link key={q.key} to={q.to} className="card" data-queue={q.key}>
              <div className="card-label">{q.label}</div>
              <div className="card-value">
                {count(q.n)}
                {q.more ? "+" : ""}
              </div>
              <div className="card-note">{q.note}</div>
            </Link>
          ))}
        </div>
      )}
      <h2 className="section-title">Key figures</h2>
      {data.error ? (
        <ErrorState error={data.error} retry={data.reload} />
      ) : !data.data ? (
        <Loading what="Computing the figures" />
      ) : (
        <Figures data={data.data} />
      )}
    </Page>
  );
}

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="card" data-kpi={label}>
      <div className="card-label">{label}</div>
      <div className="card-value">{value}</div>
      {note ? <div className="card-note">{note}</div> : null}
    </div>
  );
}

function Figures({ data }: { data: HomeData }) {
  const k: Kpis = companyKpis(data);
  const t = trend(data.collections);
  const rate = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)}%`);
  return (
    <>
      <div className="cards" aria-label="Key figures">
        <Kpi label="Clean claim rate" value={rate(k.cleanClaimRate)} note="accepted with no edits, last 90 days" />
        <Kpi label="Denial rate" value={rate(k.denialRate)} note="of adjudicated claims, last 90 days" />
        <Kpi label="Days in A/R" value={k.daysInAR === null ? "—" : k.daysInAR.toFixed(1)} note="weighted by A/R" />
        <Kpi label="Net collection rate" value={rate(k.netCollectionRate)} note="last 6 months" />
        <Kpi
          label="A/R over 90 days"
          value={money(k.over90Cents)}
          note={k.arCents ? `${((k.over90Cents / k.arCents) * 100).toFixed(1)}% of ${money(k.arCents)}` : "no open A/R"}
        />
      </div>
      <div className="grid grid-2">
        <Panel title="A/R aging (from date of service)" actions={<Link to="/reports?tab=aging">Details</Link>}>
          {k.arCents === 0 ? (
            <Empty title="No open A/R">Nothing is owed on any claim.</Empty>
          ) : (
            <BarChart
              title="Open A/R by age in days, insurance and patient"
              format={moneyShort}
              bars={k.aging.map((b, i) => ({
                label: b.bucket,
                value: b.cents,
                tone: i >= 3 ? "bad" : i === 2 ? "c" : "a",
              }))}
            />
          )}
        </Panel>
        <Panel title="Collections trend" actions={<Link to="/reports?tab=collections">Details</Link>}>
          {t.months.length === 0 ? (
            <Empty title="No collections yet" />
          ) : (
            <LineChart
              title="By month of posting"
              labels={t.months.map(month)}
              format={moneyShort}
              series={[
                { name: "Payments", points: t.payments, tone: "a" },
                { name: "Charges", points: t.charges, tone: "c" },
              ]}
            />
          )}
        </Panel>
      </div>
    </>
  );
}
