import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';

/** The machine a benchmark ran on, as recorded next to its figures. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the bench started: other work on a shared machine skews the figures. */
  loadAverage: number;
}

/** The 1-minute load average now (sampled again at the end of a run). */
export function currentLoad(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/** Reads the CPU model from /proc/cpuinfo (Linux), the rest from Node. */
export function describeMachine(): Machine {
  let cpuModel = 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1]!.trim();
  } catch {
    // Not Linux: leave the model unknown rather than guess.
  }
  return {
    cpus: availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: currentLoad(),
  };
}
