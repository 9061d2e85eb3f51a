import type { ComponentType } from "react";
import type { ScreenProps } from "../../routes";
import { Link } from "../../router";
import { useUser } from "../../session";
import { Page } from "../../ui/page";
import { ApiKeys } from "./ApiKeys";
import { Clearinghouse } from "./Clearinghouse";
import { Company } from "./Company";
import { FeeSchedules } from "./FeeSchedules";
import { FollowUp } from "./FollowUp";
import { Payers } from "./Payers";
import { Practices } from "./Practices";
import { Providers } from "./Providers";
import { ScrubRules } from "./ScrubRules";
import { Users } from "./Users";
import { Webhooks } from "./Webhooks";

export interface SectionProps {
  /** Owners change settings; billers and viewers read them. */
  canEdit: boolean;
}

const SECTIONS: { key: string; label: string; Section: ComponentType<SectionProps>; ownerOnly?: boolean }[] = [
  { key: "users", label: "Users and invitations", Section: Users },
  { key: "api-keys", label: "API keys", Section: ApiKeys, ownerOnly: true },
  { key: "company", label: "Company details", Section: Company },
  { key: "practices", label: "Practices and contracts", Section: Practices },
  { key: "providers", label: "Providers", Section: Providers },
  { key: "payers", label: "Payers", Section: Payers },
  { key: "fee-schedules", label: "Fee schedules", Section: FeeSchedules },
  { key: "scrub-rules", label: "Scrub rules", Section: ScrubRules },
  { key: "follow-up", label: "Follow-up", Section: FollowUp },
  { key: "clearinghouse", label: "Clearinghouse", Section: Clearinghouse },
  { key: "webhooks", label: "Webhooks", Section: Webhooks, ownerOnly: true },
];

export default function Settings({ params }: ScreenProps) {
  const user = useUser();
  const mine = SECTIONS.filter((s) => !s.ownerOnly || user.role === "owner");
  const current = mine.find((s) => s.key === params.section) ?? mine[0]!;
  const { Section } = current;
  return (
    <Page title={`Settings: ${current.label}`}>
      <div className="settings">
        <nav className="settings-nav" aria-label="Settings">
          {mine.map((s) => (
            <Link
              key={s.key}
              to={`/settings/${s.key}`}
              className={s === current ? "nav-item active" : "nav-item"}
              aria-current={s === current ? "page" : undefined}
            >
              {s.label}
            </Link>
          ))}
        </nav>
        <div className="settings-body">
          <Section canEdit={user.role === "owner"} />
        </div>
      </div>
    </Page>
  );
}
