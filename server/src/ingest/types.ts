import type { ColumnMapping, FeedbackItem, ImportFormat, ImportTarget } from '@loopline/shared';

/** A field value as read from a file, before mapping and validation. */
export type RawValue = string | number | boolean | null;

/**
 * One record read from an import file. `line` is the 1-based physical line where
 * the record starts. A structurally broken record has `error` set (and `fields`
 * empty); reading continues with the next record.
 */
export interface RawRow {
  line: number;
  fields: Record<string, RawValue>;
  error?: string;
  /** Column the structural error is about, when there is one (e.g. an oversized field). */
  column?: string;
}

/** Options of `readRows`. */
export interface ReadRowsOptions {
  format: ImportFormat;
  /** 'auto' (default) detects a UTF-8 BOM, valid UTF-8, else GB18030. */
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  /** CSV only; detected from the first lines when absent. */
  delimiter?: string;
  /** Called with the number of raw bytes consumed, for progress. */
  onBytes?: (n: number) => void;
}

/** A column-mapping preset for a platform's export. */
export interface ImportPreset {
  id: 'douyin' | 'kuaishou' | 'tiktok' | 'youtube' | 'bilibili-danmaku' | 'loopline';
  label: string;
  platform: string;
  target: ImportTarget;
  format: ImportFormat;
  mapping: ColumnMapping;
  /** The columns the preset expects, documented for the user. */
  columns: { name: string; field: string; description: string }[];
}

/** A feedback row after mapping and validation, before privacy (the caller pseudonymizes and redacts). */
export type NormalizedFeedback = Omit<FeedbackItem, 'id' | 'seriesId' | 'importId' | 'author' | 'redactions'> & {
  /** Raw author handle ('' when the export has none). Pseudonymize it, then drop it. */
  authorHandle: string;
  /** Dedup key when the platform gives no external id (hex). */
  contentHash: string;
};
