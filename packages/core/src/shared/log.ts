/**
 * Structured JSON logs. Callers pass ids and counts only: names, birth dates, member ids and
 * addresses (PHI) never go into a log line.
 */
export function log(level: "debug" | "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}): void {
  if (process.env.CLAIMLEDGER_LOG === "silent") return;
  if (level === "debug" && process.env.CLAIMLEDGER_LOG !== "debug") return;
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}
