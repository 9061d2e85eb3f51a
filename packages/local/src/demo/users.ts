import { randomBytes } from "node:crypto";
import type { ApiClient } from "./client.ts";

export interface SignIn {
  role: string;
  name: string;
  email: string;
  password: string;
}

/** The token of the newest invitation link mailed to `email`, read from the local stack's outbox. */
async function invitationToken(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/local/outbox.json`);
  const { items } = (await res.json()) as { items: { to: string; text: string }[] };
  const mail = items.find((m) => m.to === email);
  const m = mail && /\/accept\?token=(\S+)/.exec(mail.text);
  if (!m) throw new Error(`no invitation mailed to ${email}`);
  return decodeURIComponent(m[1]!);
}

/**
 * The company's people, made the way a real company makes them: the owner was invited with the
 * company, the owner invites a biller, and each sets a password from the link in the mail. The
 * passwords are random per run (a second demo on the same stack gets its own sign-ins).
 */
export async function createUsers(api: ApiClient, owner: { email: string; name: string }): Promise<SignIn[]> {
  const biller = { email: "biller@northwind-billing.example", name: "Sam Biller" };
  await api.expect(201, "POST", "/v1/invitations", { ...biller, role: "biller" });
  const out: SignIn[] = [];
  for (const [role, person] of [
    ["owner", owner],
    ["biller", biller],
  ] as const) {
    const password = randomBytes(12).toString("base64url");
    const token = await invitationToken(api.baseUrl, person.email);
    await api.expect(201, "POST", "/v1/invitations/accept", { token, password });
    out.push({ role, ...person, password });
  }
  return out;
}
