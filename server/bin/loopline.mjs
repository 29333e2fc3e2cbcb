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
  create-admin --email <e-mail> --name <display name>
              Create a site admin directly in the data directory (or
              DATABASE_URL), e.g. the first account. The password is read
              from standard input when it is piped
              (printf '%s' "$PW" | loopline create-admin ...), otherwise
              asked for twice without echo. At least 10 characters.
  import <file> --series <id> [--episode <id|number>] [--format auto] [--target feedback]
              [--preset douyin] [--platform douyin] [--server <url> --email <e-mail>] [--data-dir <dir>]
              Import comments, danmaku, metrics or retention curves from a platform export,
              directly into the data directory (or DATABASE_URL), or through a running
              server (password from LOOPLINE_PASSWORD). Progress on stderr.
              \`loopline import --help\` lists every option.
  generate --out <file> [--rows 10000] [--format csv|ndjson|json|xml] [--seed N] ...
              Write realistic, seeded audience data (comments, danmaku, metrics,
              retention) for tries and benchmarks. \`loopline generate --help\` for options.
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
    case 'create-admin': {
      const { email, name } = parseFlags(process.argv.slice(3), ['email', 'name']);
      if (!email || !name) {
        console.error(`create-admin needs --email and --name\n\n${USAGE}`);
        process.exit(2);
      }
      const password = await readPassword();
      const { loadConfig } = await import('../src/config.ts');
      const { openStorage } = await import('../src/storage/index.ts');
      const { createAdmin, CreateAdminError } = await import('../src/auth/createAdmin.ts');
      const config = loadConfig(process.env);
      const storage = await openStorage(config.database);
      try {
        await storage.migrate();
        const user = await createAdmin(storage, { email, displayName: name, password });
        console.log(`created the site admin ${user.email} (${user.id})`);
      } catch (err) {
        if (!(err instanceof CreateAdminError)) throw err;
        console.error(`create-admin: ${err.message}`);
        process.exitCode = 1;
      } finally {
        await storage.close();
      }
      return;
    }
    case 'import': {
      const { runImportCommand, IMPORT_USAGE } = await import('../src/imports/cli.ts');
      const args = process.argv.slice(3);
      if (args.includes('--help') || args.includes('-h')) {
        console.log(IMPORT_USAGE);
        return;
      }
      process.exitCode = await runImportCommand(args, process.env, { stdout: process.stdout, stderr: process.stderr });
      return;
    }
    case 'generate': {
      const { runGenerate, GENERATE_USAGE } = await import('../src/generate/index.ts');
      const args = process.argv.slice(3);
      if (args.includes('--help') || args.includes('-h')) {
        console.log(GENERATE_USAGE);
        return;
      }
      try {
        console.log(JSON.stringify(await runGenerate(args)));
      } catch (err) {
        console.error(`generate: ${err.message}`);
        process.exitCode = 2;
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

/** `--name value` and `--name=value` flags; unknown flags are an error. */
function parseFlags(args, names) {
  const out = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match || !names.includes(match[1])) {
      console.error(`unknown argument: ${args[i]}\n\n${USAGE}`);
      process.exit(2);
    }
    out[match[1]] = match[2] ?? args[++i];
  }
  return out;
}

/** The password: all of stdin when piped (one trailing newline dropped), else typed twice without echo. */
async function readPassword() {
  if (!process.stdin.isTTY) {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  const first = await promptHidden('Password (at least 10 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) {
    console.error('create-admin: the passwords differ');
    process.exit(1);
  }
  return first;
}

/** Reads one line from the terminal without echoing it. */
async function promptHidden(question) {
  const { createInterface } = await import('node:readline');
  const { Writable } = await import('node:stream');
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
