import { createApp } from "../src/api/app.ts";

/** In-process HTTP against the real app, with the emulators behind it. */
export const app = createApp();
export const ADMIN_KEY = "test-platform-admin-key-0123456789";

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** A fresh billing company with its owner key: every test makes its own, so tests never collide. */
export async function newTenant(name = "Acme Billing LLC") {
  const res = await call("POST", "/v1/tenants", { key: ADMIN_KEY, body: { name } });
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { tenantId: res.body.tenant.tenantId as string, ownerKey: res.body.ownerKey.apiKey as string };
}

export async function newKey(ownerKey: string, role: string, practiceId?: string): Promise<string> {
  const res = await call("POST", "/v1/api-keys", { key: ownerKey, body: { name: `${role} key`, role, practiceId } });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.apiKey;
}

// Valid sample data (NPIs carry correct check digits).
export const samples = {
  practice: {
    legalName: "Lakeside Family Medicine PC",
    npi: "1234567893",
    taxId: "12-3456789",
    taxonomyCode: "207Q00000X",
    address: { line1: "100 Main St", city: "Springfield", state: "IL", postalCode: "627011234" },
    timeZone: "America/Chicago",
  },
  provider: {
    kind: "individual",
    firstName: "Ana",
    lastName: "Ruiz",
    credential: "MD",
    npi: "1679576722",
    taxonomyCode: "207Q00000X",
    roles: ["rendering"],
  },
  payer: {
    name: "Blue Prairie Health",
    clearinghousePayerId: "BPH01",
    claimFilingIndicator: "CI",
    timelyFilingDays: 180,
  },
  patient: (payerId: string) => ({
    firstName: "Jordan",
    lastName: "Lee",
    dateOfBirth: "1985-04-12",
    sex: "F",
    address: { line1: "12 Oak Ave", city: "Springfield", state: "IL", postalCode: "62702" },
    coverages: [{ payerId, memberId: "XJH123456789", groupNumber: "G100", order: "primary", relationship: "self" }],
  }),
};
