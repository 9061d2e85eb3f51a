import { Hono } from "hono";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** Every mail the local stack sent (the mail adapter writes one JSON file each), newest first. */
export function readOutbox(dir: string): OutboxMail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .reverse()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as OutboxMail);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (s: string) => esc(s).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

/**
 * The local stack's mail outbox: what SES would have delivered (invitations, password resets),
 * listed at /local/outbox so a person trying the product can follow the links. Local only: the
 * deployed API has no such route.
 */
export function outboxRoutes(dir: string) {
  const app = new Hono();
  app.get("/local/outbox.json", (c) => c.json({ items: readOutbox(dir) }));
  app.get("/local/outbox", (c) => {
    const mails = readOutbox(dir);
    const body = mails.length
      ? mails
          .map(
            (m) =>
              `<article><h2>${esc(m.subject)}</h2><p class="meta">To ${esc(m.to)} · ${esc(m.sentAt)}</p><pre>${linkify(m.text)}</pre></article>`,
          )
          .join("")
      : "<p>No mail sent yet. Invitations and password resets appear here.</p>";
    c.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail outbox · ClaimLedger (local)</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2733}article{border:1px solid #ccd3dc;border-radius:6px;padding:0 1rem;margin:1rem 0}h2{font-size:1.05rem}.meta{color:#4a5868}pre{white-space:pre-wrap;font:inherit}</style></head><body><h1>Mail outbox (local stack)</h1><p>What would have been mailed, newest first.</p>${body}</body></html>`,
    );
  });
  return app;
}
