import { AUDIT_FINDING_KINDS, type AuditFinding, type AuditFindingKind } from '../domain/evidence.js';

/** Which findings to keep; criteria combine with AND, an absent one keeps everything [AU8]. */
export interface FindingFilter {
  /** One kind or several. */
  kind?: AuditFindingKind | readonly AuditFindingKind[];
  episodeId?: string;
  /** A revision's id, or null for the working script's findings. */
  revisionId?: string | null;
}

/** The findings matching the filter, in their order [AU8]. */
export function filterFindings(findings: readonly AuditFinding[], filter: FindingFilter = {}): AuditFinding[] {
  const kinds = filter.kind === undefined ? null : new Set<AuditFindingKind>(typeof filter.kind === 'string' ? [filter.kind] : filter.kind);
  return findings.filter(
    (f) =>
      (kinds === null || kinds.has(f.kind)) &&
      (filter.episodeId === undefined || f.episodeId === filter.episodeId) &&
      (filter.revisionId === undefined || f.revisionId === filter.revisionId),
  );
}

/** Counts of findings by kind. */
export type FindingCounts = Record<AuditFindingKind, number>;

/** Totals of a series audit: overall, by kind, and by episode and kind [AU7]. */
export interface FindingSummary {
  total: number;
  byKind: FindingCounts;
  /** Only episodes with findings. */
  byEpisode: Record<string, FindingCounts>;
}

const zeroCounts = (): FindingCounts => Object.fromEntries(AUDIT_FINDING_KINDS.map((k) => [k, 0])) as FindingCounts;

/** Counts findings by kind and by episode [AU7]. */
export function summarizeFindings(findings: readonly AuditFinding[]): FindingSummary {
  const summary: FindingSummary = { total: findings.length, byKind: zeroCounts(), byEpisode: {} };
  for (const f of findings) {
    summary.byKind[f.kind]++;
    const counts = summary.byEpisode[f.episodeId] ?? zeroCounts();
    counts[f.kind]++;
    summary.byEpisode[f.episodeId] = counts;
  }
  return summary;
}

/** Episodes and revisions as the CSV labels them. */
export interface CsvEpisode {
  id: string;
  number: number;
  title: string;
}
export interface CsvRevision {
  id: string;
  colour: string;
}

/** Options of `findingsToCsv`. */
export interface FindingsCsvOptions {
  /** Revisions to name by colour (otherwise only their id is written). */
  revisions?: readonly CsvRevision[];
  /**
   * Start with a UTF-8 byte-order mark (default true): Excel reads a CSV
   * without one in the system code page and garbles Chinese.
   */
  bom?: boolean;
}

export const FINDINGS_CSV_HEADER = [
  'episode',
  'episodeTitle',
  'revision',
  'revisionId',
  'kind',
  'sceneId',
  'heading',
  'reasons',
  'mentions',
  'distinctViewers',
  'coordinated',
  'topSegment',
  'topSegmentShare',
  'linkIds',
] as const;

// Spreadsheets run a cell starting with these as a formula (OWASP "CSV injection"); tab and CR too.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field [AU9]: a text starting like a formula gets a leading `'`;
 * a field holding a comma, quote, CR or LF is quoted with inner quotes doubled (RFC 4180).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The findings as CSV [AU9]: a header row (`FINDINGS_CSV_HEADER`), one row
 * per finding, CRLF line ends (RFC 4180), UTF-8 with a BOM by default.
 * Episodes are labelled by number and title, revisions by colour when known,
 * "working" for the working script; list cells are joined with `;` / spaces.
 */
export function findingsToCsv(findings: readonly AuditFinding[], episodes: readonly CsvEpisode[], opts: FindingsCsvOptions = {}): string {
  const episodeById = new Map(episodes.map((e) => [e.id, e]));
  const colourById = new Map((opts.revisions ?? []).map((r) => [r.id, r.colour]));
  const lines = [FINDINGS_CSV_HEADER.map(csvField).join(',')];
  for (const f of findings) {
    const ep = episodeById.get(f.episodeId);
    const s = f.sample;
    const row: (string | number | null)[] = [
      ep ? ep.number : null,
      ep ? ep.title : null,
      f.revisionId === null ? 'working' : (colourById.get(f.revisionId) ?? null),
      f.revisionId,
      f.kind,
      f.sceneId,
      f.heading,
      f.reasons.join(';'),
      s ? s.mentions : null,
      s ? s.distinctViewers : null,
      s ? s.coordinated : null,
      s?.topSegment ? `${s.topSegment.name}=${s.topSegment.value}` : null,
      s?.topSegment ? Math.round(s.topSegment.share * 1e4) / 1e4 : null,
      f.linkIds.join(' '),
    ];
    lines.push(row.map(csvField).join(','));
  }
  return `${opts.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}
