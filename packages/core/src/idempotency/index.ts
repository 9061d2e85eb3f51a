// The idempotency module's face: what the handlers may use (its entity stays inside).
export {
  type StoredResponse,
  requestHash,
  beginIdempotent,
  completeIdempotent,
  releaseIdempotent,
} from "./idempotency.ts";
