/** Input checks shared by the 270 and 276 builders: each throws X12Error("invalid-input"). */
import { x12Date } from "./dates.ts";
import { X12Error } from "./errors.ts";

export function fail(where: string, message: string): never {
  throw new X12Error({ code: "invalid-input", message: `${where}: ${message}`, segment: "", segmentIndex: 0 });
}

/** A non-blank string of at most `max` characters. */
export function text(where: string, value: string | undefined, what: string, max: number): void {
  if (value === undefined || value.trim() === "") fail(where, `${what} is required`);
  if (value.length > max) fail(where, `${what} is ${value.length} characters; at most ${max}`);
}

/** An optional string of at most `max` characters, not blank when given. */
export function optionalText(where: string, value: string | undefined, what: string, max: number): void {
  if (value !== undefined) text(where, value, what, max);
}

export function isoDate(where: string, value: string | undefined, what: string, required = false): void {
  if (value === undefined) {
    if (required) fail(where, `${what} is required`);
    return;
  }
  if (x12Date(value) === undefined) fail(where, `${what} "${value}" is not a date (YYYY-MM-DD)`);
}

export function npi(where: string, value: string | undefined, what: string): void {
  if (value === undefined || !/^\d{10}$/.test(value)) fail(where, `${what} NPI "${value ?? ""}" must be 10 digits`);
}

export function sex(where: string, value: string | undefined, what: string): void {
  if (value !== undefined && value !== "M" && value !== "F" && value !== "U")
    fail(where, `${what} sex "${value}" must be M, F or U`);
}

export function cents(where: string, value: number | undefined, what: string): void {
  if (value === undefined) fail(where, `${what} is required`);
  if (!Number.isSafeInteger(value)) fail(where, `${what} must be an integer number of cents, got ${value}`);
  if (value < 0) fail(where, `${what} cannot be negative`);
}

/** A person or organisation name: an organisation name, or a last name (first name optional). */
export function providerName(
  where: string,
  p: { organizationName?: string; lastName?: string; firstName?: string },
  what: string,
): void {
  if (p.organizationName !== undefined) text(where, p.organizationName, `${what} organization name`, 60);
  else text(where, p.lastName, `${what} organization name or last name`, 60);
  optionalText(where, p.firstName, `${what} first name`, 35);
}
