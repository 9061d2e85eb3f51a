import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { usd } from "../shared/money.ts";
import { winAnsiByte } from "../shared/pdf.ts";
import { agingChart, collectionsChart, kpiRows, monthName, VERDICT_TEXT, type Verdict } from "./charts.ts";
import type { PacketData } from "./packet.schema.ts";

/**
 * The month-end packet as a PDF (pdf-lib): text in the standard Helvetica fonts (WinAnsi, so
 * accented names print as written), charts as vector paths and rectangles. Content streams are
 * left uncompressed so a test can read the figures back.
 */
const W = 612;
const H = 792;
const M = 48;
const INK = rgb(0.13, 0.15, 0.2);
const MUTED = rgb(0.42, 0.45, 0.5);
const RULE = rgb(0.82, 0.84, 0.87);
const BLUE = rgb(0.16, 0.39, 0.66);
const TEAL = rgb(0.55, 0.74, 0.86);
const ORANGE = rgb(0.85, 0.47, 0.13);
const TINT = rgb(0.95, 0.96, 0.98);
const VERDICT_COLOUR: Record<Verdict, RGB> = {
  met: rgb(0.13, 0.5, 0.25),
  watch: rgb(0.75, 0.5, 0.05),
  not_met: rgb(0.75, 0.15, 0.15),
  no_data: MUTED,
};

/** The text as the standard fonts can print it: composed, and "?" for a character they cannot. */
const printable = (s: string) => [...s.normalize("NFC")].map((c) => (winAnsiByte(c) === undefined ? "?" : c)).join("");

class Sheet {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  readonly bold: PDFFont;
  constructor(doc: PDFDocument, font: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.font = font;
    this.bold = bold;
  }

  newPage() {
    this.page = this.doc.addPage([W, H]);
    this.pages.push(this.page);
    this.y = M;
  }

  /** Text with its top at `top` (points from the page's top). */
  text(
    s: string,
    x: number,
    top: number,
    o: { size?: number; bold?: boolean; colour?: RGB; align?: "left" | "right" | "center"; maxWidth?: number } = {},
  ) {
    const size = o.size ?? 10;
    const font = o.bold ? this.bold : this.font;
    let t = printable(s);
    if (o.maxWidth) while (t.length > 1 && font.widthOfTextAtSize(t, size) > o.maxWidth) t = `${t.slice(0, -2)}…`;
    const w = font.widthOfTextAtSize(t, size);
    const left = o.align === "right" ? x - w : o.align === "center" ? x - w / 2 : x;
    this.page.drawText(t, { x: left, y: H - top - size * 0.8, size, font, color: o.colour ?? INK });
  }

  /** The text broken at word breaks into lines no wider than `width`. */
  wrap(s: string, width: number, size: number): string[] {
    const lines: string[] = [];
    let cur = "";
    for (const word of printable(s).split(/\s+/)) {
      const next = cur ? `${cur} ${word}` : word;
      if (cur && this.font.widthOfTextAtSize(next, size) > width) {
        lines.push(cur);
        cur = word;
      } else cur = next;
    }
    if (cur) lines.push(cur);
    return lines;
  }

  /** Text wrapped at word breaks to `width`; returns the height used. */
  para(s: string, x: number, top: number, width: number, o: { size?: number; colour?: RGB } = {}) {
    const size = o.size ?? 10;
    const lines = this.wrap(s, width, size);
    lines.forEach((l, i) => this.text(l, x, top + i * size * 1.35, { size, colour: o.colour }));
    return lines.length * size * 1.35;
  }

  rect(x: number, top: number, w: number, h: number, fill: RGB, border?: RGB) {
    if (w <= 0 || h <= 0) return;
    this.page.drawRectangle({
      x,
      y: H - top - h,
      width: w,
      height: h,
      color: fill,
      ...(border ? { borderColor: border, borderWidth: 0.6 } : {}),
    });
  }

  rule(x1: number, top: number, x2: number, colour = RULE, width = 0.6) {
    this.page.drawLine({ start: { x: x1, y: H - top }, end: { x: x2, y: H - top }, thickness: width, color: colour });
  }

