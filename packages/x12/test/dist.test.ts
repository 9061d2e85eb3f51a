import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkX12 } from "../src/index.ts";

/**
 * The package as published: compiled by tsconfig.build.json (what `npm run build` runs), laid out
 * as node_modules/@claimledger/x12 with its package.json, and run on Node 20, the oldest Node its
 * `engines` allows, without the "@claimledger/source" condition the repository resolves with.
 * The test is about Node 20, so it looks for a Node 20 to 22 on PATH (`npm test` puts the repo's
 * Node 24 first; the machine's own Node is usually behind it). Without one it runs on this Node
 * with type stripping off, so a `.ts` import left in the output still fails, and says so in the
 * test names.
 */

const PKG = fileURLToPath(new URL("..", import.meta.url));
const FIX = join(PKG, "test/fixtures");
const TSC = fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url));

function nodeVersion(bin: string): string | undefined {
  const r = spawnSync(bin, ["-p", "process.versions.node"], { encoding: "utf8", env: { PATH: "" } });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The first `node` on PATH whose major version is 20 to 22. */
function findOldNode(): { bin: string; version: string } | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const bin = join(dir, "node");
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      continue;
    }
    const version = nodeVersion(bin);
    const major = Number(version?.split(".")[0]);
    if (version !== undefined && major >= 20 && major <= 22) return { bin, version };
  }
  return undefined;
}

const old = findOldNode();
const node = old
  ? { bin: old.bin, flags: [] as string[], env: {}, label: `Node ${old.version} (${old.bin})` }
  : {
      bin: process.execPath,
      flags: ["--no-experimental-strip-types"],
      env: { NODE_OPTIONS: "--no-experimental-strip-types" },
      label: `Node ${process.versions.node} with type stripping off (no Node 20-22 on PATH)`,
    };

let root: string; // a temp dir: node_modules/@claimledger/x12 (the package) and a consumer script
let installed: string;

/** Runs a command with only PATH (the chosen Node's directory first) and the chosen Node's options. */
function run(cmd: string, args: string[], cwd = root): SpawnSyncReturns<string> {
  const PATH = [dirname(node.bin), "/usr/bin", "/bin"].join(delimiter);
  return spawnSync(cmd, args, { cwd, encoding: "utf8", env: { PATH, ...node.env } });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "x12-dist-"));
  installed = join(root, "node_modules/@claimledger/x12");
  mkdirSync(installed, { recursive: true });
  const tsc = spawnSync(
    process.execPath,
    [TSC, "-p", join(PKG, "tsconfig.build.json"), "--outDir", join(installed, "dist")],
    { encoding: "utf8" },
  );
  expect(tsc.stdout + tsc.stderr).toBe("");
  expect(tsc.status).toBe(0);
  for (const f of ["package.json", "README.md", "LICENSE", "NOTICE"]) copyFileSync(join(PKG, f), join(installed, f));
  chmodSync(join(installed, "dist/cli.js"), 0o755); // npm does this for `bin` files on install
}, 60_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe(`the built package on ${node.label}`, () => {
  it("is JavaScript and declarations only, importing .js files", () => {
    const files = filesUnder(join(installed, "dist"));
    expect(files).toContain("index.js");
    expect(files).toContain("index.d.ts");
    expect(files).toContain("cli.js");
    expect(files.filter((f) => !f.endsWith(".js") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.includes(".test."))).toEqual([]);
    for (const f of files.filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(join(installed, "dist", f), "utf8");
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]*)"/g)) {
        expect(spec, `${f} imports ${spec}`).toMatch(/\.js$/);
        expect(existsSync(resolve(installed, "dist", dirname(f), spec!)), `${f} imports ${spec}`).toBe(true);
      }
    }
    // Declarations keep the sources' "./x.ts" specifiers; TypeScript resolves them to x.d.ts.
    for (const f of files.filter((f) => f.endsWith(".d.ts"))) {
      const text = readFileSync(join(installed, "dist", f), "utf8");
      for (const [, spec] of text.matchAll(/from\s*"(\.[^"]*)"/g)) {
        expect(
          existsSync(resolve(installed, "dist", dirname(f), spec!.replace(/\.(ts|js)$/, ".d.ts"))),
          `${f} imports ${spec}`,
        ).toBe(true);
      }
    }
    expect(readFileSync(join(installed, "dist/cli.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("runs on that Node", () => {
    const r = run(node.bin, [...node.flags, "-p", "process.versions.node"]);
    expect(r.status).toBe(0);
    if (old) expect(Number(r.stdout.trim().split(".")[0])).toBeLessThanOrEqual(22);
  });

  it("`import '@claimledger/x12'` resolves to dist/ and reads what the sources read", () => {
    const file = join(FIX, "linuxforhealth-x12/src/tests/resources/835_005010X221A1/medicare-part-a.835");
    writeFileSync(
      join(root, "consumer.mjs"),
      [
        `import { readFileSync } from "node:fs";`,
        `import { checkX12, read835 } from "@claimledger/x12";`,
        `const text = readFileSync(${JSON.stringify(file)}, "utf8");`,
        `console.log(JSON.stringify({ resolved: import.meta.resolve("@claimledger/x12"), check: checkX12(text), claims: read835(text).map((r) => r.claims.length) }));`,
      ].join("\n"),
    );
    const r = run(node.bin, [...node.flags, "consumer.mjs"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { resolved: string; check: unknown; claims: number[] };
    expect(fileURLToPath(out.resolved)).toBe(join(installed, "dist/index.js"));
    expect(out.check).toEqual(JSON.parse(JSON.stringify(checkX12(readFileSync(file, "utf8")))));
    expect(out.claims.length).toBeGreaterThan(0);
  });

  it("`x12 check` runs from a shell through the bin's shebang: errors on stdout, 835 verdict on stderr, exit 1", () => {
    const file = join(FIX, "mjkubba-edi/demo/edi835-demo-005010X221.edi");
    const r = run(join(installed, "dist/cli.js"), ["check", file]);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([
      `${file}: SE01 (segment 34): segment count "31" does not match the 32 segments from ST to SE`,
    ]);
    expect(r.stderr).toContain(
      `${file}: 835 35681: payment 150000, 1 claim(s), paid 138018.4, PLB -1.27: NOT balanced`,
    );
    expect(r.stderr).toContain(`${file}: 1 interchange(s), 1 transaction set(s), 1 error(s)`);
  });

  it("`x12 check --json` prints the 835 figures, and --help works", () => {
    const file = join(FIX, "moov-io-x12/examples/example_5010_835/sample1.txt");
    const r = run(node.bin, [...node.flags, join(installed, "dist/cli.js"), "check", file, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      file,
      transactions: [
        {
          set: "835",
          controlNumber: "0001",
          segments: 31,
          errors: [],
          paymentCents: -617350,
          claims: 1,
          paidCents: 0,
          providerAdjustmentCents: 617350,
          balanced: false,
        },
        {
          set: "835",
          controlNumber: "0002",
          segments: 31,
          errors: [],
          paymentCents: -617340,
          claims: 1,
          paidCents: 0,
          providerAdjustmentCents: 617340,
          balanced: true,
        },
      ],
    });
    const help = run(node.bin, [...node.flags, join(installed, "dist/cli.js"), "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/x12 check FILE --json/);
  });
});
