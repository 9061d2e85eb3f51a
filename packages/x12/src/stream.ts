/** Feeding a SegmentCursor from a stream of chunks (a Node Readable, a web stream, an array). */
import { SegmentCursor } from "./scanner.ts";

/** Anything that yields text or bytes: fs.createReadStream(path), a ReadableStream, [text]. */
export type ChunkSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Yields one cursor per chunk, then once more after the end of input; drain each with
 * `while (cursor.next())`. Only the unconsumed tail of the previous chunk is kept, so memory stays
 * bounded by the chunk size plus one segment. Bytes are decoded as UTF-8 (multi-byte characters
 * split across chunks are handled).
 */
export async function* cursorOverChunks(source: ChunkSource): AsyncGenerator<SegmentCursor, void, undefined> {
  const cursor = new SegmentCursor("", false);
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text === "") continue;
    cursor.push(text);
    yield cursor;
  }
  const tail = decoder.decode();
  if (tail !== "") cursor.push(tail);
  cursor.finish();
  yield cursor;
}
