import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How busy the machine is, from /proc/stat (Linux; null elsewhere). The
 * bench machine is shared: these say how much of it other work took while a
 * figure was measured, and let a run wait for a quieter moment.
 */

/** Busy and total CPU seconds of all CPUs since boot. */
export interface CpuTicks {
  busy: number;
  total: number;
  at: number;
}

const TICKS_PER_SECOND = 100;

/** The machine's CPU counters now. */
export function cpuTicks(): CpuTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, ...fields] = line.trim().split(/\s+/);
    const v = fields.slice(0, 8).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = v[3]! + v[4]!;
    return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND, at: performance.now() };
  } catch {
    return null;
  }
}

/**
 * Cores' worth of CPU that other processes used between `before` and
 * `after`, given the CPU seconds this measurement's own processes used.
 */
export function othersCores(before: CpuTicks | null, after: CpuTicks | null, ownCpuSeconds: number): number | null {
  if (!before || !after) return null;
  const wall = (after.at - before.at) / 1000;
  if (wall <= 0) return null;
  return Math.max(0, (after.busy - before.busy - ownCpuSeconds) / wall);
}

/** Share (0..1) of the machine's CPU time that was idle over the next `ms`. */
export async function idleShare(ms = 2_000): Promise<number | null> {
  const a = cpuTicks();
  await sleep(ms);
  const b = cpuTicks();
  if (!a || !b || b.total <= a.total) return null;
  return 1 - (b.busy - a.busy) / (b.total - a.total);
}

/**
 * Waits until at least `minIdle` of the CPU time is idle over 2 s, or
 * `maxWaitMs` has passed; returns the last idle share seen (null without /proc).
 */
export async function waitForQuiet(minIdle: number, maxWaitMs: number, log: (line: string) => void): Promise<number | null> {
  const until = performance.now() + maxWaitMs;
  let idle = await idleShare();
  let told = false;
  while (idle !== null && idle < minIdle && performance.now() < until) {
    if (!told) log(`  the machine is busy (${Math.round(idle * 100)}% idle); waiting up to ${Math.round(maxWaitMs / 1000)} s for ${Math.round(minIdle * 100)}%…`);
    told = true;
    await sleep(3_000);
    idle = await idleShare();
  }
  return idle;
}