  /** An SVG path (y down) whose origin is at (x, top) on the page. */
  path(d: string, x: number, top: number, colour: RGB, width: number) {
    if (d) this.page.drawSvgPath(d, { x, y: H - top, borderColor: colour, borderWidth: width });
  }

  heading(s: string, note?: string) {
    this.y += 14;
    this.text(s, M, this.y, { size: 13, bold: true, colour: BLUE });
    if (note) this.text(note, W - M, this.y + 3, { size: 8, colour: MUTED, align: "right" });
    this.y += 19;
    this.rule(M, this.y, W - M, BLUE, 0.8);
    this.y += 8;
  }

  /** Moves to a new page unless `need` points are left above the bottom margin. */
  room(need: number) {
    if (this.y + need > H - M - 20) this.newPage();
  }
}

function header(s: Sheet, d: PacketData) {
  const inv = d.invoice;
  s.text(inv.company.name, M, s.y, { size: 10, bold: true, colour: MUTED });
  s.text(inv.number ? `Invoice ${inv.number}` : "Draft invoice", W - M, s.y, {
    size: 10,
    colour: MUTED,
    align: "right",
  });
  s.y += 18;
  s.text(inv.practice.name, M, s.y, { size: 20, bold: true });
  s.y += 26;
  s.text(`Month-end report, ${monthName(inv.period)}`, M, s.y, { size: 12, colour: MUTED });
  s.y += 24;
  const thisMonth = d.months.at(-1);
  const tiles = [
    { label: "Collected this month", value: usd(inv.collections.countedCents) },
    { label: "Charges this month", value: usd(thisMonth?.chargesCents ?? 0) },
    { label: "Owed to the practice (A/R)", value: usd(d.aging.totalCents) },
    { label: "Our invoice this month", value: usd(inv.totalCents) },
  ];
  const gap = 10;
  const tw = (W - 2 * M - gap * 3) / 4;
  tiles.forEach((t, i) => {
    const x = M + i * (tw + gap);
    s.rect(x, s.y, tw, 50, TINT, RULE);
    s.text(t.label, x + 9, s.y + 9, { size: 8, colour: MUTED, maxWidth: tw - 14 });
    s.text(t.value, x + 9, s.y + 24, { size: 15, bold: true, maxWidth: tw - 14 });
  });
  s.y += 56;
}

function collections(s: Sheet, d: PacketData) {
  s.heading("Collections, last 12 months", "payments posted in each month, net of refunds and recoupments");
  const left = M + 44;
  const width = W - M - left;
  const height = 125;
  const c = collectionsChart(d.months, width, height);
  const top = s.y + 6;
  for (const t of c.ticks) {
    s.rule(left, top + t.y, left + width, t.y === height ? MUTED : RULE, t.y === height ? 0.8 : 0.4);
    s.text(t.label, left - 6, top + t.y - 4, { size: 7.5, colour: MUTED, align: "right" });
  }
  for (const b of c.bars) {
    s.rect(left + b.x, top + b.y, b.w, b.h, TEAL);
    s.text(b.label, left + b.x + b.w / 2, top + height + 5, { size: 7.5, colour: MUTED, align: "center" });
  }
  s.path(c.trendPath, left, top, ORANGE, 1.8);
  s.y = top + height + 20;
  s.rect(left, s.y + 1, 10, 7, TEAL);
  s.text("Collected in the month", left + 14, s.y, { size: 8, colour: MUTED });
  s.rule(left + 130, s.y + 4.5, left + 146, ORANGE, 1.8);
  s.text("Trend: average of the last 3 months", left + 150, s.y, { size: 8, colour: MUTED });
  s.y += 16;
}

function kpis(s: Sheet, d: PacketData) {
  s.room(150);
  s.heading("How the practice measures against the benchmarks");
  const cols = [M + 6, M + 180, M + 290, M + 420];
  ["Measure", "This practice", "Benchmark", "Result"].forEach((h, i) =>
    s.text(h, cols[i]!, s.y, { size: 8.5, bold: true, colour: MUTED }),
  );
  s.y += 15;
  for (const r of kpiRows(d.kpis)) {
    s.rule(M, s.y - 4, W - M);
    s.text(r.name, cols[0]!, s.y + 2, { size: 10.5 });
    s.text(r.value, cols[1]!, s.y + 2, { size: 10.5, bold: true });
    s.text(r.benchmark, cols[2]!, s.y + 2, { size: 10.5, colour: MUTED });
    s.rect(cols[3]! - 2, s.y + 1, 8, 8, VERDICT_COLOUR[r.verdict]);
    s.text(VERDICT_TEXT[r.verdict], cols[3]! + 10, s.y + 2, { size: 10.5, colour: VERDICT_COLOUR[r.verdict] });
    s.y += 18;
  }
  s.rule(M, s.y - 4, W - M);
  s.y += s.para(d.kpis.basis, M, s.y + 2, W - 2 * M, { size: 7.5, colour: MUTED }) + 8;
}

