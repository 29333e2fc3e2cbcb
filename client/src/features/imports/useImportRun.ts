import type { ImportJob } from '@loopline/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cancelImport, getImport, type ImportOptions, listImports, startImport } from '../../api/imports';

/** How often a running import is polled (ms). */
export const POLL_MS = 500;

/** Waits between polls; tests pass one that resolves when they say so (no timers). */
export type PollDelay = (ms: number) => Promise<void>;

/** The default delay: a plain timeout. */
export const timeoutDelay: PollDelay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where an upload stands. */
export type ImportRun =
  | { phase: 'idle' }
  | { phase: 'running'; job: ImportJob | null; cancelling: boolean }
  | { phase: 'finished'; job: ImportJob }
  /** Cancelled before the server had made a job of it. */
  | { phase: 'cancelled' }
  | { phase: 'failed'; error: unknown; job: ImportJob | null };

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Runs one import [UF3]: streams the file as the request body and follows
 * the job until it is no longer running. The server may answer the upload
 * at once (202, job running) or only once it has read the body; while the
 * upload is in flight the series' import list is polled for the running job
 * of this file, so the bar moves and Cancel works either way.
 */
export function useImportRun(seriesId: string, delay: PollDelay = timeoutDelay) {
  const [run, setRun] = useState<ImportRun>({ phase: 'idle' });
  // What cancel() needs while start() is awaiting: the upload to abort and the job to cancel.
  const live = useRef<{ upload: AbortController | null; job: ImportJob | null; cancelling: boolean }>({ upload: null, job: null, cancelling: false });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      live.current.upload?.abort();
    };
  }, []);

  const update = useCallback((next: ImportRun) => {
    if (alive.current) setRun(next);
  }, []);

  const start = useCallback(
    async (file: File, opts: ImportOptions): Promise<ImportJob | null> => {
      const state = { upload: new AbortController(), job: null as ImportJob | null, cancelling: false };
      live.current = state;
      const show = (job: ImportJob) => {
        state.job = job;
        update({ phase: 'running', job, cancelling: state.cancelling });
      };
      const startedAt = Date.now();
      update({ phase: 'running', job: null, cancelling: false });
      const outcome: { job?: ImportJob; error?: unknown } = {};
      const upload = startImport(seriesId, file, { ...opts, fileName: file.name }, state.upload.signal).then(
        (answer) => {
          outcome.job = answer;
        },
        (error: unknown) => {
          outcome.error = error;
        },
      );
      try {
        // While the body is still streaming, find the job by file name in the series' list.
        while (!outcome.job && !outcome.error && alive.current) {
          await Promise.race([delay(POLL_MS), upload]);
          if (outcome.job || outcome.error) break;
          const jobs = await listImports(seriesId).catch(() => [] as ImportJob[]);
          const mine = jobs.find((j) => j.status === 'running' && j.fileName === file.name && Date.parse(j.startedAt) >= startedAt - 60_000);
          if (mine) show(mine);
        }
        if (outcome.error !== undefined) {
          if (!isAbort(outcome.error)) throw outcome.error;
          if (!state.job) {
            update({ phase: 'cancelled' });
            return null;
          }
        }
        let current = outcome.job ?? state.job;
        while (current && current.status === 'running' && alive.current) {
          show(current);
          await delay(POLL_MS);
          current = await getImport(current.id);
        }
        if (current) update({ phase: 'finished', job: current });
        return current;
      } catch (error) {
        update({ phase: 'failed', error, job: state.job });
        return null;
      }
    },
    [seriesId, delay, update],
  );

  /** Cancels on the server when the job is known, and stops the upload stream if it is still going. */
  const cancel = useCallback(async () => {
    const state = live.current;
    state.cancelling = true;
    setRun((r) => (r.phase === 'running' ? { ...r, cancelling: true } : r));
    if (state.job) await cancelImport(state.job.id).catch(() => undefined);
    state.upload?.abort();
  }, []);

  const reset = useCallback(() => update({ phase: 'idle' }), [update]);
  return { run, start, cancel, reset };
}
