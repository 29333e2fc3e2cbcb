import type { EvidenceSample, Language } from '@loopline/shared';
import PDFDocument from 'pdfkit';
import { type Chart, PAINT, ratesChart, retentionChart } from './chart.js';
import { type ReportFonts, reportFonts } from './fonts.js';
import { formatChange, formatMetric, formatShare, formatTime, type Labels, labelsFor } from './labels.js';
import type { ReportBlock, ReportEvidence, ReportModel, ReportOutcome, ReportRevision, ReportScene, RevisionRef } from './model.js';

/**
 * The evidence report as a PDF [RP7]: A4, the same sections as the HTML page,
 * set in Noto Sans SC (embedded as a subset, so Chinese renders on any
 * reader), the outcome charts drawn as vector paths from the shared chart
 * geometry.
 */

const MARGIN = 50;
const REGULAR = 'report-regular';
const BOLD = 'report-bold';
const INK = { text: '#1f2937', muted: '#6b7280', insert: '#15803d', delete: '#b91c1c', rule: '#d1d5db', bar: '#93c5fd' };

type Doc = PDFKit.PDFDocument;

const revName = (r: RevisionRef) => `${r.colour} #${r.number}`;

class Writer {
  constructor(
    readonly doc: Doc,
    readonly l: Labels,
    private readonly ascent: number,
  ) {}

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` points fit below the cursor. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  text(value: string, opts: { size?: number; bold?: boolean; color?: string; indent?: number; gap?: number } = {}): void {
    const { doc } = this;
    const indent = opts.indent ?? 0;
    doc
      .font(opts.bold ? BOLD : REGULAR)
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? INK.text)
      .text(value, this.left + indent, doc.y, { width: this.width - indent });
    if (opts.gap) doc.moveDown(opts.gap);
  }

  heading(value: string, level: 1 | 2 | 3, swatch?: RevisionRef): void {
    const { doc } = this;
    const size = level === 1 ? 17 : level === 2 ? 14 : 11.5;
    doc.moveDown(level === 1 ? 0 : 0.6);
    this.ensure(size * 3);
    let indent = 0;
    if (swatch) {
      doc.save().rect(this.left, doc.y + size * 0.25, size * 0.7, size * 0.7).fillAndStroke(swatch.colourHex ?? '#ffffff', INK.muted).restore();
      indent = size;
    }
    this.text(value, { size, bold: true, indent });
    if (level === 2) {
      doc.save().moveTo(this.left, doc.y).lineTo(this.left + this.width, doc.y).lineWidth(0.5).strokeColor(INK.rule).stroke().restore();
      doc.moveDown(0.3);
    }
  }

  note(value: string, indent = 0): void {
    this.text(value, { size: 9, color: INK.muted, indent });
  }

  /** One line of a diff: its kind in grey, then its text runs (insertions green and underlined, deletions red and struck). */
  diffLine(b: ReportBlock, indent: number): void {
    const { doc, l } = this;
    const kind = [l.blockOp[b.op], b.type, ...(b.typeChanged && b.typeBefore ? [l.typeChanged(b.typeBefore, b.type)] : []), ...(b.formatChanged ? [l.formatChanged] : [])];
    const runs = b.runs.filter((r) => r.text.length > 0);
    doc.font(REGULAR).fontSize(8).fillColor(INK.muted);
    doc.text(`${kind.join(' · ')}  `, this.left + indent, doc.y, { width: this.width - indent, continued: runs.length > 0 });
    runs.forEach((r, i) => {
      const color = r.op === 'insert' ? INK.insert : r.op === 'delete' ? INK.delete : INK.text;
      doc
        .fontSize(10)
        .fillColor(color)
        .text(r.text, { continued: i < runs.length - 1, underline: r.op === 'insert', strike: r.op === 'delete' });
    });
    doc.moveDown(0.15);
  }

  sample(s: EvidenceSample, indent: number): void {
    const { l } = this;
    const segment = s.topSegment ? `${s.topSegment.name}=${s.topSegment.value} ${formatShare(s.topSegment.share)}` : l.noSegment;
    this.text(
      `${l.sample}: ${l.mentions} ${s.mentions} · ${l.distinctViewers} ${s.distinctViewers} · ${l.coordinated} ${s.coordinated} · ${l.topSegment} ${segment}`,
      { size: 9, indent },
    );
  }

  /** A block with a coloured bar down its left side. */
  barred(indent: number, colour: string, body: () => void): void {
    const { doc } = this;
    this.ensure(40);
    const top = doc.y;
    const page = doc.page;
    body();
    // Only when the block stayed on one page (a bar across a page break would dangle).
    if (doc.page === page) {
      doc.save().moveTo(this.left + indent - 6, top).lineTo(this.left + indent - 6, doc.y).lineWidth(2).strokeColor(colour).stroke().restore();
    }
    doc.moveDown(0.4);
  }

  table(header: string[], rows: string[][], widths: (number | '*')[]): void {
    const { doc } = this;
    this.ensure(40);
    doc.font(REGULAR).fontSize(9).fillColor(INK.text);
    doc.x = this.left;
    doc.table({
      columnStyles: widths.map((width) => ({ width })),
      defaultStyle: { border: 0.5, borderColor: INK.rule, padding: 3 },
      data: [header.map((text) => ({ text, font: { src: BOLD }, backgroundColor: '#f3f4f6' })), ...rows],
    });
    doc.moveDown(0.5);
  }

  chart(chart: Chart): void {
    const { doc } = this;
    this.ensure(chart.height + 24);
    const x0 = this.left;
    const y0 = doc.y;
    doc.save();
    for (const s of chart.shapes) {
      if (s.kind === 'rect') doc.rect(x0 + s.x, y0 + s.y, s.w, s.h).fill(PAINT[s.paint]);
      else if (s.kind === 'line') {
        const [first, ...rest] = s.points;
        if (!first) continue;
        doc.moveTo(x0 + first.x, y0 + first.y);
        for (const p of rest) doc.lineTo(x0 + p.x, y0 + p.y);
        doc.lineWidth(s.width).strokeColor(PAINT[s.paint]).stroke();
      } else {
        doc.font(REGULAR).fontSize(s.size).fillColor(PAINT[s.paint]);
        const w = doc.widthOfString(s.text);
        const x = s.anchor === 'start' ? s.x : s.anchor === 'middle' ? s.x - w / 2 : s.x - w;
        // pdfkit places text by the top of its line box; the chart gives baselines.
        doc.text(s.text, x0 + x, y0 + s.y - this.ascent * s.size, { lineBreak: false });
      }
    }
    doc.restore();
    doc.x = x0;
    doc.y = y0 + chart.height;
    this.note(chart.title);
    doc.moveDown(0.5);
  }
}

function revisionPart(w: Writer, r: ReportRevision): void {
  const { l } = w;
  w.heading(`${revName(r)} · ${l.status[r.status]}`, 3, r);
  w.text(`${l.authors}: ${r.authors.join(', ') || l.none}`, { size: 9.5 });
  w.text(`${l.summary}: ${r.summary || l.none}`, { size: 9.5 });
  w.text(`${l.created}: ${formatTime(r.createdAt)} · ${l.links}: ${r.linkCount}`, { size: 9.5 });
  w.text(`${l.release}: ${r.release ? `${r.release.platform} · ${formatTime(r.release.airedAt)}` : l.notReleased}`, { size: 9.5, gap: 0.3 });
  if (r.events.length > 0) {
    w.table(
      [l.step, l.by, l.when, l.comment],
      r.events.map((e) => [l.status[e.status], e.byName, formatTime(e.at), e.comment]),
      [70, 90, 110, '*'],
    );
  }
}

function evidencePart(w: Writer, e: ReportEvidence): void {
  const { l } = w;
  const colour = e.stance === 'contradicts' ? '#fca5a5' : e.stance === 'supports' ? '#86efac' : INK.bar;
  w.barred(12, colour, () => {
    w.text(
      `${l.stance[e.stance]} · ${l.weight} ${e.weight}/3 · ${l.state[e.state]} · ${l.inRevision}: ${e.revision ? revName(e.revision) : l.noRevisionYet} · ${l.linkedBy}: ${e.authorName} · ${formatTime(e.createdAt)}`,
      { size: 9.5, bold: true, indent: 12 },
    );
    if (e.state === 'orphaned') w.note(`${l.sceneGone}: ${e.anchorHeading}`, 12);
    if (e.spanQuote !== null) w.text(`${l.spanQuote}: “${e.spanQuote}”`, { size: 9.5, indent: 12 });
    w.text(`${l.rationale}: ${e.rationale || l.none}`, { size: 9.5, indent: 12 });
    w.sample(e.sample, 12);
    if (e.quotes.length > 0) {
      w.text(l.quotes(e.quotes.length, e.itemCount), { size: 9, bold: true, indent: 12 });
      for (const q of e.quotes) {
        w.text(q.text, { size: 10, indent: 22 });
        const facts = [q.author, q.platform, formatTime(q.postedAt), ...(q.likes === null ? [] : [`${q.likes} ${l.likes}`]), ...(q.coordinated ? [l.coordinatedItem] : [])];
        w.note(facts.join(' · '), 22);
      }
    }
  });
}

function evidenceListPart(w: Writer, evidence: readonly ReportEvidence[], sample: EvidenceSample | null): void {
  if (evidence.length === 0) {
    w.note(w.l.noEvidence);
    return;
  }
  w.text(w.l.evidence, { size: 10, bold: true });
  if (sample) w.sample(sample, 0);
  w.doc.moveDown(0.2);
  for (const e of evidence) evidencePart(w, e);
}

function scenePart(w: Writer, s: ReportScene): void {
  const { l } = w;
  const marks = [
    ...(s.status === 'unchanged' ? [] : [l.sceneStatus[s.status]]),
    ...(s.moved && s.beforeIndex !== null && s.afterIndex !== null ? [l.moved(s.beforeIndex, s.afterIndex)] : []),
  ];
  w.heading(`${s.heading}  [${marks.join(' · ')}]`, 3);
  if (s.headingChanged) w.note(`${s.headingBefore ?? ''} → ${l.renamed} ${s.headingAfter ?? ''}`);
  for (const b of s.blocks) w.diffLine(b, 0);
  w.doc.moveDown(0.3);
  evidenceListPart(w, s.evidence, s.sample);
}

function outcomePart(w: Writer, o: ReportOutcome): void {
  const { l } = w;
  const { outcome } = o;
  w.heading(l.outcomeOf(revName(o.revision)), 3, o.revision);
  const notes = [
    outcome.release ? `${l.release}: ${outcome.release.platform} · ${formatTime(outcome.release.airedAt)}` : l.notReleased,
    outcome.before ? l.beforeFrom(outcome.before.label, o.beforeEpisodeNumber) : l.noComparison,
    ...(outcome.changedRange ? [l.changedRange(outcome.changedRange.fromSecond, outcome.changedRange.toSecond)] : []),
  ];
  w.note(notes.join(' · '));
  w.doc.moveDown(0.3);
  w.table(
    [l.metric, l.before, l.after, l.baseline, l.change],
    outcome.rows.map((r) => [l.metrics[r.metric], formatMetric(r.metric, r.before, l), formatMetric(r.metric, r.after, l), formatMetric(r.metric, r.baseline, l), formatChange(r, l)]),
    ['*', 70, 70, 80, 70],
  );
  for (const chart of [ratesChart(outcome, l), retentionChart(outcome, l)]) if (chart) w.chart(chart);
}

function write(w: Writer, model: ReportModel): void {
  const { l, doc } = w;
  w.heading(l.reportTitle(model), 1);
  w.note(`${l.generatedAt} ${formatTime(model.generatedAt)} · ${l.allEvidence(model.linkCount)}`);
  if (model.sample) w.sample(model.sample, 0);

  w.heading(l.revisions, 2);
  if (model.revisions.length === 0) w.note(l.noRevision);
  for (const r of model.revisions) revisionPart(w, r);

  w.heading(l.changedScenes, 2);
  const { comparison } = model;
  if (!comparison) w.note(l.noRevision);
  else if (!comparison.from) w.note(l.firstRevision);
  else {
    w.note(l.comparing(revName(comparison.to), revName(comparison.from)));
    if (model.scenes.length === 0) w.note(l.noChanges);
    for (const s of model.scenes) scenePart(w, s);
  }

  if (model.otherEvidence.length > 0) {
    w.heading(l.otherEvidence, 2);
    for (const s of model.otherEvidence) {
      w.heading(s.heading, 3);
      evidenceListPart(w, s.evidence, s.sample);
    }
  }

  w.heading(l.outcome, 2);
  if (model.outcomes.length === 0) w.note(l.noOutcome);
  for (const o of model.outcomes) outcomePart(w, o);
  doc.moveDown();
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Renders the report as a PDF document, in `language` (default: the episode's). */
export async function renderPdf(model: ReportModel, language: Language = model.language, fonts?: ReportFonts): Promise<Buffer> {
  const { regular, bold } = fonts ?? (await reportFonts());
  const l = labelsFor(language);
  const title = l.reportTitle(model);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: true,
    displayTitle: true,
    lang: language === 'zh' ? 'zh-CN' : 'en',
    info: { Title: title, Creator: 'Loopline', Producer: 'Loopline', CreationDate: new Date(model.generatedAt) },
  });
  const done = collect(doc);
  // pdfkit takes a parsed fontkit font as a source (anything with `layout`), which its types do not list; sharing the
  // parsed font spares every document a parse of the 10 MB file.
  doc.registerFont(REGULAR, regular as unknown as Buffer);
  doc.registerFont(BOLD, bold as unknown as Buffer);
  doc.font(REGULAR);
  write(new Writer(doc, l, regular.ascent / regular.unitsPerEm), model);
  doc.end();
  return done;
}
