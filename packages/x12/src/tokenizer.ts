/** Segments as arrays of strings, from whole text or a stream. */
import { SegmentCursor } from "./scanner.ts";
import { cursorOverChunks } from "./stream.ts";
import type { ChunkSource } from "./stream.ts";

export interface Segment {
  /** Segment id ("CLP"). */
  id: string;
  /** All elements with the id first, so elements[3] is CLP03. Composites are not split. */
  elements: string[];
  /** 1-based position of the segment in the input. */
  index: number;
}

/** Every segment of the text. Throws X12Error when the text does not start with a readable ISA. */
export function tokenize(text: string): Segment[] {
  const out: Segment[] = [];
  const c = new SegmentCursor(text);
  while (c.next()) {
    const elements = c.elements();
    out.push({ id: elements[0]!, elements, index: c.index });
  }
  return out;
}

/** The segments of the text one at a time. */
export function* segments(text: string): Generator<Segment, void, undefined> {
  const c = new SegmentCursor(text);
  while (c.next()) {
    const elements = c.elements();
    yield { id: elements[0]!, elements, index: c.index };
  }
}

/** The segments of a stream one at a time, in bounded memory. */
export async function* readSegments(source: ChunkSource): AsyncGenerator<Segment, void, undefined> {
  for await (const c of cursorOverChunks(source)) {
    const batch: Segment[] = [];
    while (c.next()) {
      const elements = c.elements();
      batch.push({ id: elements[0]!, elements, index: c.index });
    }
    yield* batch;
  }
}

/** Splits a composite element on the component separator. */
export function components(element: string, componentSeparator: string): string[] {
  return element === "" ? [] : element.split(componentSeparator);
}
