import { createMiddleware } from "hono/factory";
import { authenticate } from "@claimledger/core/tenant/index.ts";
import { unauthorized } from "@claimledger/core/shared/errors.ts";
import type { AppEnv } from "../env.ts";

/** Resolves the bearer API key into the request's tenant principal. */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthorized("Send your API key as `Authorization: Bearer <key>`");
  const principal = await authenticate(m[1]!);
  c.set("principal", principal);
  await next();
});
