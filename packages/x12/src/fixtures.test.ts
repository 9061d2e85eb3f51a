/** Every file under test/fixtures (written by other projects) goes through every reader. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { read277 } from "./277.ts";
import { read835 } from "./835/read.ts";
import { read999 } from "./999.ts";
import { checkX12, checkX12Stream } from "./check.ts";
import { X12Error } from "./errors.ts";
import { read271 } from "./eligibility/read271.ts";
import { parseX12, transactionSets } from "./parse.ts";
import { tokenize } from "./tokenizer.ts";

const ROOT = fileURLToPath(new URL("../test/fixtures/", import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = walk(ROOT)
  .filter((f) => !f.endsWith(".LICENSE") && !f.endsWith("README.md"))
  .map((f) => f.slice(ROOT.length))
  .sort();

describe("fixtures", () => {
  it("are all here (copied unmodified from /work/shared/fixtures/x12 with README and licences)", () => {
    expect(files).toHaveLength(88);
    expect(walk(join(ROOT, "licenses"))).toHaveLength(5);
    expect(statSync(join(ROOT, "README.md")).isFile()).toBe(true);
  });

  for (const file of files) {
    it(`${file}: every reader reads it or reports why not`, async () => {
      const text = readFileSync(join(ROOT, file), "utf8");
      if (file.endsWith("x12_no_isa_line.txt")) {
        for (const read of [tokenize, parseX12, checkX12, read835, read999, read277, read271]) {
          expect(() => read(text)).toThrow(expect.objectContaining({ name: "X12Error", code: "no-isa" }));
        }
        await expect(checkX12Stream([text])).rejects.toBeInstanceOf(X12Error);
        return;
      }
      const segs = tokenize(text);
      expect(segs[0]!.id).toBe("ISA");
      const parsed = parseX12(text);
      const sets = transactionSets(parsed);
      const check = checkX12(text);
      expect(check.transactions.map((t) => [t.set, t.controlNumber])).toEqual(
        sets.map((t) => [t.set, t.controlNumber]),
      );
      expect(sets.reduce((n, t) => n + t.segments.length, 0) + parsed.stray.length).toBeLessThanOrEqual(segs.length);
      for (const e of check.errors) {
        expect(e.message.length).toBeGreaterThan(0);
        expect(e.segmentIndex).toBeGreaterThanOrEqual(0);
        expect(e.segmentIndex).toBeLessThanOrEqual(segs.length);
      }
      // the streaming check agrees with the whole-text check, chunked at an awkward size
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += 61) chunks.push(text.slice(i, i + 61));
      expect(await checkX12Stream(chunks)).toEqual(check);
      const kinds = new Set(sets.map((t) => t.set));
      expect(read835(text)).toHaveLength(sets.filter((t) => t.set === "835").length);
      expect(read999(text)).toHaveLength(sets.filter((t) => t.set === "999").length);
      expect(read277(text)).toHaveLength(sets.filter((t) => t.set === "277").length);
      // a 271 answers at least once per transaction set (a rejection that answers nobody included)
      expect(read271(text).length).toBeGreaterThanOrEqual(sets.filter((t) => t.set === "271").length);
      expect([...kinds].every((k) => ["835", "837", "999", "277", "276", "270", "271"].includes(k))).toBe(true);
    });
  }
});
