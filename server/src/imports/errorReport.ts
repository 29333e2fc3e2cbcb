import type { RowError } from '@loopline/shared';
import type { Storage } from '../storage/types.js';

/**
 * One CSV cell. Quoted when it holds a delimiter, quote or line break; a
 * cell starting with = + - @ (or a tab/CR) gets a leading apostrophe, so a
 * spreadsheet opening the report never runs a formula from a hostile row
 * (the reasons quote file content).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line of the report. */
export function csvLine(e: RowError): string {
  return `${e.line},${csvCell(e.column ?? '')},${csvCell(e.reason)}\r\n`;
}

/**
 * The error report of an import as CSV, page by page from storage so a
 * report of 100,000 rows is never built in memory [FB2]. Starts with a UTF-8
 * BOM so spreadsheet programs read the Chinese column names right.
 */
export async function* errorReportCsv(storage: Storage, importId: string): AsyncGenerator<string> {
  yield '\uFEFFline,column,reason\r\n';
  let after: number | null = null;
  do {
    const page = await storage.listImportErrors(importId, { after, limit: 5000 });
    if (page.errors.length > 0) yield page.errors.map(csvLine).join('');
    after = page.next;
  } while (after !== null);
}

/** Every stored error of an import, in file order (at most the stored cap). */
export async function allErrors(storage: Storage, importId: string): Promise<RowError[]> {
  const out: RowError[] = [];
  let after: number | null = null;
  do {
    const page = await storage.listImportErrors(importId, { after, limit: 10_000 });
    out.push(...page.errors);
    after = page.next;
  } while (after !== null);
  return out;
}
