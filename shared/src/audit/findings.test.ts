import { describe, expect, it } from 'vitest';
import type { AuditFinding } from '../domain/evidence.js';
import { csvField, FINDINGS_CSV_HEADER, filterFindings, findingsToCsv, summarizeFindings } from './findings.js';
import { sample } from './fixtures.js';

const finding = (over: Partial<AuditFinding>): AuditFinding => ({
  kind: 'change-without-evidence',
  episodeId: 'ep-12',
  revisionId: 'blue',
  sceneId: 's1',
  heading: '12-1 日 内 客厅',
  linkIds: [],
  reasons: [],
  sample: null,
  ...over,
});

const findings: AuditFinding[] = [
  finding({}),
  finding({ kind: 'weak-evidence', sceneId: 's2', linkIds: ['l1', 'l2'], reasons: ['few-viewers', 'coordinated'], sample: sample(612, 12, 600, { name: 'paying', value: 'yes', share: 0.91666 }) }),
  finding({ kind: 'evidence-without-change', revisionId: null, sceneId: 's3', linkIds: ['l3'], sample: sample(40, 35) }),
  finding({ episodeId: 'ep-13', revisionId: 'pink', sceneId: 's9', heading: '=HYPERLINK("http://x.example","点我")' }),
];

/** A strict RFC 4180 reader: what a spreadsheet sees. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const m = /[,\r]/.exec(text.slice(i));
      const end = m ? i + m.index : text.length;
      cell = text.slice(i, end);
      if (cell.includes('"') || cell.includes('\n')) throw new Error(`bare quote or LF in ${JSON.stringify(cell)}`);
      i = end;
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

describe('filterFindings / summarizeFindings', () => {
  it('[AU8] filters by kind (one or several), episode and revision (null: the working script), combined with AND', () => {
    expect(filterFindings(findings).length).toBe(4);
    expect(filterFindings(findings, { kind: 'weak-evidence' }).map((f) => f.sceneId)).toEqual(['s2']);
    expect(filterFindings(findings, { kind: ['weak-evidence', 'evidence-without-change'] }).map((f) => f.sceneId)).toEqual(['s2', 's3']);
    expect(filterFindings(findings, { episodeId: 'ep-13' }).map((f) => f.sceneId)).toEqual(['s9']);
    expect(filterFindings(findings, { revisionId: null }).map((f) => f.sceneId)).toEqual(['s3']);
    expect(filterFindings(findings, { revisionId: 'blue', kind: 'change-without-evidence' }).map((f) => f.sceneId)).toEqual(['s1']);
    expect(filterFindings(findings, { episodeId: 'ep-13', kind: 'weak-evidence' })).toEqual([]);
  });

  it('[AU7] counts by kind and by episode', () => {
    expect(summarizeFindings(findings)).toEqual({
      total: 4,
      byKind: { 'change-without-evidence': 2, 'evidence-without-change': 1, 'weak-evidence': 1 },
      byEpisode: {
        'ep-12': { 'change-without-evidence': 1, 'evidence-without-change': 1, 'weak-evidence': 1 },
        'ep-13': { 'change-without-evidence': 1, 'evidence-without-change': 0, 'weak-evidence': 0 },
      },
    });
  });
});

describe('findingsToCsv', () => {
  const episodes = [
    { id: 'ep-12', number: 12, title: '双胞胎, "回来了"' },
    { id: 'ep-13', number: 13, title: 'Signed\nfor Twins' },
  ];
  const csv = findingsToCsv(findings, episodes, { revisions: [{ id: 'blue', colour: 'Blue' }] });

  it('[AU9] a BOM, a header row, CRLF rows; Chinese, commas, quotes and newlines read back exactly', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...FINDINGS_CSV_HEADER]);
    expect(rows.length).toBe(5);
    expect(rows.every((r) => r.length === FINDINGS_CSV_HEADER.length)).toBe(true);
    const cell = (r: number, name: (typeof FINDINGS_CSV_HEADER)[number]) => rows[r]![FINDINGS_CSV_HEADER.indexOf(name)];
    expect(cell(1, 'episodeTitle')).toBe('双胞胎, "回来了"');
    expect(cell(4, 'episodeTitle')).toBe('Signed\nfor Twins');
    expect(cell(1, 'heading')).toBe('12-1 日 内 客厅');
    expect(rows[2]).toEqual(['12', '双胞胎, "回来了"', 'Blue', 'blue', 'weak-evidence', 's2', '12-1 日 内 客厅', 'few-viewers;coordinated', '612', '12', '600', 'paying=yes', '0.9167', 'l1 l2']);
    // The working script, and a revision whose colour was not given.
    expect([cell(3, 'revision'), cell(3, 'revisionId')]).toEqual(['working', '']);
    expect([cell(4, 'revision'), cell(4, 'revisionId')]).toEqual(['', 'pink']);
    expect(cell(1, 'mentions')).toBe('');
    expect(findingsToCsv([], episodes, { bom: false })).toBe(`${FINDINGS_CSV_HEADER.join(',')}\r\n`);
  });

  it('[AU9] a cell that starts like a formula (= + - @, tab, CR) is prefixed with a single quote', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[4]![FINDINGS_CSV_HEADER.indexOf('heading')]).toBe(`'=HYPERLINK("http://x.example","点我")`);
    expect(csvField('+86 138')).toBe("'+86 138");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('a=1')).toBe('a=1');
    expect(csvField('请签收')).toBe('请签收');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(null)).toBe('');
  });
});
