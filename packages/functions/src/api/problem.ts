import type { Context } from "hono";
import type { FieldError } from "@claimledger/core/shared/errors.ts";

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

export function problem(
  c: Context,
  status: number,
  type: string,
  title: string,
  detail: string,
  errors?: FieldError[],
): Response {
  const body: Problem = { type: `urn:claimledger:problem:${type}`, title, status, detail, instance: c.req.path };
  if (errors) body.errors = errors;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json" },
  });
}

/** zod issues as `{ path, message }` with dotted paths, prefixed by where they came from. */
export function zodErrors(issues: { path: PropertyKey[]; message: string }[], prefix = ""): FieldError[] {
  return issues.map((i) => {
    const path = i.path.map(String).join(".");
    return { path: prefix && path ? `${prefix}.${path}` : prefix || path || "(root)", message: i.message };
  });
}
