import { createHash } from 'node:crypto';
import type { EvidenceSample, Language } from '@loopline/shared';
import { type Chart, PAINT, ratesChart, retentionChart } from './chart.js';
import { formatChange, formatMetric, formatShare, formatTime, type Labels, labelsFor } from './labels.js';
import type { ReportEvidence, ReportModel, ReportOutcome, ReportRevision, ReportScene, ReportSceneEvidence, RevisionRef } from './model.js';

/**
 * The evidence report as one self-contained HTML page [RP6]: inline CSS, no
 * script, no external resource, and its own Content-Security-Policy (the
 * stylesheet is allowed by its hash), so the file stays inert wherever it is
 * opened. Every piece of data is escaped as text.
 */

const CSS = `
:root{color-scheme:light}
body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei","Helvetica Neue",Arial,sans-serif;color:#1f2937;max-width:960px;margin:24px auto;padding:0 16px;line-height:1.5}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:1px solid #d1d5db;padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:20px 0 6px}h4{font-size:13px;margin:12px 0 4px;color:#374151}
.meta,.note{color:#6b7280;font-size:13px}
.badge{display:inline-block;font-size:11px;font-weight:normal;border-radius:3px;padding:0 6px;margin-left:6px;background:#e5e7eb}
.badge.added{background:#dcfce7}.badge.removed{background:#fee2e2}.badge.changed{background:#dbeafe}.badge.moved{background:#fef3c7}
.badge.orphaned,.badge.coordinated{background:#fee2e2}.badge.drifted,.badge.scene-only{background:#fef3c7}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #d1d5db;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;margin:6px 0}dt{color:#6b7280}dd{margin:0}
.diff{border:1px solid #e5e7eb;border-radius:4px;padding:4px 8px;background:#fafafa}
.line{margin:2px 0;white-space:pre-wrap;font-size:14px}.line .type{color:#6b7280;font-size:11px;margin-right:6px}
.line.added{background:#f0fdf4}.line.removed{background:#fef2f2}
ins{background:#bbf7d0;text-decoration:underline}del{background:#fecaca;text-decoration:line-through}
.link{border-left:3px solid #93c5fd;padding:4px 10px;margin:10px 0;background:#f8fafc}
.link.contradicts{border-left-color:#fca5a5}.link.supports{border-left-color:#86efac}
.sample{font-size:13px}.rationale{white-space:pre-wrap}
blockquote{margin:6px 0;padding:4px 10px;border-left:2px solid #d1d5db;background:#fff}
blockquote p{margin:0;white-space:pre-wrap}blockquote footer{color:#6b7280;font-size:12px}
figure{margin:10px 0}figcaption{font-size:12px;color:#6b7280}svg.chart{max-width:100%;height:auto}
svg.swatch{vertical-align:-1px;margin-right:4px}
`;

const CSS_HASH = createHash('sha256').update(CSS).digest('base64');

/** The policy of the page (also sent as the response header): nothing but the inline stylesheet. */
export const REPORT_HTML_CSP = `default-src 'none'; style-src 'sha256-${CSS_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: every markup character escaped. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const revName = (r: RevisionRef) => `${r.colour} #${r.number}`;

function swatch(r: RevisionRef): string {
  const fill = r.colourHex ?? '#ffffff';
  return `<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><rect x="0.5" y="0.5" width="11" height="11" fill="${esc(fill)}" stroke="#6b7280"/></svg>`;
}

function sampleLine(s: EvidenceSample, l: Labels): string {
  const segment = s.topSegment ? `${esc(s.topSegment.name)}=${esc(s.topSegment.value)} ${esc(formatShare(s.topSegment.share))}` : esc(l.noSegment);
  return (
    `<span class="sample">${esc(l.sample)}: ${esc(l.mentions)} <b>${esc(s.mentions)}</b> · ${esc(l.distinctViewers)} <b>${esc(s.distinctViewers)}</b>` +
    ` · ${esc(l.coordinated)} <b>${esc(s.coordinated)}</b> · ${esc(l.topSegment)} ${segment}</span>`
  );
}

