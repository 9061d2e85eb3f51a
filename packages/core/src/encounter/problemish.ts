import type { FieldError } from "../shared/errors.ts";

/** A per-item refusal in a batch answer, shaped like an RFC 9457 problem. */
export interface Problemish {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors?: FieldError[];
}
