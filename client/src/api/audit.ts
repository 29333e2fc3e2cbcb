import { query, request } from './http';

/** Who did something; null for the system (start-up, a CLI command). */
export interface AuditActor {
  id: string;
  email: string;
  displayName: string;
}

/** One line of the audit log: logins, role changes, imports, erasures, approvals. */
export interface AuditEntry {
  /** Grows with every entry (the server's order and paging key). */
  id: string;
  /** ISO time of the event. */
  at: string;
  actor: AuditActor | null;
  seriesId: string | null;
  /** Stable machine name of the event, e.g. `member.role_changed`. */
  action: string;
  /** What it was done to (an e-mail, an id, a title); '' when nothing. */
  target: unknown;
  /** Event-specific facts (old and new role, counts). */
  details: unknown;
}

/** One page of the log, newest first; `nextBefore` asks for the next (older) page, null at the end. */
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: string | null;
}

function toPage(body: unknown): AuditPage {
  const record = (body ?? {}) as { entries?: unknown; nextBefore?: unknown };
  const entries = Array.isArray(record.entries) ? (record.entries as AuditEntry[]) : Array.isArray(body) ? (body as AuditEntry[]) : [];
  const next = record.nextBefore;
  return { entries, nextBefore: typeof next === 'string' || typeof next === 'number' ? String(next) : null };
}

/** GET /api/series/:seriesId/audit — the series' log (needs `audit.read`). */
export async function listSeriesAudit(seriesId: string, before?: string, signal?: AbortSignal): Promise<AuditPage> {
  return toPage(await request<unknown>('GET', `/api/series/${encodeURIComponent(seriesId)}/audit${query({ before })}`, undefined, signal));
}

/** GET /api/audit — the whole site's log (site admins). */
export async function listAudit(before?: string, signal?: AbortSignal): Promise<AuditPage> {
  return toPage(await request<unknown>('GET', `/api/audit${query({ before })}`, undefined, signal));
}