function aging(s: Sheet, d: PacketData) {
  s.room(176);
  s.heading("A/R aging", `${usd(d.aging.totalCents)} owed, by days since the date of service`);
  const left = M + 44;
  const width = W - M - left - 150;
  const height = 105;
  const c = agingChart(d.aging.buckets, d.aging.insurance, d.aging.patient, width, height);
  const top = s.y + 6;
  for (const t of c.ticks) {
    s.rule(left, top + t.y, left + width, t.y === height ? MUTED : RULE, t.y === height ? 0.8 : 0.4);
    s.text(t.label, left - 6, top + t.y - 4, { size: 7.5, colour: MUTED, align: "right" });
  }
  for (const b of c.bars) {
    s.rect(left + b.insurance.x, top + b.insurance.y, b.insurance.w, b.insurance.h, BLUE);
    s.rect(left + b.patient.x, top + b.patient.y, b.patient.w, b.patient.h, TEAL);
    const mid = left + b.insurance.x + b.insurance.w / 2;
    if (b.totalCents > 0)
      s.text(usd(b.totalCents), mid, top + Math.min(b.patient.y, b.insurance.y) - 11, { size: 7, align: "center" });
    s.text(`${b.bucket} days`, mid, top + height + 5, { size: 7.5, colour: MUTED, align: "center" });
  }
  const lx = left + width + 24;
  s.rect(lx, top + 10, 10, 7, BLUE);
  s.text("Owed by insurance", lx + 14, top + 9, { size: 8, colour: MUTED });
  s.rect(lx, top + 26, 10, 7, TEAL);
  s.text("Owed by patients", lx + 14, top + 25, { size: 8, colour: MUTED });
  const ins = d.aging.insurance.reduce((a, b) => a + b, 0);
  const pat = d.aging.patient.reduce((a, b) => a + b, 0);
  s.text(`Insurance ${usd(ins)}`, lx, top + 50, { size: 8.5 });
  s.text(`Patients ${usd(pat)}`, lx, top + 64, { size: 8.5 });
  const old =
    d.aging.insurance.slice(3).reduce((a, b) => a + b, 0) + d.aging.patient.slice(3).reduce((a, b) => a + b, 0);
  s.text(`Over 90 days ${usd(old)}`, lx, top + 78, { size: 8.5, bold: true });
  s.y = top + height + 24;
}

function table(s: Sheet, heads: { text: string; x: number; right?: boolean }[], rows: string[][], widths: number[]) {
  heads.forEach((h) =>
    s.text(h.text, h.x, s.y, { size: 8.5, bold: true, colour: MUTED, align: h.right ? "right" : "left" }),
  );
  s.y += 14;
  for (const r of rows) {
    // Left-aligned cells wrap (a denial's reason in full); figures stay on one line.
    const cells = r.map((cell, i) => (heads[i]!.right ? [cell] : s.wrap(cell, widths[i]!, 9.5)));
    const h = 16 + (Math.max(...cells.map((c) => c.length)) - 1) * 12;
    s.room(h + 2);
    s.rule(M, s.y - 4, W - M);
    cells.forEach((lines, i) =>
      lines.forEach((line, j) =>
        s.text(line, heads[i]!.x, s.y + j * 12, { size: 9.5, align: heads[i]!.right ? "right" : "left" }),
      ),
    );
    s.y += h;
  }
  s.rule(M, s.y - 4, W - M);
  s.y += 4;
}

