// The module map of ARCHITECTURE.md, checked against the code's own imports: modules in core depend
// downward with no loops, entities stay inside their module, core never reaches up into functions/ or
// local/, and the handlers in functions/ use a module only through its face (`<module>/index.ts`).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const coreSrc = join(root, "packages/core/src");
const functionsSrc = join(root, "packages/functions/src");
/** Building blocks every module may use; they are not modules with a face. */
const SHARED = new Set(["shared"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts") && !d.name.endsWith(".test.ts") && !d.name.endsWith(".d.ts"))
    .map((d) => join(d.parentPath, d.name));
}

/** Module specifiers of static imports/exports and literal dynamic imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  const re =
    /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
  for (const m of text.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** The file an import names, as a path under the repo, or undefined for a package outside it. */
function target(from: string, spec: string): string | undefined {
  if (spec.startsWith(".")) return resolve(dirname(from), spec);
  if (spec.startsWith("@claimledger/core/")) return join(coreSrc, spec.slice("@claimledger/core/".length));
  if (spec.startsWith("@claimledger/functions/"))
    return join(functionsSrc, spec.slice("@claimledger/functions/".length));
  if (spec.startsWith("@claimledger/local")) return join(root, "packages/local/src");
  return undefined;
}

const moduleOf = (file: string) => relative(coreSrc, file).split(sep)[0]!;
const inCore = (file: string) => !relative(coreSrc, file).startsWith("..");

interface Edge {
  from: string;
  to: string;
}
const coreEdges: Edge[] = sourceFiles(coreSrc).flatMap((from) =>
  specifiers(from)
    .map((s) => target(from, s))
    .filter((to): to is string => to !== undefined)
    .map((to) => ({ from, to })),
);
const rel = (f: string) => relative(root, f);

/**
 * What the code still does against the map, shrinking commit by commit to nothing. A rule fails on
 * a new breach, and on a listed one that is gone (take it off the list).
 */
const KNOWN: Record<string, string[]> = {
  moduleLoops: [],
  fileLoops: [],
  entities: [],
  faces: [],
};
const expectOnly = (rule: string, found: string[]) => expect([...found].sort()).toEqual([...KNOWN[rule]!].sort());

/** Strongly connected components with more than one node (Tarjan). */
function loops(nodes: string[], next: (n: string) => string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

describe("the module map of core", () => {
  it("has no loops between modules", () => {
    const deps = new Map<string, Set<string>>();
    for (const { from, to } of coreEdges) {
      if (!inCore(to)) continue;
      const a = moduleOf(from);
      const b = moduleOf(to);
      if (a === b || SHARED.has(b)) continue;
      if (!deps.has(a)) deps.set(a, new Set());
      deps.get(a)!.add(b);
    }
    const found = loops([...deps.keys()], (m) => [...(deps.get(m) ?? [])]).map((scc) =>
      scc.map((m) => `${m} -> ${[...deps.get(m)!].filter((d) => scc.includes(d)).join(", ")}`).join("; "),
    );
    expectOnly("moduleLoops", found);
  });

  it("has no loops between files", () => {
    const deps = new Map<string, string[]>();
    for (const { from, to } of coreEdges) if (inCore(to)) deps.set(from, [...(deps.get(from) ?? []), to]);
    expectOnly(
      "fileLoops",
      loops([...deps.keys()], (f) => deps.get(f) ?? []).map((scc) => scc.map(rel).join(" ")),
    );
  });

  it("keeps each entity inside its module", () => {
    const outside = coreEdges
      .filter(({ from, to }) => inCore(to) && to.endsWith(".entity.ts") && moduleOf(from) !== moduleOf(to))
      .map(({ from, to }) => `${rel(from)} -> ${rel(to)}`);
    expectOnly("entities", outside);
  });

  it("keeps entities off the faces: no face exports an entity, or a whole file that defines one", () => {
    const leaks = readdirSync(coreSrc, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !SHARED.has(d.name))
      .flatMap((d) => {
        const face = join(coreSrc, d.name, "index.ts");
        let text: string;
        try {
          text = readFileSync(face, "utf8");
        } catch {
          return [`${d.name}/ has no index.ts`];
        }
        const out: string[] = [];
        for (const m of text.matchAll(/export\s*\*\s*from\s*["']([^"']+)["']/g)) {
          if (readFileSync(resolve(dirname(face), m[1]!), "utf8").includes("new Entity("))
            out.push(`${d.name}/index.ts: export * from ${m[1]}`);
        }
        for (const m of text.matchAll(/export\s*\{([^}]*)\}/g)) {
          for (const name of m[1]!.split(",").map((n) =>
            n
              .trim()
              .split(/\s+as\s+/)
              .pop()!,
          ))
            if (/Entity$/.test(name)) out.push(`${d.name}/index.ts: ${name}`);
        }
        return out;
      });
    expect(leaks).toEqual([]);
  });

  it("lets modules use one another only through their faces", () => {
    const behind = coreEdges
      .filter(
        ({ from, to }) =>
          inCore(to) &&
          moduleOf(from) !== moduleOf(to) &&
          !SHARED.has(moduleOf(to)) &&
          relative(join(coreSrc, moduleOf(to)), to) !== "index.ts",
      )
      .map(({ from, to }) => `${rel(from)} -> ${rel(to)}`);
    expect(behind).toEqual([]);
  });

  it("never imports from functions/ or local/", () => {
    const up = coreEdges
      .filter(({ to }) => !inCore(to) && !rel(to).startsWith(`packages${sep}x12`))
      .map(({ from, to }) => `${rel(from)} -> ${rel(to)}`);
    expect(up).toEqual([]);
  });
});

describe("the handlers in functions/", () => {
  it("use a core module only through its face, index.ts (shared/ building blocks aside)", () => {
    const behind = sourceFiles(functionsSrc).flatMap((from) =>
      specifiers(from)
        .filter((s) => s.startsWith("@claimledger/core/"))
        .filter((s) => {
          const [mod, ...rest] = s.slice("@claimledger/core/".length).split("/");
          return !SHARED.has(mod!) && rest.join("/") !== "index.ts";
        })
        .map((s) => `${rel(from)} -> ${s}`),
    );
    expectOnly("faces", behind);
  });
});

describe("types from one source", () => {
  it("has no 'as unknown as' bridging hand-written types in packages/*/src", () => {
    const found = readdirSync(join(root, "packages"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        const src = join(root, "packages", d.name, "src");
        try {
          return readdirSync(src, { recursive: true, withFileTypes: true })
            .filter((f) => f.isFile() && f.name.endsWith(".ts"))
            .map((f) => join(f.parentPath, f.name));
        } catch {
          return [];
        }
      })
      .filter((f) => /\bas unknown as\b/.test(readFileSync(f, "utf8")))
      .map(rel);
    expect(found).toEqual([]);
  });
});

describe("the console", () => {
  const consoleRoot = join(root, "packages/console");
  /** The one file allowed to reach into the API's code: it reads the OpenAPI document in-process. */
  const GENERATOR = join(consoleRoot, "scripts/schema.ts");
  it("talks to the API only: no import of core, functions or local code, the schema generator aside", () => {
    const files = ["src", "scripts"].flatMap((d) =>
      readdirSync(join(consoleRoot, d), { withFileTypes: true, recursive: true })
        .filter((f) => f.isFile() && /\.tsx?$/.test(f.name) && !f.name.endsWith(".d.ts"))
        .map((f) => join(f.parentPath, f.name)),
    );
    expect(files.length).toBeGreaterThan(10);
    const breaches = files
      .filter((f) => f !== GENERATOR)
      .flatMap((from) =>
        specifiers(from)
          .filter((s) =>
            s.startsWith("@claimledger/")
              ? true
              : s.startsWith(".") && relative(consoleRoot, resolve(dirname(from), s)).startsWith(".."),
          )
          .map((s) => `${rel(from)} -> ${s}`),
      );
    expect(breaches).toEqual([]);
  });
});
