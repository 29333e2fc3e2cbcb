import { SCRIPT_FRAGMENT } from '@loopline/shared';
import * as Y from 'yjs';

/**
 * Waiting on events, never on timers: a condition over Yjs documents is
 * re-checked on every update of any of them. The deadline only turns a hang
 * into a readable failure (it is not part of the condition).
 */
export function waitForDocs(docs: Y.Doc[], check: () => boolean, what: string, deadlineMs = 30_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onUpdate = (): void => {
      if (!check()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}`));
    }, deadlineMs);
    function cleanup(): void {
      clearTimeout(timer);
      for (const doc of docs) doc.off('update', onUpdate);
    }
    for (const doc of docs) doc.on('update', onUpdate);
  });
}

/** Comparable summary of a document: state vector and the script fragment's XML. */
export function docState(doc: Y.Doc): string {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort((a, b) => a[0] - b[0]);
  return `${JSON.stringify(sv)}\n${doc.getXmlFragment(SCRIPT_FRAGMENT).toString()}`;
}

/** True when every document has the same state (same operations seen, same content). */
export function converged(docs: Y.Doc[]): boolean {
  const first = docState(docs[0]!);
  return docs.every((d) => docState(d) === first);
}

/** Waits until all `docs` converge. */
export function waitForConvergence(docs: Y.Doc[], what = 'convergence', deadlineMs?: number): Promise<void> {
  return waitForDocs(docs, () => converged(docs), what, deadlineMs);
}

/** A Y.Doc holding `updates` (state as one update, or many). */
export function docFrom(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}
