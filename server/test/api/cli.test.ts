import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/loopline.mjs', import.meta.url));

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dataDir = tempDir('loopline-cli-');
  dirs.push(dataDir);
  return dataDir;
}

function run(args: string[], env: NodeJS.ProcessEnv, dataDir = newDataDir()): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, PORT: '0', LOOPLINE_DATA_DIR: dataDir, LOOPLINE_CLIENT_DIR: `${dataDir}/none`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** Resolves with the first stdout line matching `pattern` (the process logs JSON lines). */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n').find((l) => pattern.test(l));
      if (line) {
        child.stdout?.off('data', onData);
        resolve(line);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}: ${buffered}`)));
  });
}

describe('loopline CLI', () => {
  it('[API15] `loopline serve` listens, answers health, and exits 0 on SIGTERM', async () => {
    const child = run(['serve'], { LOOPLINE_DEMO: '0', LOOPLINE_LOG_LEVEL: 'info' });
    const line = await waitForLine(child, /listening on http/);
    const url = /listening on (http:\/\/[^\s"]+)/.exec(line)?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('[API1] an invalid configuration stops start-up with the variable named', async () => {
    const child = run(['serve'], { PORT: 'eighty' });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('PORT: must be an integer');
  });

  it('[API12] `loopline seed-demo` seeds once, then reports nothing to do', async () => {
    const dataDir = newDataDir();
    const first = run(['seed-demo'], {}, dataDir);
    await waitForLine(first, /created the demo series .* with 6 episodes/);
    expect((await once(first, 'exit'))[0]).toBe(0);
    const second = run(['seed-demo'], {}, dataDir);
    await waitForLine(second, /already holds series; nothing seeded/);
    expect((await once(second, 'exit'))[0]).toBe(0);
  });
});
