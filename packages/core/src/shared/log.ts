/**
 * Structured JSON logs. Callers pass ids and counts only: names, birth dates, member ids and
 * addresses (PHI) never go into a log line. `CLAIMLEDGER_LOG` sets the minimum level
 * (debug, info, warn, error, silent; default info).
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

/** Fields that carry an error's text, which may come from a library that quotes the data it failed on. */
const FREE_TEXT = ["error", "message", "reason"] as const;

/**
 * A second line of defence: error texts quote the offending value ("N301: \"12 Oak St*4\" contains..."),
 * so anything quoted is dropped from a log line. Our own messages name fields and ids unquoted.
 */
export function redactQuoted(text: string): string {
  return text.replace(/"[^"]*"|'[^']*'|“[^”]*”/g, '"[redacted]"');
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const min = LEVELS[(process.env.CLAIMLEDGER_LOG ?? "info") as keyof typeof LEVELS] ?? LEVELS.info;
  if (LEVELS[level] < min) return;
  const safe = { ...fields };
  for (const k of FREE_TEXT) if (typeof safe[k] === "string") safe[k] = redactQuoted(safe[k]);
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...safe });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}
