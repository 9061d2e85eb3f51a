/**
 * The 271 eligibility response (005010X279A1) reader: one Eligibility271 per subscriber or
 * dependent answered (a subscriber whose only answer is for a dependent gives the dependent's entry,
 * which carries both people), plus one for a payer or provider rejection that answers nobody.
 */
import { ACTIVE_BENEFIT_CODES, INACTIVE_BENEFIT_CODES } from "../codes/eligibility.ts";
import { isoDate } from "../dates.ts";
import type { X12Issue } from "../errors.ts";
import { parseX12 } from "../parse.ts";
import type { Segment } from "../tokenizer.ts";
import { benefitOf, dateKey, dtpValue, el, rejectionOf } from "./benefit.ts";
import type { Benefit271, Eligibility271, Person271, Rejection271 } from "./types271.ts";

/** Reads every 271 transaction set in the text. */
export function read271(text: string): Eligibility271[] {
  const out: Eligibility271[] = [];
  for (const i of parseX12(text).interchanges) {
    for (const g of i.groups)
      for (const t of g.transactions) if (t.set === "271") out.push(...readOne(t.segments, i.delimiters.repetition));
  }
  return out;
}

interface PersonLevel {
  person: Person271;
  trace?: string;
  rejections: Rejection271[];
  benefits: Benefit271[];
  dates: Eligibility271["coverageDates"];
  groupName?: string;
  /** Something was said about this person itself (TRN*2, EB or AAA). */
  answered: boolean;
}

function newLevel(): PersonLevel {
  return { person: {}, rejections: [], benefits: [], dates: {}, answered: false };
}

const COVERAGE_DATES: Readonly<
  Record<string, [keyof Eligibility271["coverageDates"], ...(keyof Eligibility271["coverageDates"])[]]>
> = {
  "346": ["planBegin"],
  "347": ["planEnd"],
  "356": ["eligibilityBegin"],
  "357": ["eligibilityEnd"],
  "291": ["planBegin", "planEnd"],
  "307": ["eligibilityBegin", "eligibilityEnd"],
};

function statusOf(rejections: Rejection271[], benefits: Benefit271[]): Eligibility271["status"] {
  if (benefits.some((b) => ACTIVE_BENEFIT_CODES.has(b.code))) return "active";
  if (benefits.some((b) => INACTIVE_BENEFIT_CODES.has(b.code))) return "inactive";
  return rejections.length > 0 ? "rejected" : "unknown";
}

