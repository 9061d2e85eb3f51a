/** A tiny HTTP client for the demo: the public API only, failing loudly on anything unexpected. */
export class ApiClient {
  readonly baseUrl: string;
  readonly key: string;
  constructor(baseUrl: string, key: string) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const json = /json/.test(res.headers.get("content-type") ?? "");
    return { status: res.status, body: (json && text ? JSON.parse(text) : text || undefined) as T };
  }

  async expect<T = any>(
    status: number,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const res = await this.request<T>(method, path, body, headers);
    if (res.status !== status) {
      throw new Error(`${method} ${path} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }
}

/** Deterministic PRNG (mulberry32) so every demo run produces the same data. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
