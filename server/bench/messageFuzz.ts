/**
 * The sync-socket message fuzz [AC30] (part of `pnpm fuzz`): the whole app
 * (accounts included) runs in a child process; seeded mutations of messages
 * captured from a real provider are sent over raw, authorized WebSockets;
 * `/api/health` is probed between batches. See
 * test/collab-security/support/fuzz/run.ts for what is checked.
 */
import { FUZZ_SERVER_LIMITS } from '../test/collab-security/fuzzLimits.js';
import { captureCorpus } from '../test/collab-security/support/fuzz/capture.js';
import { type FuzzReport, formatReport, runFuzz } from '../test/collab-security/support/fuzz/run.js';
import { startServerProcess } from '../test/collab-security/support/serverProcess.js';

/** Runs `mutations` mutations with `seed`; prints the figures and returns the report. */
export async function runMessageFuzz(mutations: number, seed: number): Promise<FuzzReport> {
  const server = await startServerProcess(FUZZ_SERVER_LIMITS);
  try {
    const memoryBefore = await server.memory();
    const writer = { cookie: server.cookies.writer, origin: server.origin };
    const corpus = await captureCorpus(server.wsUrl, server.episodeId, writer, 7);
    console.log(`message fuzz: seed ${seed} (rerun: pnpm fuzz messages ${mutations} ${seed}); corpus of ${corpus.length} captured messages`);
    const report = await runFuzz(
      {
        wsUrl: server.wsUrl,
        episodeId: server.episodeId,
        writer,
        reviewer: { cookie: server.cookies.reviewer, origin: server.origin },
        health: () => server.health(),
        state: () => server.state(),
      },
      corpus,
      { seed, mutations },
    );
    const memoryAfter = await server.memory();
    console.log(formatReport(report));
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `  server heap after GC ${mb(memoryBefore.heapUsed)} → ${mb(memoryAfter.heapUsed)} MB, rss ${mb(memoryBefore.rss)} → ${mb(memoryAfter.rss)} MB; server process ${server.child.exitCode === null ? 'still up' : 'DIED'}`,
    );
    if (server.child.exitCode !== null) report.failures.push('the server process died');
    return report;
  } finally {
    await server.stop();
  }
}
