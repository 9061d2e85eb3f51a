import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { lookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** How long one delivery attempt may take, connection to last byte. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * Addresses a webhook may never reach (server-side request forgery): private, loopback,
 * link-local (the instance metadata service at 169.254.169.254), CGNAT, multicast, reserved and
 * their IPv6 forms. `CLAIMLEDGER_WEBHOOK_ALLOW_LOOPBACK=1` (the local stack and tests) lets
 * loopback through, and plain http with it; nothing else is ever allowed.
 */
const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["2001:db8::", 32],
] as const)
  blocked.addSubnet(net, bits, "ipv6");
const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

export const allowLoopback = () => process.env.CLAIMLEDGER_WEBHOOK_ALLOW_LOOPBACK === "1";

/** Why an address may not be reached, or undefined when it may. */
export function refusedAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  let ip = address;
  let type: "ipv4" | "ipv6" = family === 4 ? "ipv4" : "ipv6";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) [ip, type] = [mapped[1]!, "ipv4"];
  if (loopback.check(ip, type)) return allowLoopback() ? undefined : "a loopback address";
  if (blocked.check(ip, type)) return "a private, link-local or reserved address";
  return undefined;
}

/** A URL an endpoint may have: https (http only with loopback allowed), no credentials, no IP literal that is refused. */
export function urlProblem(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "must be an absolute URL";
  }
  if (u.protocol !== "https:" && !(u.protocol === "http:" && allowLoopback())) return "must be an https URL";
  if (u.username || u.password) return "must not carry credentials";
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const why = refusedAddress(host);
    if (why) return `points at ${why}`;
  }
  return undefined;
}

/** DNS resolution that checks every address it found and connects only to a checked one. */
const checkedLookup: LookupFunction = (hostname, options, done) => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return done(err, "", 0);
    const list = Array.isArray(addresses) ? addresses : [];
    const bad = list.map((a) => refusedAddress(a.address)).find((w) => w !== undefined);
    if (bad || !list.length) return done(new Error(`refused: ${hostname} resolves to ${bad ?? "nothing"}`), "", 0);
    if ((options as { all?: boolean }).all) return (done as (e: null, a: typeof list) => void)(null, list);
    done(null, list[0]!.address, list[0]!.family);
  });
};

export interface AttemptResult {
  /** The response's status code; absent when there was none (refused, timed out, unreachable). */
  code?: number;
  /** Why there was no response (no values from the receiver, only a short cause). */
  error?: string;
  ms: number;
}

/**
 * POSTs one delivery, bounded by ATTEMPT_TIMEOUT_MS, never following a redirect (a 3xx is a
 * failure, as Standard Webhooks advises), reading at most 4 KB of the answer and keeping none of it.
 */
export function post(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
  const started = Date.now();
  const done = (r: Omit<AttemptResult, "ms">): AttemptResult => ({ ...r, ms: Date.now() - started });
  const problem = urlProblem(url);
  if (problem) return Promise.resolve(done({ error: `url ${problem}` }));
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    const send = u.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      u,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        // An IP literal is checked above; a name is checked on every address it resolves to.
        ...(isIP(host) ? {} : { lookup: checkedLookup }),
      },
      (res) => {
        let seen = 0;
        res.on("data", (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > 4096) res.destroy();
        });
        res.on("close", () => resolve(done({ code: res.statusCode })));
        res.on("error", () => resolve(done({ code: res.statusCode })));
      },
    );
    req.on("error", (err) => {
      const e = err as NodeJS.ErrnoException;
      const cause =
        e.name === "AbortError" || e.name === "TimeoutError"
          ? `timed out after ${ATTEMPT_TIMEOUT_MS / 1000} s`
          : e.message.startsWith("refused:")
            ? e.message.slice(0, 200)
            : (e.code ?? e.name);
      resolve(done({ error: cause }));
    });
    req.end(body);
  });
}
