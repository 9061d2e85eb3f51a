import type { Principal } from "@claimledger/core/shared/context.ts";

export interface AppEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}
