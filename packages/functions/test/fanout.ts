import type { SQSEvent } from "aws-lambda";
import { expect } from "vitest";
import { handler as fanoutHandler } from "../src/queue/webhook-fanout.ts";
import { call } from "./http.ts";

/** The real fan-out worker over every event the company has, as SQS would deliver their announcement. */
export async function fanOut(s: { key: string; tenantId: string }) {
  const ids: string[] = [];
  for (let after = ""; ;) {
    const page = await call("GET", `/v1/events?limit=100${after ? `&after=${after}` : ""}`, { key: s.key });
    ids.push(...page.body.items.map((e: { eventId: string }) => e.eventId));
    if (!page.body.nextCursor) break;
    after = page.body.nextCursor;
  }
  for (let i = 0; i < ids.length; i += 100) {
    const event = {
      Records: [
        { messageId: `m${i}`, body: JSON.stringify({ tenantId: s.tenantId, eventIds: ids.slice(i, i + 100) }) },
      ],
    } as SQSEvent;
    expect(await fanoutHandler(event)).toEqual({ batchItemFailures: [] });
  }
}
