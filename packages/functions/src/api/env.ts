import type { Principal } from "@claimledger/core/shared/context.ts";

/** What a replay of a response carrying a secret answers instead: a problem naming what was created. */
export interface ShownOnce {
  detail: string;
  ids: Record<string, string>;
}

export interface AppEnv {
  Variables: {
    principal: Principal;
    /** Set when a console session (not an API key) authenticated the request. */
    sessionId?: string;
    requestId: string;
    /** Set by a route whose response carries a secret: it is never stored for replays. */
    shownOnce?: ShownOnce;
    /** The request's Idempotency-Key scope (API key and key), when it sent one. */
    idempotencyScope?: string;
  };
}
