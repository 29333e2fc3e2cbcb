#!/usr/bin/env node
// The `loopline` command. It runs the server's TypeScript sources through tsx
// with the `source` export condition (so @loopline/shared resolves to its
// sources too), which a running process cannot switch on for itself: without
// those flags the script re-executes itself with them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const USAGE = `Usage: loopline <command>

Commands:
  serve       Start the server (default). Configuration comes from the
              environment: PORT, HOST, LOOPLINE_DATA_DIR, DATABASE_URL, ...
  seed-demo   Create the demo series now if the storage holds no series
              (even when LOOPLINE_DEMO=0), then exit.
  help        Show this text.`;

const hasSourceCondition = process.execArgv.some((a) => a === '--conditions=source' || a === '-C=source');

if (!hasSourceCondition) {
  const child = spawn(
    process.execPath,
    // tsx is resolved from this file, so the command works from any working directory.
    ['--conditions=source', '--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // Forward termination so `kill <pid>` of this wrapper shuts the server down cleanly.
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await run(process.argv[2] ?? 'serve');
}

async function run(command) {
  switch (command) {
    case 'serve': {
      const { main } = await import('../src/server.ts');
      await main(process.env);
      return;
    }
    case 'seed-demo': {
      const { loadConfig } = await import('../src/config.ts');
      const { openStorage } = await import('../src/storage/index.ts');
      const { seedDemo } = await import('../src/demo/seed.ts');
      const config = loadConfig(process.env);
      const storage = await openStorage(config.database);
      try {
        await storage.migrate();
        const result = await seedDemo(storage);
        console.log(
          result.seeded
            ? `created the demo series ${result.seriesId} with ${result.episodes} episodes`
            : 'the storage already holds series; nothing seeded',
        );
      } finally {
        await storage.close();
      }
      return;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      process.exit(2);
  }
}
