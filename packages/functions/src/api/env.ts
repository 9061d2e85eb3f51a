import type { Principal } from "@claimledger/core/shared/context.ts";
import type { ShownOnce } from "./middleware/idempotency.ts";

export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
    /** Set by a route whose response carries a secret: it is never stored for replays. */
    shownOnce?: ShownOnce;
  };
}
