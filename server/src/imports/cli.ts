import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { FEEDBACK_KINDS, type FeedbackKind, IMPORT_FORMATS, IMPORT_TARGETS, type ImportJob, type ImportTarget } from '@loopline/shared';
import { loadConfig } from '../config.js';
import { openStorage } from '../storage/index.js';
import { type BarOutput, progressBar, summaryLine } from './progressBar.js';
import { ImportRunner } from './runner.js';
import { episodeResolver, ImportSetupError } from './setup.js';

export const IMPORT_USAGE = `loopline import <file> --series <id> [options]
  --episode <id|number>   episode of rows without an episode column (12, 第12集 or an id)
  --target feedback|metrics|retention   (default feedback)
  --format auto|csv|json|ndjson|danmaku-xml   (default auto)
  --preset <id>           column preset: douyin, kuaishou, tiktok, youtube, bilibili-danmaku, loopline
  --platform <slug>       platform of rows without a platform column
  --kind comment|danmaku|repost|mention
  --encoding auto|utf-8|gb18030   --delimiter <c|tab>   --mapping '<JSON field→column>'
  Directly on a data directory (default): --data-dir <dir> (else LOOPLINE_DATA_DIR; DATABASE_URL is honoured)
  Against a running server: --server http://host:port --email <e-mail> (password from LOOPLINE_PASSWORD)
  Progress goes to stderr; the summary to stdout. Exit code 0 when the import ran to the end
  (rejected rows are listed in its error report), 1 when the file is unusable or the import failed.`;

/** Where the command talks: stdout for the summary, stderr for progress and reasons. */
export interface CliIo {
  stdout: BarOutput;
  stderr: BarOutput;
}

/** Thrown for a bad command line (exit code 2). */
class UsageError extends Error {}

