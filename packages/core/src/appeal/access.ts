import { canSeePractice, type Principal } from "../shared/context.ts";
import { AppError, notFound, preconditionFailed } from "../shared/errors.ts";
import { readAppeal, type AppealRecord } from "./appeal.store.ts";

/** The appeal if this principal may see it: another company's, or another practice's, is not found. */
export async function appealFor(p: Principal, appealId: string): Promise<AppealRecord> {
  const a = await readAppeal(p.tenantId, appealId);
  if (!a || !canSeePractice(p, a.practiceId)) throw notFound("Appeal");
  return a;
}

/** Changes name the version they were made from (If-Match): a stale one is a 412, a missing one a 428. */
export function requireVersion(a: AppealRecord, ifMatch: number | undefined) {
  if (ifMatch === undefined)
    throw new AppError(
      428,
      "precondition-required",
      "Precondition required",
      'Send If-Match with the appeal version, e.g. If-Match: "2"',
    );
  if (ifMatch !== a.version)
    throw preconditionFailed(`The appeal is at version ${a.version}, not ${ifMatch}; reload it and retry`);
}
