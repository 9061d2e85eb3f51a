/** Reading 835s: whole text at once, claim by claim from text, or claim by claim from a stream. */
import { SegmentCursor } from "../scanner.ts";
import { cursorOverChunks } from "../stream.ts";
import type { ChunkSource } from "../stream.ts";
import { Remittance835Parser } from "./parser.ts";
import type { Remittance835, Remittance835Event } from "./types.ts";

/** Every 835 transaction set in the text with its claims, PLBs, balance verdict and issues. */
export function read835(text: string): Remittance835[] {
  const parser = new Remittance835Parser(true);
  const c = new SegmentCursor(text);
  const out: Remittance835[] = [];
  while (c.next()) {
    parser.feed(c);
    if (parser.events.length > 0) drain(parser.events, out);
  }
  parser.close();
  drain(parser.events, out);
  return out;
}

function drain(events: Remittance835Event[], out: Remittance835[]): void {
  for (const e of events) if (e.type === "remittance") out.push(e.remittance);
  events.length = 0;
}

/**
 * The 835 claim by claim: a "claim" event per CLP loop (its remittance's header is complete by
 * then) and a "remittance" event at each SE carrying PLBs and the balance verdict. Claims are not
 * kept in `remittance.claims`.
 */
export function* iterate835(text: string): Generator<Remittance835Event, void, undefined> {
  const parser = new Remittance835Parser(false);
  const c = new SegmentCursor(text);
  const events = parser.events;
  while (c.next()) {
    parser.feed(c);
    if (events.length > 0) {
      yield* events;
      events.length = 0;
    }
  }
  parser.close();
  yield* events;
  events.length = 0;
}

/** Like iterate835, from a stream (e.g. fs.createReadStream): bounded memory for any file size. */
export async function* stream835(source: ChunkSource): AsyncGenerator<Remittance835Event, void, undefined> {
  const parser = new Remittance835Parser(false);
  const events = parser.events;
  for await (const c of cursorOverChunks(source)) {
    while (c.next()) parser.feed(c);
    if (events.length > 0) {
      const batch = events.splice(0, events.length);
      yield* batch;
    }
  }
  parser.close();
  yield* events.splice(0, events.length);
}
