/**
 * Writes the representative 270 and 276 files (see inquiries-270.ts, inquiries-276.ts) to a
 * directory, for checking them with an independent validator (LinuxForHealth x12, see README):
 *   node --conditions=@claimledger/source packages/x12/test/write-representative-27x.ts /tmp/27x
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build270 } from "../src/eligibility/build270.ts";
import { build276 } from "../src/status/build276.ts";
import { representative270 } from "./inquiries-270.ts";
import { representative276 } from "./inquiries-276.ts";

const dir = process.argv[2];
if (dir === undefined) {
  process.stderr.write("usage: write-representative-27x.ts DIR\n");
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const [name, input] of Object.entries(representative270())) {
  const file = join(dir, `${name}.270`);
  writeFileSync(file, build270(input, { lineBreaks: true }));
  process.stdout.write(`${file}\n`);
}
for (const [name, input] of Object.entries(representative276())) {
  const file = join(dir, `${name}.276`);
  writeFileSync(file, build276(input, { lineBreaks: true }));
  process.stdout.write(`${file}\n`);
}
// the same inquiries without line breaks, and with other delimiters (| > ^ ~ in that order of role)
const other = { element: "|", component: ">", repetition: "^", segment: "~" };
writeFileSync(join(dir, "270-dependent-one-line.270"), build270(representative270()["270-dependent"]!));
writeFileSync(
  join(dir, "270-dependent-delimiters.270"),
  build270(representative270()["270-dependent"]!, { delimiters: other }),
);
writeFileSync(join(dir, "276-two-providers-one-line.276"), build276(representative276()["276-two-providers"]!));
writeFileSync(
  join(dir, "276-two-providers-delimiters.276"),
  build276(representative276()["276-two-providers"]!, { delimiters: other, lineBreaks: true }),
);
process.stdout.write("and 4 variants (one line, other delimiters)\n");