interface Args {
  file: string;
  series: string;
  episode?: string;
  target: ImportTarget;
  format: (typeof IMPORT_FORMATS)[number] | 'auto';
  preset?: string;
  platform?: string;
  kind?: FeedbackKind;
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  delimiter?: string;
  mapping?: Record<string, string>;
  server?: string;
  email?: string;
  dataDir?: string;
  batchSize?: number;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function parse(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      series: { type: 'string' },
      episode: { type: 'string' },
      target: { type: 'string' },
      format: { type: 'string' },
      preset: { type: 'string' },
      platform: { type: 'string' },
      kind: { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      mapping: { type: 'string' },
      server: { type: 'string' },
      email: { type: 'string' },
      'data-dir': { type: 'string' },
      'batch-size': { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('name exactly one file to import');
  if (!values.series) throw new UsageError('--series is required');
  if (values.server && !values.email) throw new UsageError('--server needs --email (and the password in LOOPLINE_PASSWORD)');
  let mapping: Record<string, string> | undefined;
  if (values.mapping !== undefined) {
    try {
      mapping = JSON.parse(values.mapping) as Record<string, string>;
    } catch {
      throw new UsageError('--mapping must be a JSON object, e.g. {"text":"评论内容","postedAt":"发布时间"}');
    }
  }
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) throw new UsageError('--batch-size must be a positive whole number');
  return {
    file,
    series: values.series,
    episode: values.episode,
    target: oneOf('target', values.target, IMPORT_TARGETS) ?? 'feedback',
    format: oneOf('format', values.format, ['auto', ...IMPORT_FORMATS] as const) ?? 'auto',
    preset: values.preset,
    platform: values.platform,
    kind: oneOf('kind', values.kind, FEEDBACK_KINDS),
    encoding: oneOf('encoding', values.encoding, ['auto', 'utf-8', 'gb18030'] as const),
    delimiter: values.delimiter === 'tab' ? '\t' : values.delimiter,
    mapping,
    server: values.server,
    email: values.email,
    dataDir: values['data-dir'],
    batchSize,
  };
}

/** Runs `loopline import`; resolves with the exit code. */
export async function runImportCommand(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let args: Args;
  try {
    args = parse(argv);
  } catch (err) {
    io.stderr.write(`import: ${(err as Error).message}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  let size: number;
  try {
    const stat = statSync(args.file);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
  } catch (err) {
    io.stderr.write(`import: cannot read ${args.file}: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    const job = args.server ? await viaServer(args, size, env, io) : await direct(args, size, env, io);
    io.stdout.write(`${summaryLine(job)}\n`);
    return job.status === 'done' ? 0 : 1;
  } catch (err) {
    if (err instanceof ImportSetupError || err instanceof CommandError) {
      io.stderr.write(`import: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/** A reason to stop that the user can act on (a server's 4xx, a failed sign-in). */
class CommandError extends Error {}

/** Imports straight into the data directory's storage (no server needed). */
async function direct(args: Args, size: number, env: NodeJS.ProcessEnv, io: CliIo): Promise<ImportJob> {
  const config = loadConfig(args.dataDir ? { ...env, LOOPLINE_DATA_DIR: args.dataDir } : env);
  const storage = await openStorage(config.database);
  const bar = progressBar(io.stderr);
  try {
    let episodeId: string | null = null;
    if (args.episode !== undefined) {
      const id = episodeResolver(await storage.listEpisodes(args.series, { includeArchived: true }))(args.episode);
      if (!id) throw new ImportSetupError('episode', `No episode ${args.episode} in series ${args.series}.`);
      episodeId = id;
    }
    const runner = new ImportRunner({ storage, batchSize: args.batchSize, maxBytes: config.imports.maxUploadBytes });
    runner.onProgress((job) => bar.update(job));
    const handle = await runner.start({
      seriesId: args.series,
      target: args.target,
      format: args.format,
      encoding: args.encoding,
      delimiter: args.delimiter ?? null,
      platform: args.platform ?? null,
      episodeId,
      kind: args.kind,
      mapping: args.mapping ?? null,
      presetId: args.preset ?? null,
      fileName: basename(args.file),
      totalBytes: size,
      source: createReadStream(args.file, { highWaterMark: 256 * 1024 }),
    });
    // Ctrl-C cancels at the next batch: what is stored stays, and a re-run adds only the rest.
    const onSigint = () => runner.cancel(handle.job.id);
    process.once('SIGINT', onSigint);
    const job = await handle.done;
    process.off('SIGINT', onSigint);
    return job;
  } finally {
    bar.done();
    await storage.close();
  }
}

/** Uploads the file to a running server and follows the job there. */
async function viaServer(args: Args, size: number, env: NodeJS.ProcessEnv, io: CliIo): Promise<ImportJob> {
  const base = args.server!.replace(/\/+$/, '');
  const password = env.LOOPLINE_PASSWORD;
  if (!password) throw new CommandError('set LOOPLINE_PASSWORD to the password of --email');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: args.email, password }),
  });
  if (!login.ok) throw new CommandError(`sign-in failed: ${await reason(login)}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers ?? {}) } });
    if (!res.ok) throw new CommandError(await reason(res));
    return (await res.json()) as T;
  };

  let episodeId: string | undefined;
  if (args.episode !== undefined) {
    const { episodes } = await api<{ episodes: { id: string; number: number; title: string }[] }>(
      `/api/series/${encodeURIComponent(args.series)}/episodes?includeArchived=true`,
    );
    episodeId = episodeResolver(episodes as never)(args.episode) ?? undefined;
    if (!episodeId) throw new CommandError(`No episode ${args.episode} in series ${args.series}.`);
  }
  const query = new URLSearchParams({ target: args.target, format: args.format, fileName: basename(args.file) });
  const optional = { episodeId, presetId: args.preset, platform: args.platform, kind: args.kind, encoding: args.encoding, delimiter: args.delimiter };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) query.set(k, v);
  if (args.mapping) query.set('mapping', JSON.stringify(args.mapping));

  const bar = progressBar(io.stderr);
  try {
    const startedAt = Date.now();
    const upload = api<ImportJob>(`/api/series/${encodeURIComponent(args.series)}/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(args.file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    let answered: ImportJob | null = null;
    let failed: unknown = null;
    upload.then(
      (job) => {
        answered = job;
      },
      (err: unknown) => {
        failed = err;
      },
    );
    // While the file streams up, the job is found in the series' list; after the 202, by id.
    while (answered === null) {
      if (failed !== null) throw failed;
      await Promise.race([upload.catch(() => undefined), delay(500)]);
      if (answered !== null || failed !== null) continue;
      const { imports } = await api<{ imports: ImportJob[] }>(`/api/series/${encodeURIComponent(args.series)}/imports`);
      const mine = imports.find((j) => j.fileName === basename(args.file) && j.status === 'running' && Date.parse(j.startedAt) >= startedAt - 60_000);
      if (mine) bar.update(mine);
    }
    let job: ImportJob = answered!;
    while (job.status === 'running') {
      bar.update(job);
      await delay(500);
      job = await api<ImportJob>(`/api/imports/${job.id}`);
    }
    bar.update(job);
    return job;
  } finally {
    bar.done();
  }
}

async function reason(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `${res.status} ${res.statusText}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
