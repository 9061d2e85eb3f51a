/**
 * Structured JSON logs. Callers pass ids and counts only: names, birth dates, member ids and
 * addresses (PHI) never go into a log line. `CLAIMLEDGER_LOG` sets the minimum level
 * (debug, info, warn, error, silent; default info).
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const min = LEVELS[(process.env.CLAIMLEDGER_LOG ?? "info") as keyof typeof LEVELS] ?? LEVELS.info;
  if (LEVELS[level] < min) return;
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}
