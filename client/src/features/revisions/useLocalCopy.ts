import { useCallback, useState } from 'react';

/**
 * A local copy of loaded data that workflow steps may update (the server
 * answers a step with the changed revision, shown at once), dropped as soon
 * as a new load arrives: the fresh data wins. Reset during render rather
 * than in an effect, so no frame shows the stale copy.
 */
export function useLocalCopy<T>(source: T): [T, (update: (old: T) => T) => void] {
  const [copy, setCopy] = useState<{ of: T; value: T }>({ of: source, value: source });
  if (copy.of !== source) setCopy({ of: source, value: source });
  const update = useCallback((fn: (old: T) => T) => setCopy((c) => ({ of: c.of, value: fn(c.value) })), []);
  return [copy.of === source ? copy.value : source, update];
}