function denials(s: Sheet, d: PacketData) {
  s.room(120);
  s.heading("Denials by reason", "claims denied among the services of the last 90 days");
  if (!d.denials.length) {
    s.text("No claim of these services was denied.", M, s.y, { size: 10 });
    s.y += 18;
    return;
  }
  table(
    s,
    [
      { text: "Code", x: M + 6 },
      { text: "Reason", x: M + 60 },
      { text: "Claims", x: W - M - 90, right: true },
      { text: "Amount", x: W - M - 6, right: true },
    ],
    d.denials.slice(0, 8).map((r) => [r.code, r.description, String(r.claims), usd(r.amountCents)]),
    [50, W - 2 * M - 190, 60, 80],
  );
}

function noData(s: Sheet, what: string) {
  s.rect(M, s.y, W - 2 * M, 30, TINT, RULE);
  s.text(`No ${what} data is loaded yet, so this section has no figures this month.`, M + 10, s.y + 10, {
    size: 9.5,
    colour: MUTED,
  });
  s.y += 40;
}

function extras(s: Sheet, d: PacketData) {
  s.room(110);
  s.heading("Underpayments found and recovered", "payments below the payer's contracted amount");
  const under = d.extras.underpayments ?? [];
  if (!under.length) noData(s, "underpayment");
  else
    table(
      s,
      [
        { text: "Payer", x: M + 6 },
        { text: "Lines", x: W - M - 220, right: true },
        { text: "Found", x: W - M - 110, right: true },
        { text: "Recovered", x: W - M - 6, right: true },
      ],
      under.map((u) => [u.payerName, String(u.lines), usd(u.foundCents), usd(u.recoveredCents)]),
      [W - 2 * M - 260, 60, 100, 100],
    );
  s.room(110);
  s.heading("Fee advice", "charges to review, each with the rule that suggests it");
  const advice = d.extras.feeAdvice ?? [];
  if (!advice.length) noData(s, "fee advice");
  else
    table(
      s,
      [
        { text: "Code", x: M + 6 },
        { text: "Charge now", x: M + 130, right: true },
        { text: "Suggested", x: M + 210, right: true },
        { text: "Why", x: M + 225 },
      ],
      advice.map((a) => [a.code, usd(a.currentChargeCents), usd(a.suggestedChargeCents), a.reason]),
      [60, 70, 70, W - 2 * M - 230],
    );
}

function invoice(s: Sheet, d: PacketData) {
  const inv = d.invoice;
  s.room(60 + inv.lines.length * 16);
  s.heading(inv.number ? `Invoice ${inv.number}` : "Invoice (draft)", inv.dueDate ? `due ${inv.dueDate}` : undefined);
  for (const l of inv.lines) {
    s.text(l.description, M + 6, s.y, { size: 10, maxWidth: W - 2 * M - 120 });
    s.text(usd(l.amountCents), W - M - 6, s.y, { size: 10, align: "right" });
    s.y += 16;
  }
  s.rule(M, s.y - 3, W - M, INK, 0.8);
  s.text("Invoice total", M + 6, s.y + 2, { size: 11, bold: true });
  s.text(usd(inv.totalCents), W - M - 6, s.y + 2, { size: 11, bold: true, align: "right" });
  s.y += 22;
}

/** Draws the packet: header and tiles, collections, KPIs, aging, denials, the two fed sections, the invoice. */
export async function renderPacket(d: PacketData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(printable(`${d.invoice.practice.name}: month-end report ${d.invoice.period}`));
  doc.setProducer("ClaimLedger");
  doc.setCreationDate(new Date(d.invoice.finalizedAt ?? d.invoice.computedAt));
  const s = new Sheet(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  s.newPage();
  header(s, d);
  collections(s, d);
  kpis(s, d);
  aging(s, d);
  denials(s, d);
  extras(s, d);
  invoice(s, d);
  s.pages.forEach((p, i) => {
    s.page = p;
    s.rule(M, H - M + 4, W - M);
    s.text(`${d.invoice.company.name} for ${d.invoice.practice.name}, ${monthName(d.invoice.period)}`, M, H - M + 10, {
      size: 7.5,
      colour: MUTED,
    });
    s.text(`Page ${i + 1} of ${s.pages.length}`, W - M, H - M + 10, { size: 7.5, colour: MUTED, align: "right" });
  });
  return doc.save({ useObjectStreams: false });
}
