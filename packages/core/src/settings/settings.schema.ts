import { z } from "zod";

/** A scrub rule as the API shows it: its default severity and this company's setting. */
export const ruleView = z.object({
  ruleId: z.string(),
  title: z.string(),
  defaultSeverity: z.enum(["error", "warning"]),
  setting: z.enum(["default", "off", "warning", "error"]),
});
