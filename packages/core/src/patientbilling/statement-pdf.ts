import { renderPages, type PdfPage, type PdfText } from "../shared/pdf.ts";
import { usd } from "../shared/money.ts";
import type { Address } from "../shared/schema.ts";
import { formatPhone, statementTitle, usDate } from "./cycle.ts";
import type { StatementDocument } from "./patientbilling.schema.ts";
import { wrap } from "../shared/text.ts";

/**
 * A statement as the patient receives it, pure: US Letter, folded in three into a standard #10
 * double-window envelope (4 1/8 x 9 1/2 in). Coordinates in points (72 a inch) from the page's
 * bottom-left corner; the window blocks follow PostalMethods' double-window guide
 * (https://www.postalmethods.com/resources/developers-guide/127): each address sits 1/8 in inside
 * its block, so it shows through its window however the sheet shifts.
 *
 * - Return address (the practice): block 0.5 in from the left, 0.5 in from the top, 3.5 x 0.79 in
 *   (x 36-288, y 699-756); text from x 45, baselines 744 down to 711.
 * - The patient's address: block 0.5 in from the left, 2.042 in from the top, 3.5 x 0.875 in
 *   (x 36-288, y 582-645); text from x 45, baselines 628 down to 595.
 * - The body starts 3.375 in from the top (y 549); the summary (amount due, due date, account)
 *   stands to the right of the windows, where the envelope hides it.
 * - The remittance stub is the bottom third, below a dashed tear line at 3 2/3 in (y 264), the
 *   fold: account number, amount due, an amount-enclosed box and the pay-to address.
 */
export const LAYOUT = {
  returnBlock: { x: 36, y: 699, w: 252, h: 57 },
  recipientBlock: { x: 36, y: 582, w: 252, h: 63 },
  bodyTop: 549,
  tearLine: 264,
} as const;

const oneLine = (a: Address) => `${a.city}, ${a.state} ${a.postalCode.replace(/^(\d{5})(\d{4})$/, "$1-$2")}`;
const addressLines = (a: Address) => [a.line1, ...(a.line2 ? [a.line2] : []), oneLine(a)];

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Money columns: right edges (Courier figures right-aligned). */
const COLS = { billed: 318, paid: 384, adjusted: 450, youPaid: 513, owe: 576 } as const;

function tableHeader(y: number): PdfText[] {
  const h = (x: number, text: string): PdfText => ({ x, y, text, size: 8, bold: true, align: "right", mono: true });
  return [
    { x: 45, y, text: "Date of service / what was done", size: 8, bold: true },
    h(COLS.billed, "Billed"),
    h(COLS.paid, "Ins. paid"),
    h(COLS.adjusted, "Ins. adj."),
    h(COLS.youPaid, "You paid"),
    h(COLS.owe, "You owe"),
  ];
}