function revisionSection(r: ReportRevision, l: Labels): string {
  const events = r.events
    .map((e) => `<tr><td>${esc(l.status[e.status])}</td><td>${esc(e.byName)}</td><td>${esc(formatTime(e.at))}</td><td>${esc(e.comment)}</td></tr>`)
    .join('');
  const release = r.release ? `${esc(r.release.platform)} · ${esc(formatTime(r.release.airedAt))}` : esc(l.notReleased);
  return `<section class="revision">
<h3>${swatch(r)}${esc(revName(r))} <span class="badge">${esc(l.status[r.status])}</span></h3>
<dl><dt>${esc(l.authors)}</dt><dd>${esc(r.authors.join(', ') || l.none)}</dd>
<dt>${esc(l.summary)}</dt><dd>${esc(r.summary || l.none)}</dd>
<dt>${esc(l.created)}</dt><dd>${esc(formatTime(r.createdAt))}</dd>
<dt>${esc(l.release)}</dt><dd>${release}</dd>
<dt>${esc(l.links)}</dt><dd>${esc(r.linkCount)}</dd></dl>
${events ? `<table><caption class="note">${esc(l.workflow)}</caption><thead><tr><th>${esc(l.step)}</th><th>${esc(l.by)}</th><th>${esc(l.when)}</th><th>${esc(l.comment)}</th></tr></thead><tbody>${events}</tbody></table>` : ''}
</section>`;
}

function evidenceBlock(e: ReportEvidence, l: Labels): string {
  const revision = e.revision ? `${swatch(e.revision)}${esc(revName(e.revision))}` : esc(l.noRevisionYet);
  const quotes = e.quotes
    .map((q) => {
      const facts = [q.author, q.platform, formatTime(q.postedAt), ...(q.likes === null ? [] : [`${q.likes} ${l.likes}`])].map(esc).join(' · ');
      const flag = q.coordinated ? ` <span class="badge coordinated">${esc(l.coordinatedItem)}</span>` : '';
      return `<blockquote><p>${esc(q.text)}</p><footer>${facts}${flag}</footer></blockquote>`;
    })
    .join('');
  return `<div class="link ${esc(e.stance)}">
<div><b>${esc(l.stance[e.stance])}</b> · ${esc(l.weight)} ${esc(e.weight)}/3 <span class="badge ${esc(e.state)}">${esc(l.state[e.state])}</span> · ${esc(l.inRevision)}: ${revision} · ${esc(l.linkedBy)}: ${esc(e.authorName)} · ${esc(formatTime(e.createdAt))}</div>
${e.state === 'orphaned' ? `<div class="note">${esc(l.sceneGone)}: ${esc(e.anchorHeading)}</div>` : ''}
${e.spanQuote !== null ? `<div>${esc(l.spanQuote)}: “${esc(e.spanQuote)}”</div>` : ''}
<div class="rationale">${esc(l.rationale)}: ${esc(e.rationale || l.none)}</div>
<div>${sampleLine(e.sample, l)}</div>
${quotes ? `<h4>${esc(l.quotes(e.quotes.length, e.itemCount))}</h4>${quotes}` : ''}
</div>`;
}

function evidenceList(evidence: readonly ReportEvidence[], sample: EvidenceSample | null, l: Labels): string {
  if (evidence.length === 0) return `<p class="note">${esc(l.noEvidence)}</p>`;
  return `<h4>${esc(l.evidence)} · ${sample ? sampleLine(sample, l) : ''}</h4>${evidence.map((e) => evidenceBlock(e, l)).join('\n')}`;
}

function sceneSection(s: ReportScene, l: Labels): string {
  const badges = [
    ...(s.status === 'unchanged' ? [] : [`<span class="badge ${esc(s.status)}">${esc(l.sceneStatus[s.status])}</span>`]),
    ...(s.moved && s.beforeIndex !== null && s.afterIndex !== null ? [`<span class="badge moved">${esc(l.moved(s.beforeIndex, s.afterIndex))}</span>`] : []),
  ].join('');
  const renamed = s.headingChanged ? `<p class="note"><del>${esc(s.headingBefore ?? '')}</del> → ${esc(l.renamed)} <ins>${esc(s.headingAfter ?? '')}</ins></p>` : '';
  const lines = s.blocks
    .map((b) => {
      const notes = [b.type, ...(b.typeChanged && b.typeBefore ? [l.typeChanged(b.typeBefore, b.type)] : []), ...(b.formatChanged ? [l.formatChanged] : [])];
      const runs = b.runs.map((r) => (r.op === 'insert' ? `<ins>${esc(r.text)}</ins>` : r.op === 'delete' ? `<del>${esc(r.text)}</del>` : esc(r.text))).join('');
      return `<p class="line ${esc(b.op)}"><span class="type">${esc(l.blockOp[b.op])} · ${esc(notes.join(' · '))}</span>${runs}</p>`;
    })
    .join('\n');
  return `<article class="scene">
<h3>${esc(s.heading)}${badges}</h3>
${renamed}
${lines ? `<div class="diff">${lines}</div>` : ''}
${evidenceList(s.evidence, s.sample, l)}
</article>`;
}

