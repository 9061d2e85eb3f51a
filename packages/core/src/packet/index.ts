// The month-end packet's face: the PDF a physician reads with each finalized invoice. Only the
// invoice worker imports it (pdf-lib and d3 stay out of the API's bundle).
export * from "./packet.schema.ts";
export * from "./charts.ts";
export { renderPacket } from "./render.ts";
export { packetData, packetExtras, packetKeyOf, writePacket } from "./packet.service.ts";
