import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { badRequest } from "@claimledger/core/shared/errors.ts";

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const problemContent = { "application/problem+json": { schema: problemSchema } };

/** The error responses every authenticated route can give. */
export const errors = {
  400: { description: "Malformed request (JSON, cursor, header)", content: problemContent },
  401: { description: "Missing, malformed or revoked API key", content: problemContent },
  403: { description: "The key's role may not do this", content: problemContent },
  404: { description: "No such record in this tenant (or not visible to this key)", content: problemContent },
  422: { description: "Validation failed; `errors` lists each path", content: problemContent },
} as const;

export const writeErrors = {
  ...errors,
  409: { description: "Conflicting concurrent change", content: problemContent },
  412: { description: "`If-Match` names a version that is no longer current", content: problemContent },
  413: { description: "Body too large", content: problemContent },
  415: { description: "Body is not JSON", content: problemContent },
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  required: true,
  description,
  content: { "application/json": { schema } },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const idParam = <N extends string>(name: N, prefix: string) =>
  z.object({
    [name]: z
      .string()
      .min(1)
      .max(40)
      .openapi({ param: { name, in: "path" }, example: `${prefix}_0123456789abcd` }),
  } as Record<N, z.ZodString>);

export const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .max(255)
    .optional()
    .openapi({ description: "A retry with the same key returns the first response" }),
});

/** `If-Match: "3"` (or W/"3", or 3) -> 3; absent -> undefined. */
export function ifMatch(c: Context): number | undefined {
  const h = c.req.header("if-match");
  if (h === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
  if (!m) throw badRequest('If-Match must be the record version, e.g. If-Match: "3"');
  return Number(m[1]);
}

/** Sets the ETag of a versioned record. */
export function withEtag<T extends { version: number }>(c: Context, record: T): T {
  c.header("ETag", `"${record.version}"`);
  return record;
}
