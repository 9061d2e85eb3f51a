/** Per-stage deploy settings; plain data, read by infra/ when `npx sst deploy --stage <name>` runs. */
export interface StageConfig {
  /**
   * Serve the API on this domain name (e.g. "api.billing.example.com"). Its DNS zone must be a
   * Route 53 hosted zone in the same AWS account: SST then issues the certificate and adds the
   * records. Without one the API answers on its execute-api URL.
   */
  domain?: string;
  /** Where the dead-letter queue alarms are emailed (AWS first sends a confirmation mail). */
  alarmEmail?: string;
  /**
   * Who invitation and password-reset mails come from: an address ("billing@example.com") or a
   * domain ("example.com", sending as no-reply@ it). SST creates the SES identity; AWS mails the
   * address a confirmation link, or the domain needs the DNS records SES lists (automatic when
   * the zone is in Route 53). Without it, inviting a user answers 503.
   */
  mailSender?: string;
}

/** A billing company fills in its own production settings before its first deploy. */
export const stages: Record<string, StageConfig> = {
  production: {},
};

export function stageConfig(stage: string): StageConfig {
  return stages[stage] ?? {};
}

/** The stage whose data is kept: retained on `sst remove`, deletion-protected, never force-emptied. */
export function isProduction(stage: string): boolean {
  return stage === "production";
}
