import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newId } from "./ids.ts";
import { log } from "./log.ts";
import { AppError } from "./errors.ts";

/** A plain-text mail to one person (invitations, password resets). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * The mail adapter. With `CLAIMLEDGER_MAIL_OUTBOX` set (the local stack and tests), each mail is a
 * JSON file in that directory, which the local stack lists at /local/outbox. Deployed, it goes
 * through Amazon SES from `CLAIMLEDGER_MAIL_FROM` (a verified identity), the SDK loaded only here.
 * Mails carry sign-in links, so nothing of them is logged but the id.
 */
export async function sendMail(mail: Mail): Promise<string> {
  assertMailConfigured();
  const id = newId("mail");
  const outbox = process.env.CLAIMLEDGER_MAIL_OUTBOX;
  if (outbox) {
    mkdirSync(outbox, { recursive: true });
    const sentAt = new Date().toISOString();
    writeFileSync(
      join(outbox, `${sentAt.replace(/[:.]/g, "-")}-${id}.json`),
      JSON.stringify({ id, ...mail, sentAt }, null, 2),
    );
  } else {
    const from = process.env.CLAIMLEDGER_MAIL_FROM!;
    const { SESv2Client, SendEmailCommand } = await import("@aws-sdk/client-sesv2");
    await new SESv2Client({}).send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [mail.to] },
        Content: { Simple: { Subject: { Data: mail.subject }, Body: { Text: { Data: mail.text } } } },
      }),
    );
  }
  log("info", "mail sent", { mailId: id });
  return id;
}

/** Refuses (503) before anything is written when this deployment has no way to send mail. */
export function assertMailConfigured(): void {
  if (!process.env.CLAIMLEDGER_MAIL_OUTBOX && !process.env.CLAIMLEDGER_MAIL_FROM)
    throw new AppError(
      503,
      "mail-not-configured",
      "Mail is not set up",
      "This deployment cannot send mail: set mailSender in infra/stages.ts and deploy again",
    );
}

/** Where links in mails point: the console's public address (`CLAIMLEDGER_CONSOLE_URL`, e.g. https://billing.example.com/app). */
export function consoleUrl(path: string): string {
  const base = process.env.CLAIMLEDGER_CONSOLE_URL;
  if (!base) throw new Error("CLAIMLEDGER_CONSOLE_URL is not set: mails cannot link to the console");
  return `${base.replace(/\/$/, "")}${path}`;
}
