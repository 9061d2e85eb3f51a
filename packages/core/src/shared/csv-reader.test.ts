import { describe, expect, it } from "vitest";
import { isBlankRecord, readCsvAll } from "./csv-reader.ts";

const fields = (text: string) => readCsvAll(text).map((r) => r.fields);

describe("readCsv (RFC 4180)", () => {
  it("splits plain fields and records on LF", () => {
    expect(fields("a,b,c\n1,2,3\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("handles CRLF, lone CR and a missing final line break", () => {
    expect(fields("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(fields("a,b\r1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(fields("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("drops a UTF-8 BOM", () => {
    expect(fields("\uFEFFa,b\n1,2\n")[0]).toEqual(["a", "b"]);
  });

  it("reads quoted fields with commas, escaped quotes and line breaks", () => {
    expect(fields('"a,b","say ""hi""","line1\nline2","crlf\r\ninside"\n')).toEqual([
      ["a,b", 'say "hi"', "line1\nline2", "crlf\r\ninside"],
    ]);
  });

  it("keeps empty fields, including empty quoted ones and a trailing comma", () => {
    expect(fields('a,,""\n,\n')).toEqual([
      ["a", "", ""],
      ["", ""],
    ]);
    expect(fields("a,b,")).toEqual([["a", "b", ""]]);
  });

  it("numbers records by the file line on which they start", () => {
    const recs = readCsvAll('h1,h2\n1,"two\nlines"\n3,4\r\n5,"x\r\ny\r\nz"\r\n6,7\n');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4, 5, 8]);
  });

  it("yields a blank record for an empty line in the middle but nothing for the trailing one", () => {
    const recs = readCsvAll("a\n\nb\n");
    expect(recs.map((r) => [r.line, r.fields])).toEqual([
      [1, ["a"]],
      [2, [""]],
      [3, ["b"]],
    ]);
    expect(isBlankRecord(recs[1]!)).toBe(true);
    expect(isBlankRecord({ line: 1, fields: [" ", ""] })).toBe(true);
  });

  it("keeps a quote inside an unquoted field literally", () => {
    expect(fields("5'10\",x\n")).toEqual([["5'10\"", "x"]]);
  });

  it("reports text after a closing quote, without losing it", () => {
    const [r] = readCsvAll('"ab"cd,e\n');
    expect(r?.fields).toEqual(["abcd", "e"]);
    expect(r?.error).toMatch(/after a closing quote/);
  });

  it("reports a quote that never closes at the line where the record starts", () => {
    const recs = readCsvAll('a,b\n1,"open\n2,3\n');
    expect(recs).toHaveLength(2);
    expect(recs[1]?.line).toBe(2);
    expect(recs[1]?.error).toMatch(/never closed/);
  });

  it("returns no records for empty text or a lone BOM", () => {
    expect(readCsvAll("")).toEqual([]);
    expect(readCsvAll("\uFEFF")).toEqual([]);
  });
});
