import { describe, expect, it } from 'vitest';
import { REPORT_HTML_CSP, renderHtml, renderPdf } from '../../src/reports/index.js';
import { fixtureModel, HEADINGS, QUOTES } from './model.fixture.js';
import { embeddedFonts, readPdf, squash } from './pdfText.js';

/** The text a browser shows for an HTML fragment: tags dropped, entities decoded. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('HTML report', () => {
  const model = fixtureModel();
  const html = renderHtml(model);
  const text = visibleText(html);

  it('[RP1] [RP6] shows the revision, its workflow, the changed scenes with their diffs, evidence, samples and outcome', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(text).toContain('证据报告 · 签收双胞胎 第3集《门口的人》 · Blue 修订 #2');
    // Revision: status, authors, summary, workflow steps with who, when and comment, release.
    for (const s of ['已播出', '编剧 小林, Showrunner Zhao', '补上双胞胎在医院门口的一场', '同意，证据充分', '2026-03-03 05:00 UTC', 'douyin · 2026-03-10 12:00 UTC']) {
      expect(text).toContain(s);
    }
    // Every changed scene by its heading, with what happened to it.
    for (const heading of [HEADINGS.changed, HEADINGS.moved, HEADINGS.added]) expect(html).toContain(`<h3>${heading}`);
    expect(text).toContain('移动（第4场 → 第3场）');
    expect(text).toContain('Blue #2 对比 White #1');
    // Text-level runs as insertions and deletions.
    expect(html).toContain('林晚接到电话，<del>挂断</del><ins>愣在门口</ins>。');
    expect(html).toContain('<ins>双胞胎出现在门口。</ins>');
    // Evidence: stance, weight, state, rationale, span quote, and every quote with its pseudonym.
    expect(text).toContain('促成修改 · 权重 3/3');
    expect(text).toContain('观众集中追问双胞胎的去向');
    expect(text).toContain('引用的剧本片段: “林晚接到电话”');
    for (const q of Object.values(QUOTES)) expect(text).toContain(q);
    for (const author of ['v-3f2a91', 'v-77c0d2', 'v-0bad00', 'v-e1e1e1']) expect(text).toContain(author);
    expect(text).toContain('观众原话（化名；显示 128 条中的 3 条）');
    // Sample sizes: per link, per scene (union) and for the whole report.
    expect(text).toContain('样本: 提及 128 · 独立观众 97 · 疑似刷量 4 · 最大分群 paying=yes 55%');
    expect(text).toContain('样本: 提及 140 · 独立观众 106 · 疑似刷量 4 · 最大分群 paying=yes 52%');
    expect(text).toContain('样本: 提及 180 · 独立观众 140');
    expect(text).toContain('此改动没有关联证据。');
    // Evidence on a scene the revision left alone.
    expect(text).toContain('未改动场次上的证据');
    expect(html).toContain(`<h3>${HEADINGS.unchanged}</h3>`);
  });

  it('[RP5] the outcome is a before/after/baseline table and inline SVG charts', () => {
    expect(text).toContain('完播率41.2%48.7%43.0%+7.5 pp');
    expect(text).toContain('付费解锁1,8302,4121,900+582');
    expect(text).toContain('“之前”取自上一集（第2集）');
    const svgs = html.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    // Bars of the three rates (before, after, baseline where known) and the two retention curves.
    expect((svgs[0]?.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(svgs[0]).toContain('>48.7%</text>');
    expect(svgs[1]?.match(/<polyline [^>]*stroke-width="1.5"/g)).toHaveLength(2);
  });

  it('[RP6] a <script> in a quote stays inert text; the page has no script and its own CSP', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 太假了 &amp; 不合理');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP.replace(/'/g, '&#39;')}">`);
    expect(REPORT_HTML_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
    // No external resource of any kind.
    expect(html).not.toMatch(/\b(src|href)=/);
  });

  it('[RP4] the labels follow the language asked for; data stays as stored', () => {
    const en = visibleText(renderHtml(model, 'en'));
    expect(en).toContain('Evidence report · 签收双胞胎 episode 3 “门口的人” · Blue revision #2');
    expect(en).toContain('motivates a change · Weight 3/3');
    expect(en).toContain('Viewer quotes (pseudonymous; 3 of 128 shown)');
    expect(en).toContain(QUOTES.twin);
  });
});

describe('PDF report', () => {
  it('[RP7] is a valid PDF whose extracted text holds the Chinese heading, diffs and quotes, set in the embedded CJK font', async () => {
    const model = fixtureModel();
    const pdf = await renderPdf(model);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const contents = await readPdf(pdf);
    expect(contents.pages).toBeGreaterThanOrEqual(2);
    expect(contents.title).toBe('证据报告 · 签收双胞胎 第3集《门口的人》 · Blue 修订 #2');
    const want = [
      '证据报告·签收双胞胎第3集《门口的人》',
      HEADINGS.changed,
      HEADINGS.moved,
      HEADINGS.added,
      '林晚接到电话，挂断愣在门口。',
      '双胞胎出现在门口。',
      ...Object.values(QUOTES),
      'v-3f2a91',
      '样本:提及128·独立观众97·疑似刷量4·最大分群paying=yes55%',
      '完播率41.2%48.7%43.0%+7.5pp',
      '同意，证据充分',
    ];
    for (const s of want) expect(contents.text).toContain(squash(s));
    // The characters come back right because the font is embedded with its Unicode map: Noto Sans SC, subset.
    const fonts = embeddedFonts(pdf);
    expect(fonts.some((f) => f.endsWith('+NotoSansSC-Regular'))).toBe(true);
    expect(fonts.some((f) => f.endsWith('+NotoSansSC-Bold'))).toBe(true);
    expect(pdf.toString('latin1')).toContain('/FontFile2');
    // Subset: the 10 MB font file shrinks to what the report uses.
    expect(pdf.length).toBeLessThan(300_000);
  });

  it('[RP7] renders English labels in the same font', async () => {
    const contents = await readPdf(await renderPdf(fixtureModel(), 'en'));
    expect(contents.text).toContain(squash('Evidence report · 签收双胞胎 episode 3'));
    expect(contents.text).toContain(squash('Completion rate41.2%48.7%43.0%+7.5 pp'));
  });
});
