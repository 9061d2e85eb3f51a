// The event module's face: events written with the changes they report, and their listing.
// It sits low in the module map (beside audit), so every module that changes state can write one.
export * from "./event.types.ts";
export {
  eventPut,
  claimStatusEvent,
  listEvents,
  eventsById,
  eventsBetween,
  eventTime,
  eventIdAt,
  newEventId,
  EVENT_TTL_DAYS,
} from "./event.service.ts";