function otherSection(s: ReportSceneEvidence, l: Labels): string {
  return `<article class="scene"><h3>${esc(s.heading)}</h3>${evidenceList(s.evidence, s.sample, l)}</article>`;
}

/** A chart as inline SVG (presentation attributes only: nothing a style policy blocks). */
export function chartSvg(chart: Chart): string {
  const body = chart.shapes
    .map((s) => {
      if (s.kind === 'rect') return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="${PAINT[s.paint]}"/>`;
      if (s.kind === 'line') {
        const points = s.points.map((p) => `${p.x},${p.y}`).join(' ');
        return `<polyline points="${points}" fill="none" stroke="${PAINT[s.paint]}" stroke-width="${s.width}"/>`;
      }
      return `<text x="${s.x}" y="${s.y}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${PAINT[s.paint]}">${esc(s.text)}</text>`;
    })
    .join('');
  return `<figure><svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${esc(chart.title)}">${body}</svg><figcaption>${esc(chart.title)}</figcaption></figure>`;
}

function outcomeSection(o: ReportOutcome, l: Labels): string {
  const { outcome } = o;
  const rows = outcome.rows
    .map(
      (r) =>
        `<tr><th scope="row">${esc(l.metrics[r.metric])}</th><td class="num">${esc(formatMetric(r.metric, r.before, l))}</td><td class="num">${esc(formatMetric(r.metric, r.after, l))}</td><td class="num">${esc(formatMetric(r.metric, r.baseline, l))}</td><td class="num">${esc(formatChange(r, l))}</td></tr>`,
    )
    .join('');
  const notes = [
    outcome.release ? `${l.release}: ${outcome.release.platform} · ${formatTime(outcome.release.airedAt)}` : l.notReleased,
    outcome.before ? l.beforeFrom(outcome.before.label, o.beforeEpisodeNumber) : l.noComparison,
    ...(outcome.changedRange ? [l.changedRange(outcome.changedRange.fromSecond, outcome.changedRange.toSecond)] : []),
  ];
  const charts = [ratesChart(outcome, l), retentionChart(outcome, l)].filter((c): c is Chart => c !== null).map(chartSvg).join('');
  return `<section class="outcome">
<h3>${swatch(o.revision)}${esc(l.outcomeOf(revName(o.revision)))}</h3>
<p class="note">${notes.map(esc).join(' · ')}</p>
<table><thead><tr><th>${esc(l.metric)}</th><th>${esc(l.before)}</th><th>${esc(l.after)}</th><th>${esc(l.baseline)}</th><th>${esc(l.change)}</th></tr></thead><tbody>${rows}</tbody></table>
${charts}
</section>`;
}

/** Renders the report as a complete HTML document, in `language` (default: the episode's). */
export function renderHtml(model: ReportModel, language: Language = model.language): string {
  const l = labelsFor(language);
  const title = l.reportTitle(model);
  const { comparison } = model;
  let changes: string;
  if (!comparison) changes = `<p class="note">${esc(l.noRevision)}</p>`;
  else if (!comparison.from) changes = `<p class="note">${esc(l.firstRevision)}</p>`;
  else {
    const head = `<p class="note">${swatch(comparison.to)}${esc(l.comparing(revName(comparison.to), revName(comparison.from)))}</p>`;
    changes = head + (model.scenes.length === 0 ? `<p class="note">${esc(l.noChanges)}</p>` : model.scenes.map((s) => sceneSection(s, l)).join('\n'));
  }
  const others = model.otherEvidence.length === 0 ? '' : `<h2>${esc(l.otherEvidence)}</h2>\n${model.otherEvidence.map((s) => otherSection(s, l)).join('\n')}`;
  const outcomes = model.outcomes.length === 0 ? `<p class="note">${esc(l.noOutcome)}</p>` : model.outcomes.map((o) => outcomeSection(o, l)).join('\n');
  return `<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p class="meta">${esc(l.generatedAt)} ${esc(formatTime(model.generatedAt))} · ${esc(l.allEvidence(model.linkCount))}${model.sample ? ` · ${sampleLine(model.sample, l)}` : ''}</p></header>
<h2>${esc(l.revisions)}</h2>
${model.revisions.length === 0 ? `<p class="note">${esc(l.noRevision)}</p>` : model.revisions.map((r) => revisionSection(r, l)).join('\n')}
<h2>${esc(l.changedScenes)}</h2>
${changes}
${others}
<h2>${esc(l.outcome)}</h2>
${outcomes}
</body>
</html>
`;
}
