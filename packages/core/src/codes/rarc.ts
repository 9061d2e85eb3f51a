import { loadJsonDataFile } from "./codeset-dir.ts";

/**
 * Remittance Advice Remark Codes (X12 external code source 411), as found in 835 LQ and MOA/MIA
 * segments. Descriptions live in data/rarc.json, loaded on first use. Codes whose description
 * starts "Alert:" are informational; the rest explain an adjustment's CARC.
 */

export interface RarcDescription {
  code: string;
  description: string;
  known: boolean;
  /** Informational ("Alert:") remark, not tied to an adjustment. */
  alert: boolean;
}

let cache: { raw: unknown; table: ReadonlyMap<string, string> } | undefined;

/** The table built from data/rarc.json; rebuilt only when a different file has been loaded. */
function rarcTable(): ReadonlyMap<string, string> {
  const raw = loadJsonDataFile("rarc.json");
  if (!cache || cache.raw !== raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("rarc.json: not an object of codes");
    const map = new Map<string, string>();
    for (const [code, d] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof d !== "string" || !/^(M|MA|N)\d+$/.test(code)) throw new Error(`rarc.json: bad entry for ${code}`);
      map.set(code, d);
    }
    cache = { raw, table: map };
  }
  return cache.table;
}

function normalizeRarc(code: string): string {
  return code.trim().toUpperCase();
}

/** The description of a RARC, or undefined when it is not in the list. */
export function rarcDescription(code: string): string | undefined {
  return rarcTable().get(normalizeRarc(code));
}

/** Every RARC in the list. */
export function listRarcs(): Array<{ code: string; description: string }> {
  return [...rarcTable()].map(([code, description]) => ({ code, description }));
}

/** Describes a RARC for display; an unknown code still comes back, with known=false. */
export function describeRarc(code: string): RarcDescription {
  const c = normalizeRarc(code);
  const description = rarcTable().get(c);
  if (description === undefined)
    return { code: c, description: `Unknown remark code ${c}`, known: false, alert: false };
  return { code: c, description, known: true, alert: description.startsWith("Alert:") };
}
