/** Small segment helpers shared by the 837P loops. */
import { x12Date } from "../dates.ts";
import { formatCents } from "../money.ts";
import type { Element, SegmentData } from "../writer.ts";
import type { Address, CobAdjustment, Contact, PersonName } from "./types.ts";

export type Out = SegmentData[];

export function amount(cents: number): string {
  return formatCents(cents);
}

/** A quantity without exponent or needless zeros: 1, 1.5, 0.125. */
export function quantity(n: number): string {
  return String(Number(n.toFixed(3)));
}

export function d8(iso: string): string {
  return x12Date(iso) ?? iso;
}

export function n3n4(out: Out, a: Address): void {
  out.push(["N3", a.line1, a.line2]);
  out.push(["N4", a.city, a.state, a.postalCode, a.country]);
}

/** NM1 for a person or organisation: NM1*code*type*last*first*middle**suffix*qualifier*id. */
export function nm1(
  code: string,
  entityType: string,
  name: PersonName | { lastName: string },
  qualifier?: string,
  id?: string,
): SegmentData {
  const p = name as PersonName;
  const person = entityType === "1";
  return [
    "NM1",
    code,
    entityType,
    p.lastName,
    person ? p.firstName : undefined,
    person ? p.middleName : undefined,
    undefined,
    person ? p.suffix : undefined,
    id === undefined ? undefined : qualifier,
    id,
  ];
}

export function per(c: Contact, allowed: ReadonlySet<string>): SegmentData | undefined {
  const comms: Element[] = [];
  if (c.phone !== undefined && allowed.has("TE")) {
    comms.push("TE", c.phone);
    if (c.phoneExtension !== undefined && allowed.has("EX")) comms.push("EX", c.phoneExtension);
  }
  if (c.email !== undefined && allowed.has("EM")) comms.push("EM", c.email);
  if (c.fax !== undefined && allowed.has("FX")) comms.push("FX", c.fax);
  if (comms.length === 0) return undefined;
  return ["PER", "IC", c.name, ...comms.slice(0, 6)];
}

/** CAS segments: one per group code, in order of first appearance, up to six triplets each. */
export function cas(out: Out, list: readonly CobAdjustment[] | undefined): void {
  if (list === undefined || list.length === 0) return;
  const groups = new Map<string, CobAdjustment[]>();
  for (const a of list) {
    const g = groups.get(a.group);
    if (g === undefined) groups.set(a.group, [a]);
    else g.push(a);
  }
  for (const [group, adjs] of groups) {
    const seg: [string, ...Element[]] = ["CAS", group];
    for (const a of adjs)
      seg.push(a.reason, amount(a.amountCents), a.quantity === undefined ? undefined : quantity(a.quantity));
    out.push(seg);
  }
}

export function procedure(code: string, modifiers: readonly string[] | undefined, description?: string): string[] {
  const mods = modifiers ?? [];
  const comp = ["HC", code, mods[0] ?? "", mods[1] ?? "", mods[2] ?? "", mods[3] ?? ""];
  if (description !== undefined) comp.push(description);
  return comp;
}
