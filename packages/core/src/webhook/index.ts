// The webhook module's face: endpoints, their deliveries (signed, retried, recorded), the fan-out
// of events to them and its sweeper. Above event, audit and user in the module map.
export * from "./webhook.schema.ts";
export { createEndpoint, getEndpoint, listEndpoints, updateEndpoint, deleteEndpoint } from "./endpoint.service.ts";
export { deliver, payloadOf } from "./delivery.service.ts";
export {
  fanOutEvents,
  sweepTenant,
  listDeliveries,
  getDelivery,
  replayDelivery,
  replayRange,
} from "./fanout.service.ts";
export { deliveryMessages, DELIVERY_QUEUE, type DeliveryMessage } from "./messages.ts";
export { sign, signedHeaders, verify, newSigningSecret } from "./sign.ts";
export { refusedAddress, urlProblem, ATTEMPT_TIMEOUT_MS } from "./outbound.ts";
