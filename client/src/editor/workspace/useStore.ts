import { useCallback, useSyncExternalStore } from 'react';
import type { Store } from '../collab/store.js';

/**
 * Subscribes a component to a store, re-rendering only when `select`'s
 * result changes (compared with Object.is), so keystrokes do not re-render
 * a toolbar whose element did not change.
 */
export function useStore<T, R = T>(store: Store<T>, select: (value: T) => R = (v) => v as unknown as R): R {
  const get = useCallback(() => select(store.get()), [store, select]);
  return useSyncExternalStore(store.subscribe, get, get);
}
