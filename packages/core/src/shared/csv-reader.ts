/**
 * A small RFC 4180 CSV reader: comma separated, fields optionally enclosed in double quotes,
 * `""` inside quotes for a literal quote, commas and line breaks allowed inside quotes.
 * Records end at CRLF, LF or a lone CR. A leading UTF-8 byte order mark is dropped, and so is
 * the empty record that a trailing line break would otherwise produce.
 *
 * Lenient on one point: a quote inside an unquoted field (`5'10"`) is kept as a literal
 * character, as most spreadsheet readers do. Strict on the rest: text after a closing quote and
 * a quote that never closes are reported as errors on the record.
 */

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
  /** Set when the record is malformed; `fields` then holds what could be read. */
  error?: string;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/** Yields the records of `text` one by one, so a caller can stop early on an oversized file. */
export function* readCsv(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let endOfRecord = false;

    while (!endOfRecord) {
      let value = "";
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: runs to the next quote that is not doubled.
        i++;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
          value += text.charAt(i);
          i++;
        }
        if (!closed) {
          error ??= `a quoted field is never closed (the quote opens on line ${start})`;
        } else if (i < n && !isDelimiter(text.charCodeAt(i))) {
          error ??= 'unexpected text after a closing quote; a quote inside a quoted field must be doubled ("")';
          // Keep the stray text so nothing is silently lost, up to the next delimiter.
          while (i < n && !isDelimiter(text.charCodeAt(i))) value += text.charAt(i++);
        }
      } else {
        const from = i;
        while (i < n && !isDelimiter(text.charCodeAt(i))) i++;
        value = text.slice(from, i);
      }
      fields.push(value);

      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(i);
        if (c === COMMA) {
          i++;
          // A comma at the very end of the text still opens one last (empty) field.
          if (i >= n) {
            fields.push("");
            endOfRecord = true;
          }
        } else {
          // CR, LF or CRLF ends the record.
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          endOfRecord = true;
        }
      }
    }

    yield error === undefined ? { line: start, fields } : { line: start, fields, error };
  }
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}

/** All records at once; convenient for tests and small inputs. */
export function readCsvAll(text: string): CsvRecord[] {
  return [...readCsv(text)];
}

/** True for a record with no content: an empty line, or only commas and whitespace. */
export function isBlankRecord(r: CsvRecord): boolean {
  return r.fields.every((f) => f.trim() === "");
}
