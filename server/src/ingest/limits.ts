/**
 * Size caps of the ingestion pipeline. They bound memory per row (a 1 GB file
 * is streamed, never held) and reject hostile or broken input row by row.
 */

/** A single field (CSV cell, JSON string, danmaku text) longer than this rejects its row [IN6]. */
export const FIELD_CAP = 64 * 1024;

/** A record (CSV line run, JSON element, XML element) longer than this rejects its row [IN6]. */
export const RECORD_CAP = 1024 * 1024;

/** Comment text longer than this (after clean-up) rejects the row [IN13]. */
export const TEXT_CAP = 10_000;

/** Segment values are labels, not prose: longer values reject the row. */
export const SEGMENT_VALUE_CAP = 200;

/** Most fields a flattened JSON object may have. */
export const MAX_JSON_KEYS = 500;
