/**
 * Writes the representative 837P files (see claims-837p.ts) to a directory, for checking them
 * with an independent validator:
 *   node packages/x12/test/write-representative-837p.ts /tmp/837p
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build837P } from "../src/837p/build.ts";
import { representative837P } from "./claims-837p.ts";

const dir = process.argv[2];
if (dir === undefined) {
  process.stderr.write("usage: write-representative-837p.ts DIR\n");
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const [name, input] of Object.entries(representative837P())) {
  const file = join(dir, `${name}.837`);
  writeFileSync(file, build837P(input, { lineBreaks: true }));
  process.stdout.write(`${file}\n`);
}
