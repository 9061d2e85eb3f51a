import type { Context } from "hono";
import { AppError, problemOf, type FieldError, type Problem } from "@claimledger/core/shared/errors.ts";

export function problem(
  c: Context,
  status: number,
  type: string,
  title: string,
  detail: string,
  errors?: FieldError[],
): Response {
  return problemResponse(problemOf(new AppError(status, type, title, detail, errors), c.req.path));
}

/** A problem as the HTTP response that carries it. */
export function problemResponse(body: Problem): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
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
