import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

/** A field the API named in a problem+json `errors[]`, with its message in words. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An RFC 9457 problem from the API, as the screens show it. */
export class ApiError extends Error {
  readonly status: number;
  /** The last segment of the problem type: "validation", "locked", "totp-required"... */
  readonly kind: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  readonly body: Record<string, unknown>;
  constructor(status: number, body: unknown) {
    const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const detail = typeof b.detail === "string" ? b.detail : typeof body === "string" && body ? body : "";
    const title = typeof b.title === "string" ? b.title : status === 0 ? "Network error" : `Error ${status}`;
    super(detail || title);
    this.status = status;
    // "urn:claimledger:problem:locked" (or a URL ending /locked) -> "locked"
    this.kind = typeof b.type === "string" ? (b.type.split(/[/:]/).pop() ?? "") : "";
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(b.errors) ? (b.errors as FieldProblem[]) : [];
    this.body = b;
  }
  /** The message for one field, matching `errors[].path` exactly or by its last segments ("body.email" ~ "email"). */
  field(path: string): string | undefined {
    const hit = this.errors.find((e) => e.path === path || e.path.endsWith(`.${path}`));
    return hit?.message;
  }
}

/** What the client tells the session: a 401 (signed out on the server) or a request that counted as activity. */
export type SessionSignal = { kind: "unauthorized" } | { kind: "activity" };
const listeners = new Set<(s: SessionSignal) => void>();
export function onSessionSignal(l: (s: SessionSignal) => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

let csrfToken: string | undefined;
/** The session's CSRF token, kept in memory only (from POST /v1/sessions or GET /v1/session). */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** Sign-in and the other anonymous calls answer 401 for a wrong password; that is not a lost session. */
const ANONYMOUS = [
  "/v1/sessions",
  "/v1/session",
  "/v1/invitations/accept",
  "/v1/password-resets",
  "/v1/password-resets/complete",
];

const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && csrfToken) request.headers.set("X-CSRF-Token", csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !ANONYMOUS.includes(path)) listeners.forEach((l) => l({ kind: "unauthorized" }));
    else if (response.ok && !ANONYMOUS.includes(path)) listeners.forEach((l) => l({ kind: "activity" }));
    return response;
  },
};

/** The one way the console talks to the API: typed from /openapi.json, same-origin cookie. */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? "", credentials: "same-origin" });
api.use(session);

/** The data of a typed call, or an ApiError carrying the problem. */
export async function must<D>(p: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let res: { data?: D; error?: unknown; response: Response };
  try {
    res = await p;
  } catch (e) {
    throw new ApiError(0, { title: "Network error", detail: `The API could not be reached (${String(e)})` });
  }
  if (res.error !== undefined || !res.response.ok) throw new ApiError(res.response.status, res.error);
  return res.data as D;
}

/** Any error as words for the screen. */
export function describe(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.kind === "validation" && e.errors.length)
      return `${e.detail || e.title}: ${e.errors.map((x) => `${x.path} ${x.message}`).join("; ")}`;
    return e.detail && e.detail !== e.title ? `${e.title}: ${e.detail}` : e.title;
  }
  return e instanceof Error ? e.message : String(e);
}
