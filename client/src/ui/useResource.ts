import { useCallback, useEffect, useRef, useState } from 'react';

/** State of a loaded resource; `data` keeps the last good value during reloads. */
export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (after a mutation, or from a Retry button). */
  reload: () => void;
}

/**
 * Loads data with `loader` (memoise it with useCallback: a new loader means a
 * new load). Stale responses are dropped (aborted) so a fast navigation never
 * shows the previous page's data.
 */
export function useResource<T>(loader: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const lastLoader = useRef(loader);
  // `generation` is read so that reload() (which bumps it) re-runs the effect.
  useEffect(() => {
    void generation;
    // A different loader is a different resource: drop the old data. A reload keeps it (no flicker).
    if (lastLoader.current !== loader) {
      lastLoader.current = loader;
      setData(undefined);
    }
    const controller = new AbortController();
    setLoading(true);
    loader(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [loader, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

/** State of a mutation runner: which action is in flight and the last error. */
export interface Action {
  pending: boolean;
  error: unknown;
  clearError: () => void;
  /** Runs `fn`, records a failure for display, and rethrows it so callers (e.g. InlineEdit) can react. */
  run: <R>(fn: () => Promise<R>) => Promise<R>;
  /** Like `run` for fire-and-forget buttons: the failure is only displayed, never rethrown. */
  fire: (fn: () => Promise<unknown>) => void;
}

/** Tracks one area's mutations so buttons disable while saving and errors show in one place. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <R,>(fn: () => Promise<R>): Promise<R> => {
    setPending(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(err);
      throw err;
    } finally {
      setPending(false);
    }
  }, []);
  const fire = useCallback((fn: () => Promise<unknown>) => {
    run(fn).catch(() => undefined);
  }, [run]);
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, clearError, run, fire };
}
