/** Domain errors; the API maps each to an RFC 9457 problem+json response. */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  constructor(status: number, type: string, title: string, detail: string, errors?: FieldError[]) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors;
  }
}

export const notFound = (what: string) =>
  new AppError(404, "not-found", "Not found", `${what} was not found`);

export const badRequest = (detail: string) => new AppError(400, "bad-request", "Bad request", detail);

export const unauthorized = (detail = "A valid API key is required") =>
  new AppError(401, "unauthorized", "Unauthorized", detail);

export const forbidden = (detail: string) => new AppError(403, "forbidden", "Forbidden", detail);

export const conflict = (detail: string) => new AppError(409, "conflict", "Conflict", detail);

export const preconditionFailed = (detail: string) =>
  new AppError(412, "precondition-failed", "Precondition failed", detail);

export const invalid = (errors: FieldError[], detail = "The request is not valid") =>
  new AppError(422, "validation", "Validation failed", detail, errors);