function readOne(segments: Segment[], repetition: string): Eligibility271[] {
  const out: Eligibility271[] = [];
  const issues: X12Issue[] = [];
  const controlNumber = el(segments[0]!, 2);
  let payer: Eligibility271["payer"] = {};
  let provider: Eligibility271["provider"];
  let sourceRejections: Rejection271[] = [];
  let receiverRejections: Rejection271[] = [];
  let level = "";
  let subscriber: PersonLevel | undefined;
  let dependent: PersonLevel | undefined;
  let benefit: Benefit271 | undefined;
  let in2120 = false;
  let receiverAnswers = 0;
  let sourceAnswers = 0;
  let receiverOpen = false;
  let ended = false;

  const current = (): PersonLevel | undefined => (level === "23" ? dependent : level === "22" ? subscriber : undefined);
  const emit = (sub: PersonLevel | undefined, dep: PersonLevel | undefined): void => {
    const who = dep ?? sub;
    const rejections = [
      ...sourceRejections,
      ...receiverRejections,
      ...(sub?.rejections ?? []),
      ...(dep?.rejections ?? []),
    ];
    const benefits = who?.benefits ?? [];
    const nameLevel = rejections.some((r) => r.level === "payer" || r.level === "provider");
    const e: Eligibility271 = {
      controlNumber,
      payer,
      subscriber: sub?.person ?? {},
      rejections,
      status: nameLevel ? "rejected" : statusOf(rejections, benefits),
      plan: {},
      coverageDates: { ...(sub?.dates ?? {}), ...(dep?.dates ?? {}) },
      benefits,
      issues: [...issues],
    };
    const trace = who?.trace ?? sub?.trace;
    if (trace !== undefined) e.traceNumber = trace;
    if (provider !== undefined) e.provider = provider;
    if (dep !== undefined) e.dependent = dep.person;
    const planName = benefits.find((b) => ACTIVE_BENEFIT_CODES.has(b.code) && b.planDescription !== undefined);
    if (planName?.planDescription !== undefined) e.plan.name = planName.planDescription;
    const group = dep?.person.groupNumber ?? sub?.person.groupNumber;
    if (group !== undefined) e.plan.groupNumber = group;
    const groupName = dep?.groupName ?? sub?.groupName;
    if (groupName !== undefined) e.plan.groupName = groupName;
    out.push(e);
    receiverAnswers++;
    sourceAnswers++;
  };
  const closeDependent = (): void => {
    if (dependent !== undefined) emit(subscriber, dependent);
    dependent = undefined;
  };
  const closeSubscriber = (): void => {
    if (subscriber?.answered === true) emit(subscriber, undefined);
    subscriber = undefined;
  };
  const closeReceiver = (): void => {
    closeSubscriber();
    if (receiverOpen && receiverAnswers === 0 && sourceRejections.length + receiverRejections.length > 0)
      emit(undefined, undefined);
    receiverOpen = false;
    receiverAnswers = 0;
  };
  const closeSource = (): void => {
    closeReceiver();
    if (sourceAnswers === 0 && sourceRejections.length > 0) emit(undefined, undefined);
    sourceAnswers = 0;
  };

  for (const s of segments) {
    if (in2120 && s.id !== "LE") {
      if (s.id === "NM1" && benefit !== undefined) {
        const entity: Benefit271["relatedEntities"][number] = { entity: el(s, 1), name: el(s, 3) };
        if (el(s, 4) !== "") entity.firstName = el(s, 4);
        if (el(s, 8) !== "") entity.idQualifier = el(s, 8);
        if (el(s, 9) !== "") entity.id = el(s, 9);
        benefit.relatedEntities.push(entity);
      }
      continue;
    }
    const p = current();
    switch (s.id) {
      case "HL": {
        closeDependent();
        const code = el(s, 3);
        if (code === "20") {
          closeSource();
          sourceRejections = [];
          receiverRejections = [];
        } else if (code === "21") {
          closeReceiver();
          receiverOpen = true;
          receiverRejections = [];
          provider = undefined;
        } else if (code === "22") {
          closeSubscriber();
          subscriber = newLevel();
        } else if (code === "23") {
          subscriber ??= newLevel();
          dependent = newLevel();
        }
        level = code;
        benefit = undefined;
        in2120 = false;
        break;
      }
      case "TRN":
        if (p !== undefined && el(s, 1) === "2") {
          p.trace = el(s, 2);
          p.answered = true;
        }
        break;
      case "NM1":
        benefit = undefined;
        if (level === "20")
          payer = { ...(el(s, 3) === "" ? {} : { name: el(s, 3) }), ...(el(s, 9) === "" ? {} : { id: el(s, 9) }) };
        else if (level === "21") {
          provider = {};
          const name = [el(s, 3), el(s, 4)].filter((x) => x !== "").join(", ");
          if (name !== "") provider.name = name;
          if (el(s, 9) !== "") {
            provider.idQualifier = el(s, 8);
            provider.id = el(s, 9);
            if (el(s, 8) === "XX") provider.npi = el(s, 9);
          }
        } else if (p !== undefined) {
          const who = p.person;
          if (el(s, 3) !== "") who.lastName = el(s, 3);
          if (el(s, 4) !== "") who.firstName = el(s, 4);
          if (el(s, 5) !== "") who.middleName = el(s, 5);
          if (el(s, 9) !== "" && el(s, 8) === "MI") who.memberId = el(s, 9);
        }
        break;
      case "N3":
        if (p !== undefined) p.person.address = { line1: el(s, 1), ...(el(s, 2) === "" ? {} : { line2: el(s, 2) }) };
        break;
      case "N4":
        if (p?.person.address !== undefined) {
          const a = p.person.address;
          if (el(s, 1) !== "") a.city = el(s, 1);
          if (el(s, 2) !== "") a.state = el(s, 2);
          if (el(s, 3) !== "") a.postalCode = el(s, 3);
        }
        break;
      case "DMG":
        if (p !== undefined) {
          const dob = isoDate(el(s, 2));
          if (dob !== undefined) p.person.dateOfBirth = dob;
          if (el(s, 3) !== "") p.person.sex = el(s, 3);
        }
        break;
      case "REF":
        if (p !== undefined && benefit === undefined && el(s, 1) === "6P") {
          p.person.groupNumber = el(s, 2);
          if (el(s, 3) !== "") p.groupName = el(s, 3);
        }
        break;
      case "AAA": {
        const target =
          level === "20" ? "payer" : level === "21" ? "provider" : level === "23" ? "dependent" : "subscriber";
        const r = rejectionOf(s, target);
        if (level === "20") sourceRejections.push(r);
        else if (level === "21") receiverRejections.push(r);
        else if (p !== undefined) {
          p.rejections.push(r);
          p.answered = true;
        }
        break;
      }
      case "DTP": {
        const v = dtpValue(s, issues);
        if (v === undefined || p === undefined) break;
        if (benefit !== undefined) {
          benefit.dates[dateKey(el(s, 1))] = v.to === undefined ? v.from : `${v.from}/${v.to}`;
          break;
        }
        const keys = COVERAGE_DATES[el(s, 1)];
        if (keys !== undefined) {
          p.dates[keys[0]] = v.from;
          if (keys[1] !== undefined && v.to !== undefined) p.dates[keys[1]] = v.to;
        }
        break;
      }
      case "EB":
        if (p === undefined) break;
        benefit = benefitOf(s, repetition, issues);
        p.benefits.push(benefit);
        p.answered = true;
        break;
      case "MSG":
        if (benefit !== undefined && el(s, 1) !== "") benefit.messages.push(el(s, 1));
        break;
      case "LS":
        in2120 = true;
        break;
      case "LE":
        in2120 = false;
        break;
      case "SE":
        closeDependent();
        closeSource();
        ended = true;
        break;
      default:
        break;
    }
  }
  if (!ended) {
    closeDependent();
    closeSource();
  }
  return out;
}
