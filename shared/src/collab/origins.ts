/**
 * Typed transaction origins for changes the server makes to a Yjs document
 * (STYLE.md habit 5). Persistence and broadcast decisions follow the origin:
 * `load` is already stored and is neither persisted again nor broadcast.
 */
export type ServerOrigin =
  | { kind: 'load' }
  | { kind: 'seed'; reason: 'new-episode' | 'demo' }
  | { kind: 'repair'; reason: 'scene-ids' };

export const LOAD_ORIGIN: ServerOrigin = { kind: 'load' };

export function isServerOrigin(origin: unknown): origin is ServerOrigin {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    'kind' in origin &&
    ['load', 'seed', 'repair'].includes((origin as { kind: unknown }).kind as string)
  );
}
