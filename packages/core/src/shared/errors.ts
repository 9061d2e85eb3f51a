/**
 * The one error vocabulary. Domain code throws AppError (through the helpers below); the API turns
 * each into an RFC 9457 problem+json response with `problemOf`, and batch answers carry the same
 * Problem per item, so a client reads one shape everywhere.
 */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details, as every refusal is answered. */
export interface Problem {
  /** `urn:claimledger:problem:<kind>`, e.g. ...:validation, ...:not-found, ...:duplicate-encounter. */
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  /** Ids of what the problem is about, e.g. the key created by a request shown once. */
  [id: string]: unknown;
}

export const problemType = (kind: string) => `urn:claimledger:problem:${kind}`;

/** The problem an error answers with; `instance` is the request path when there is one. */
export function problemOf(err: AppError, instance?: string): Problem {
  const p: Problem = { type: problemType(err.type), title: err.title, status: err.status, detail: err.message };
  if (instance !== undefined) p.instance = instance;
  if (err.errors) p.errors = err.errors;
  if (err.extra) Object.assign(p, err.extra);
  return p;
}

export class AppError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  /** Seconds after which trying again may succeed (the `Retry-After` header of the answer). */
  retryAfterSeconds?: number;
  /** Members the problem carries beside the standard ones, e.g. the companies to choose from. */
  extra?: Record<string, unknown>;
  constructor(status: number, type: string, title: string, detail: string, errors?: FieldError[]) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors;
  }
}

export const notFound = (what: string) => new AppError(404, "not-found", "Not found", `${what} was not found`);

/** Whether an error is the not-found answer (a caller that turns it into its own refusal asks this, not the status). */
export const isNotFound = (err: unknown): err is AppError => err instanceof AppError && err.type === "not-found";

export const badRequest = (detail: string) => new AppError(400, "bad-request", "Bad request", detail);

export const unauthorized = (detail = "A valid API key is required") =>
  new AppError(401, "unauthorized", "Unauthorized", detail);

export const forbidden = (detail: string) => new AppError(403, "forbidden", "Forbidden", detail);

export const conflict = (detail: string) => new AppError(409, "conflict", "Conflict", detail);

/** A 409 that is only a matter of time (the same request still running): answered with `Retry-After`. */
export function retryLater(detail: string, seconds: number): AppError {
  const err = conflict(detail);
  err.retryAfterSeconds = Math.max(1, Math.ceil(seconds));
  return err;
}

export const preconditionFailed = (detail: string) =>
  new AppError(412, "precondition-failed", "Precondition failed", detail);

export const invalid = (errors: FieldError[], detail = "The request is not valid") =>
  new AppError(422, "validation", "Validation failed", detail, errors);
