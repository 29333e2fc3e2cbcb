import type { Storage } from './types.js';

/**
 * Small helpers shared by every storage backend, so the SQLite and PostgreSQL
 * implementations agree on ordering rules, byte handling and errors.
 */

/** The part of Storage about series, episodes and the bible. */
export type CatalogStorage = Pick<
  Storage,
  | 'createSeries'
  | 'getSeries'
  | 'listSeries'
  | 'updateSeries'
  | 'createEpisode'
  | 'getEpisode'
  | 'listEpisodes'
  | 'updateEpisode'
  | 'getBible'
  | 'createCharacter'
  | 'updateCharacter'
  | 'deleteCharacter'
  | 'createLocation'
  | 'updateLocation'
  | 'deleteLocation'
>;

/** The part of Storage about Yjs documents and canonical snapshots. */
export type DocumentStorage = Pick<
  Storage,
  'appendUpdate' | 'loadDocument' | 'compactDocument' | 'quarantineUpdate' | 'listQuarantined' | 'saveCanonical' | 'getCanonical'
>;

/** The part of Storage about accounts, sessions, memberships and the audit log (issue 3). */
export type AccountStorage = Pick<
  Storage,
  | 'createUser'
  | 'getUser'
  | 'getUserByEmail'
  | 'listUsers'
  | 'updateUser'
  | 'countUsers'
  | 'createSession'
  | 'getSessionByTokenHash'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteSessionsOfUser'
  | 'deleteExpiredSessions'
  | 'setMembership'
  | 'getMembership'
  | 'listMembers'
  | 'removeMembership'
  | 'listSeriesOfUser'
  | 'appendAudit'
  | 'listAudit'
>;

/** Thrown when a write names a parent row that does not exist (e.g. an episode of an unknown series). */
export class StorageNotFoundError extends Error {
  /** Stable code for the API's error catalogue. */
  readonly code = 'ST_NOT_FOUND';
  constructor(
    readonly entity:
      | 'series'
      | 'episode'
      | 'user'
      | 'series or user'
      | 'feedback item'
      | 'evidence set'
      | 'link'
      | 'revision'
      | 'release',
    readonly id: string,
  ) {
    super(`unknown ${entity} ${id}`);
    this.name = 'StorageNotFoundError';
  }
}

/** Thrown when a write would break a uniqueness rule (e.g. an e-mail already taken). */
export class StorageConflictError extends Error {
  /** Stable code for the API's error catalogue. */
  readonly code = 'ST_CONFLICT';
  constructor(message: string) {
    super(message);
    this.name = 'StorageConflictError';
  }
}

/** E-mails are compared case-insensitively: every backend stores and looks them up in this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Default and largest page of listAudit. */
export const AUDIT_PAGE = { default: 50, max: 500 } as const;

/** A listAudit limit clamped to 1..AUDIT_PAGE.max. */
export function auditLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return AUDIT_PAGE.default;
  return Math.min(Math.max(Math.trunc(limit), 1), AUDIT_PAGE.max);
}

/** The current time as the ISO string every backend stores and returns. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * A fresh, exactly sized Uint8Array holding `bytes`. Drivers return Buffers
 * that may be views into a shared pool (small Buffers in Node are); callers
 * reading `.buffer` would then see unrelated bytes, so we copy.
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** A Buffer view (no copy) over `bytes`, as both drivers bind BLOB/BYTEA parameters from Buffers. */
export function asBuffer(bytes: Uint8Array): Buffer {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('expected a Uint8Array');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Clamps a requested 1-based episode position into `1..max`. Positions must be
 * integers; anything past the end means "at the end".
 */
export function clampPosition(requested: number, max: number): number {
  if (!Number.isInteger(requested)) throw new RangeError(`episode number must be an integer, got ${requested}`);
  return Math.min(Math.max(requested, 1), max);
}

/** Parses the aliases column (JSON text in SQLite) into a string array. */
export function parseAliases(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}
