/**
 * The structural check: envelopes (see envelope.ts) plus, for each 835, the reader's element
 * issues and its balancing verdict. Runs over text or a stream; never throws for a defective file
 * (only X12Error "no-isa"/"bad-isa" when the input is not an interchange at all).
 */
import { Remittance835Parser } from "./835/parser.ts";
import type { Balance835 } from "./835/types.ts";
import { EnvelopeTracker } from "./envelope.ts";
import type { TransactionInfo } from "./envelope.ts";
import type { X12Issue } from "./errors.ts";
import { SegmentCursor } from "./scanner.ts";
import { cursorOverChunks } from "./stream.ts";
import type { ChunkSource } from "./stream.ts";

export interface TransactionCheck extends TransactionInfo {
  /** For an 835: its balancing verdict. */
  balance?: Balance835;
}

export interface CheckResult {
  interchanges: number;
  groups: number;
  transactions: TransactionCheck[];
  /** Every structural issue once, in file order. */
  errors: X12Issue[];
}

class Checker {
  private readonly tracker = new EnvelopeTracker();
  private readonly parser = new Remittance835Parser(false);

  feed(c: SegmentCursor): void {
    this.tracker.feed(c);
    this.parser.feed(c);
    if (this.parser.events.length > 0) this.drain();
  }

  finish(): CheckResult {
    this.parser.close();
    this.drain();
    const r = this.tracker.finish();
    return { interchanges: r.interchanges, groups: r.groups, transactions: r.transactions, errors: r.errors };
  }

  private drain(): void {
    const events = this.parser.events;
    for (const e of events) {
      if (e.type !== "remittance") continue;
      const remit = e.remittance;
      const list = this.tracker.report.transactions;
      for (let i = list.length - 1; i >= 0; i--) {
        const t = list[i] as TransactionCheck;
        if (t.segmentIndex === remit.segmentIndex) {
          t.balance = remit.balance;
          for (const x of remit.issues) {
            if (x.code === "missing-se") continue; // the envelope tracker reports it
            t.errors.push(x);
            this.tracker.report.errors.push(x);
          }
          break;
        }
      }
    }
    events.length = 0;
  }
}

/** Checks the structure of the text. */
export function checkX12(text: string): CheckResult {
  const checker = new Checker();
  const c = new SegmentCursor(text);
  while (c.next()) checker.feed(c);
  return checker.finish();
}

/** Checks the structure of a stream in bounded memory. */
export async function checkX12Stream(source: ChunkSource): Promise<CheckResult> {
  const checker = new Checker();
  for await (const c of cursorOverChunks(source)) while (c.next()) checker.feed(c);
  return checker.finish();
}