export function statementPages(doc: StatementDocument): PdfPage[] {
  const texts: PdfText[] = [];
  const t = (x: number, y: number, text: string, o: Partial<PdfText> = {}) => texts.push({ x, y, text, ...o });

  // The practice, through the top window.
  [doc.practice.name, ...addressLines(doc.practice.address)].slice(0, 4).forEach((line, i) => {
    t(45, 744 - i * 11, line, { size: i === 0 ? 9.5 : 9, bold: i === 0 });
  });
  // The patient, through the bottom window.
  [doc.patient.name, ...addressLines(doc.patient.address)].slice(0, 4).forEach((line, i) => {
    t(45, 628 - i * 11, line, { size: 10 });
  });
  // The summary, right of the windows.
  t(330, 738, statementTitle(doc.kind, doc.sequence), { size: 15, bold: true });
  t(330, 718, `Statement date: ${usDate(doc.statementDate)}`, { size: 9.5 });
  t(330, 704, `Account number: ${doc.accountNumber}`, { size: 9.5 });
  t(330, 690, `Please pay by: ${usDate(doc.dueDate)}`, { size: 9.5, bold: true });
  t(330, 672, `Amount due: ${usd(doc.amountDueCents)}`, { size: 13, bold: true });
  const phone = formatPhone(doc.practice.phone);
  t(330, 654, phone ? `Questions? Call ${doc.practice.name} at ${phone}` : `Questions? Write to ${doc.practice.name}`, {
    size: 8.5,
  });

  let y = LAYOUT.bodyTop - 6;
  for (const line of wrap(doc.message, 100)) {
    t(45, y, line, { size: 9, bold: doc.kind === "final" });
    y -= 12;
  }
  y -= 10;
  const pages: PdfPage[] = [];
  let page = { texts, shapes: [] as NonNullable<PdfPage["shapes"]> };
  let bottom = LAYOUT.tearLine + 34; // the first page keeps its stub
  texts.push(...tableHeader(y));
  y -= 14;
  const newPage = () => {
    pages.push(page);
    page = { texts: [], shapes: [] };
    page.texts.push({
      x: 45,
      y: 750,
      text: `${doc.patient.name}, account ${doc.accountNumber}: statement of ${usDate(doc.statementDate)}, continued`,
      size: 9,
      bold: true,
    });
    page.texts.push(...tableHeader(728));
    y = 714;
    bottom = 60;
  };
  const put = (text: PdfText) => page.texts.push(text);
  for (const v of doc.visits) {
    if (y - 12 * (v.services.length + 1) < bottom) newPage();
    put({ x: 45, y, text: usDate(v.serviceDate), size: 8.5, bold: true });
    const row = (x: number, cents: number, bold = false) =>
      put({ x, y, text: usd(cents), mono: true, size: 8.5, align: "right", bold });
    row(COLS.billed, v.chargeCents);
    row(COLS.paid, v.insurancePaidCents);
    row(COLS.adjusted, v.insuranceAdjustedCents);
    row(COLS.youPaid, v.patientPaidCents);
    row(COLS.owe, v.balanceCents, true);
    y -= 11;
    for (const s of v.services) {
      put({ x: 57, y, text: clip(s.description, 46), size: 8 });
      put({ x: COLS.billed, y, text: usd(s.chargeCents), mono: true, size: 8, align: "right" });
      y -= 10;
    }
    y -= 4;
  }
  if (y - 30 < bottom) newPage();
  page.shapes.push({ kind: "rule", x: 330, y: y + 4, x2: 576, y2: y + 4 });
  put({ x: 330, y: y - 8, text: "Amount due", size: 10, bold: true });
  put({ x: COLS.owe, y: y - 8, text: usd(doc.amountDueCents), mono: true, size: 10, bold: true, align: "right" });
  if (doc.pendingSecondaryCents > 0)
    put({
      x: 45,
      y: y - 24,
      text: `Not due yet: ${usd(doc.pendingSecondaryCents)} is waiting on your secondary insurance and is not on this statement.`,
      size: 8,
    });
  pages.push(page);

  // The stub, bottom third of the first page.
  const first = pages[0]!;
  const s = (x: number, yy: number, text: string, o: Partial<PdfText> = {}) =>
    first.texts.push({ x, y: yy, text, ...o });
  first.shapes!.push({ kind: "rule", x: 18, y: LAYOUT.tearLine, x2: 594, y2: LAYOUT.tearLine, dash: true });
  s(45, 252, "Please detach and return this part with your payment.", { size: 8 });
  s(45, 228, "Make checks payable to and mail to:", { size: 8.5, bold: true });
  [doc.practice.name, ...addressLines(doc.remitTo)].forEach((line, i) => s(45, 214 - i * 11, line, { size: 9.5 }));
  s(45, 150, `Patient: ${doc.patient.name}`, { size: 9 });
  s(45, 138, "Write your account number on your check.", { size: 8 });
  const field = (yy: number, label: string, value: string, bold = false) => {
    s(330, yy, label, { size: 9, bold });
    s(576, yy, value, { mono: true, size: 9.5, align: "right", bold });
  };
  field(228, "Account number", doc.accountNumber);
  field(214, "Statement date", usDate(doc.statementDate));
  field(200, "Please pay by", usDate(doc.dueDate));
  field(184, "Amount due", usd(doc.amountDueCents), true);
  s(330, 148, "Amount enclosed", { size: 9, bold: true });
  first.shapes!.push({ kind: "box", x: 440, y: 138, w: 136, h: 26 });
  s(446, 147, "$", { size: 11 });
  return pages;
}

/** One statement's PDF. */
export const statementPdf = (doc: StatementDocument) =>
  renderPages(statementPages(doc), `Statement ${doc.statementId}`);

/** Many statements in one print-ready PDF, each starting on its own page, in the order given. */
export const combinedPdf = (docs: StatementDocument[], title: string) =>
  renderPages(docs.flatMap(statementPages), title);
