/**
 * Turns the free-form parts of an audit entry (`target`, `details`) into one
 * readable line without knowing every event's shape: strings as they are,
 * objects as `key: value` pairs, nothing for null. The server owns the shapes;
 * the log must still read well when a new event appears [UA12].
 */
export function describeValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => describeValue(v, depth + 1)).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    // Deep structures are rare in an audit line; past two levels the raw JSON is clearer than more nesting.
    if (depth > 1) return JSON.stringify(value);
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, describeValue(v, depth + 1)] as const)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => (depth === 0 ? `${k}: ${v}` : `${k}=${v}`))
      .join(depth === 0 ? ' · ' : ', ');
  }
  return String(value);
}

/** The preferred short name of a target object (e-mail, title, name), else its description. */
export function describeTarget(target: unknown): string {
  if (target && typeof target === 'object' && !Array.isArray(target)) {
    const t = target as Record<string, unknown>;
    for (const key of ['displayName', 'email', 'title', 'name', 'id']) {
      if (typeof t[key] === 'string' && t[key] !== '') return t[key] as string;
    }
  }
  return describeValue(target);
}

/** i18n key of an action name (`member.role_changed` → `audit.actions.member_role_changed`). */
export function actionKey(action: string): string {
  return `audit.actions.${action.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/**
 * The details line: ids (`userId`, `sessionId`…) mean nothing to a reader and
 * stay out of it; the full record is the cell's tooltip.
 */
export function describeDetails(details: unknown): string {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return describeValue(details);
  const readable = Object.fromEntries(Object.entries(details as Record<string, unknown>).filter(([k]) => !/(^id|Id)$/.test(k)));
  return describeValue(readable);
}
