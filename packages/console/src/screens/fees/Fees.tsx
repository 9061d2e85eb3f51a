import type { ScreenProps } from "../../routes";
import { navigate } from "../../router";
import { Page, Tabs } from "../../ui/page";
import { useDirectory } from "../claim/parts";
import { FeeAdvice } from "./FeeAdvice";
import { PayerMix } from "./PayerMix";
import { Reimbursement } from "./Reimbursement";
import { Underpayments } from "./Underpayments";
import { PeriodPicker, periodOf, type Period } from "./parts";

type Tab = "payer-mix" | "reimbursement" | "fee-advice" | "underpayments";
const TABS: { key: Tab; label: string }[] = [
  { key: "payer-mix", label: "Payer mix" },
  { key: "reimbursement", label: "Reimbursement by code" },
  { key: "fee-advice", label: "Fee advice" },
  { key: "underpayments", label: "Underpayments" },
];

/**
 * Fees & payers: what each payer pays against the practice's charges and its contract. The tab,
 * the period and the practice live in the address (a link opens the same view); each tab has its
 * own chart, table and CSV.
 */
export default function Fees({ query }: ScreenProps) {
  const tab = (TABS.find((t) => t.key === query.get("tab"))?.key ?? "payer-mix") as Tab;
  const period = periodOf(query);
  const practiceId = query.get("practiceId") ?? "";
  const dir = useDirectory();
  const go = (next: { tab?: Tab; period?: Period; practiceId?: string }) => {
    const p = next.period ?? period;
    const s = new URLSearchParams({ tab: next.tab ?? tab, from: p.from, to: p.to });
    const practice = next.practiceId ?? practiceId;
    if (practice) s.set("practiceId", practice);
    navigate(`/fees?${s}`, { replace: true });
  };
  const props = { period, practiceId: practiceId || undefined, dir };
  return (
    <Page title="Fees & payers">
      <Tabs tabs={TABS} active={tab} onChange={(t) => go({ tab: t })} />
      <PeriodPicker
        period={period}
        onChange={(p) => go({ period: p })}
        practiceId={practiceId}
        onPractice={(id) => go({ practiceId: id })}
        practices={dir.practices}
      />
      {tab === "payer-mix" ? <PayerMix {...props} /> : null}
      {tab === "reimbursement" ? <Reimbursement {...props} /> : null}
      {tab === "fee-advice" ? <FeeAdvice {...props} /> : null}
      {tab === "underpayments" ? <Underpayments {...props} /> : null}
    </Page>
  );
}

export interface TabProps {
  period: Period;
  practiceId?: string;
  dir: { practices: Map<string, string>; payers: Map<string, string> };
}
