/**
 * docs/BENCHMARKS.md is shared by several benches, each run on its own
 * (`pnpm bench`, `pnpm bench diff`, `pnpm bench ingest`). A recorded run
 * rewrites only the text between its own markers
 *
 *   <!-- bench:NAME:start -->
 *   …
 *   <!-- bench:NAME:end -->
 *
 * so one bench never erases another's figures, and prose written around
 * the sections by hand survives every run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The file every bench records into. */
export const BENCHMARKS_FILE = fileURLToPath(new URL('../../docs/BENCHMARKS.md', import.meta.url));

/** What a fresh file holds before any section is recorded. */
const NEW_FILE = '# Benchmarks\n';

/** The start and end markers of the section `name`. */
export function sectionMarkers(name: string): { start: string; end: string } {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bench section name must be a lowercase slug, got ${JSON.stringify(name)}`);
  return { start: `<!-- bench:${name}:start -->`, end: `<!-- bench:${name}:end -->` };
}

// Markers of the first section writers (`<!-- bench:NAME -->` … `<!-- /bench:NAME -->`), replaced on their next run.
function legacyMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- bench:${name} -->`, end: `<!-- /bench:${name} -->` };
}

function locate(markdown: string, m: { start: string; end: string }): { from: number; to: number } | null {
  const from = markdown.indexOf(m.start);
  if (from < 0) return null;
  const end = markdown.indexOf(m.end, from + m.start.length);
  if (end < 0) return null;
  return { from, to: end + m.end.length };
}

/**
 * `markdown` with the section `name` holding `body` (markdown without the
 * markers). The section is replaced where it stands, or appended at the end
 * when the file has none yet; every other byte of the file is kept. A start
 * marker without its end is an error rather than a guess: the text after it
 * may be someone else's.
 */
export function withSection(markdown: string, name: string, body: string): string {
  const m = sectionMarkers(name);
  const section = `${m.start}\n${body.trim()}\n${m.end}`;
  const at = locate(markdown, m) ?? locate(markdown, legacyMarkers(name));
  if (at) return markdown.slice(0, at.from) + section + markdown.slice(at.to);
  if (markdown.includes(m.start)) throw new Error(`docs/BENCHMARKS.md has ${m.start} without ${m.end}; fix the file by hand`);
  return `${markdown.trimEnd()}\n\n${section}\n`;
}

/** Writes `body` into the section `name` of docs/BENCHMARKS.md (created if missing). */
export function recordSection(name: string, body: string, file: string = BENCHMARKS_FILE): void {
  let existing = NEW_FILE;
  try {
    existing = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  writeFileSync(file, withSection(existing, name, body));
}
