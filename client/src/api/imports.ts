import type { ColumnMapping, ImportJob, ImportTarget, RowError } from '@loopline/shared';
import { query, request, unwrapList, upload } from './http';

/** Format choice of an import; `auto` lets the server sniff it. */
export type ImportFormatChoice = 'auto' | 'csv' | 'json' | 'ndjson' | 'danmaku-xml';
/** Encoding choice of an import; `auto` detects UTF-8 (with or without BOM) or GB18030. */
export type ImportEncodingChoice = 'auto' | 'utf-8' | 'gb18030';

/** The query parameters of an upload or a preview. */
export interface ImportOptions {
  target: ImportTarget;
  format?: ImportFormatChoice;
  encoding?: ImportEncodingChoice;
  delimiter?: string;
  platform?: string;
  /** Fixed episode for every row; omit when the episode comes from a mapped column. */
  episodeId?: string;
  presetId?: string;
  mapping?: ColumnMapping;
  fileName?: string;
}

/** Answer of the preview: what the server detected and what it suggests. */
export interface ImportPreview {
  format: string;
  encoding: string;
  delimiter: string | null;
  columns: string[];
  sampleRows: Record<string, unknown>[];
  suggestedPresetId: string | null;
  suggestedMapping: ColumnMapping;
  rowErrors: RowError[];
}

/** A documented column of a preset. */
export interface PresetColumn {
  name: string;
  field: string;
  description: string;
}

/** A column-mapping preset for a platform export (Douyin, Kuaishou, TikTok, YouTube…). */
export interface ImportPreset {
  id: string;
  label: string;
  platform: string;
  target: ImportTarget;
  format: string;
  mapping: ColumnMapping;
  columns: PresetColumn[];
}

/** A field of an import target, and whether a row needs it. */
export interface TargetField {
  field: string;
  required: boolean;
  description: string;
}

/** Presets and the fields each target accepts. */
export interface ImportCatalogue {
  presets: ImportPreset[];
  targetFields: Record<ImportTarget, TargetField[]>;
}

/** A mapping saved under a name in a series. */
export interface SavedMapping {
  name: string;
  target: ImportTarget;
  mapping: ColumnMapping;
}

/** How many bytes of the file the preview reads (the server sniffs format and encoding from them). */
export const PREVIEW_BYTES = 256 * 1024;

const seriesImports = (seriesId: string) => `/api/series/${encodeURIComponent(seriesId)}/imports`;
const importPath = (importId: string) => `/api/imports/${encodeURIComponent(importId)}`;
const mappingsPath = (seriesId: string) => `/api/series/${encodeURIComponent(seriesId)}/mappings`;

/** The query string of an upload or preview; `mapping` travels as a JSON string. */
export function importQuery(opts: ImportOptions): string {
  return query({
    target: opts.target,
    format: opts.format,
    encoding: opts.encoding,
    delimiter: opts.delimiter || undefined,
    platform: opts.platform || undefined,
    episodeId: opts.episodeId || undefined,
    presetId: opts.presetId || undefined,
    mapping: opts.mapping && Object.keys(opts.mapping).length > 0 ? JSON.stringify(opts.mapping) : undefined,
    fileName: opts.fileName || undefined,
  });
}

/** The Content-Type to send a file with: its own, or a neutral one (the server sniffs). */
export function contentTypeOf(file: Blob): string {
  return file.type || 'application/octet-stream';
}

/** POST /api/series/:seriesId/imports/preview — sends only the first 256 KiB. */
export function previewImport(seriesId: string, file: Blob, opts: ImportOptions, signal?: AbortSignal): Promise<ImportPreview> {
  return upload<ImportPreview>(`${seriesImports(seriesId)}/preview${importQuery(opts)}`, file.slice(0, PREVIEW_BYTES), contentTypeOf(file), signal);
}

/** POST /api/series/:seriesId/imports — streams the whole file as the raw body; 202 with the job. */
export function startImport(seriesId: string, file: Blob, opts: ImportOptions, signal?: AbortSignal): Promise<ImportJob> {
  return upload<ImportJob>(`${seriesImports(seriesId)}${importQuery(opts)}`, file, contentTypeOf(file), signal);
}

/** GET /api/series/:seriesId/imports — newest first as the server orders them. */
export async function listImports(seriesId: string, signal?: AbortSignal): Promise<ImportJob[]> {
  return unwrapList<ImportJob>(await request<unknown>('GET', seriesImports(seriesId), undefined, signal), 'imports');
}

/** GET /api/imports/:importId — the job with its live progress. */
export function getImport(importId: string, signal?: AbortSignal): Promise<ImportJob> {
  return request<ImportJob>('GET', importPath(importId), undefined, signal);
}

/** POST /api/imports/:importId/cancel */
export function cancelImport(importId: string): Promise<ImportJob | undefined> {
  return request<ImportJob | undefined>('POST', `${importPath(importId)}/cancel`);
}

/** Link to the full error report (CSV download). */
export function errorReportUrl(importId: string, format: 'csv' | 'json' = 'csv'): string {
  return `${importPath(importId)}/errors${query({ format })}`;
}

/** GET /api/imports/:importId/errors?format=json — the rejected rows (`{ errors }` or a bare array). */
export async function getImportErrors(importId: string, signal?: AbortSignal): Promise<RowError[]> {
  return unwrapList<RowError>(await request<unknown>('GET', errorReportUrl(importId, 'json'), undefined, signal), 'errors');
}

/** GET /api/import-presets */
export function getImportCatalogue(signal?: AbortSignal): Promise<ImportCatalogue> {
  return request<ImportCatalogue>('GET', '/api/import-presets', undefined, signal);
}

/** GET /api/series/:seriesId/mappings */
export async function listMappings(seriesId: string, signal?: AbortSignal): Promise<SavedMapping[]> {
  return unwrapList<SavedMapping>(await request<unknown>('GET', mappingsPath(seriesId), undefined, signal), 'mappings');
}

/** PUT /api/series/:seriesId/mappings/:name — saves (or replaces) a named mapping; answers the list. */
export async function saveMapping(seriesId: string, name: string, target: ImportTarget, mapping: ColumnMapping): Promise<SavedMapping[]> {
  return unwrapList<SavedMapping>(await request<unknown>('PUT', `${mappingsPath(seriesId)}/${encodeURIComponent(name)}`, { target, mapping }), 'mappings');
}

/** DELETE /api/series/:seriesId/mappings/:name */
export async function deleteMapping(seriesId: string, name: string): Promise<void> {
  await request<unknown>('DELETE', `${mappingsPath(seriesId)}/${encodeURIComponent(name)}`);
}
