import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { readConfig } from '../../app/config.server';
import type { DB } from '../../app/db/db.server';
import { countEntries } from '../../app/entries/entries.server';
import { drainOutbox, outboxBacklog } from '../../app/search/outbox.server';
import { ENTRIES_INDEX, syncIndexAtStart } from '../../app/search/search-index.server';
import { seedSynthetic } from '../../db/seed/synthetic';
import { freePort, startMeilisearch, type MeilisearchServer } from '../../app/search/meilisearch-process.server';
import { prepareDatabase } from '../../app/server/prepare-database.server';
import { errorMessage } from '../../app/utils/error-message';

/** Shared set-up for the benchmarks: a seeded database, its Meilisearch index and the built app. */

export function benchOptions() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '50000' },
      seed: { type: 'string', default: '1' },
      requests: { type: 'string', default: '200' },
    },
  });
  return z
    .object({
      n: z.coerce.number().int().min(100).max(500_000),
      seed: z.coerce.number().int(),
      requests: z.coerce.number().int().min(10).max(100_000),
    })
    .parse(values);
}

/**
 * Everything a benchmark starts registers its stop here; `stopAll` runs them newest first, each
 * at most once, and waits for the processes to end.
 */
const stops: Array<() => Promise<void>> = [];
/** Pids (negative: a whole process group) not stopped yet. */
const running = new Set<number>();

function onStop(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  const once = () => (stopping ??= stop());
  stops.push(once);
  return once;
}

export async function stopAll(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) {
    await stop().catch((error: unknown) => console.error(`bench: stopping failed: ${errorMessage(error)}`));
  }
}

// However the benchmark ends (an interrupted run once left an app running), the apps and
// Meilisearch get SIGTERM and shut down by themselves.
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // Exit at once rather than unwind: requests in flight would only fail noisily.
  process.on(signal, () => {
    console.error(`bench: ${signal}, stopping the apps and Meilisearch`);
    process.exit(128 + os.constants.signals[signal]);
  });
}

export type BenchData = { db: DB; databasePath: string; search: MeilisearchServer; client: Meilisearch; entries: number };

/**
 * The demo entries plus N synthetic ones in data/bench (kept between runs: seeding and indexing
 * are idempotent, so a rerun only checks them), indexed in a Meilisearch of their own.
 */
export async function prepareBenchData(n: number, seed: number, log = console.log): Promise<BenchData> {
  // Before the slow part, so that a missing build does not surface minutes later.
  ensureBuild();
  const dir = path.resolve('data/bench');
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, `entries-${n}-seed${seed}.sqlite`);
  const config = readConfig({ ...process.env, DATABASE_PATH: databasePath });
  // Migrations, region tables from GEO_DIR, fallback search text, demo entries when empty.
  const db = await prepareDatabase(config, () => {});
  onStop(() => db.destroy());
  let started = Date.now();
  const seeded = await seedSynthetic(db, n, seed, { geoDir: config.geoDir, year: config.GEO_YEAR });
  const counts = await countEntries(db);
  const entries = counts.coalitie + counts.initiatief;
  log(`bench data: ${entries} entries (${seeded.created} new) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const server = await startMeilisearch({ dataDir: path.join(dir, `meili-${n}-seed${seed}`), quiet: true });
  running.add(server.pid);
  const search = {
    ...server,
    stop: onStop(async () => {
      await server.stop();
      running.delete(server.pid);
    }),
  };
  const client = new Meilisearch({ host: search.url, apiKey: search.masterKey, timeout: 600_000 });
  started = Date.now();
  const { rebuilt } = await syncIndexAtStart(db, client);
  await drainOutbox(db, client);
  // Timings on a half-filled index would flatter Meilisearch: require every published entry in it.
  const published = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  const { numberOfDocuments, isIndexing } = await client.index(ENTRIES_INDEX).getStats();
  const backlog = await outboxBacklog(db);
  if (numberOfDocuments !== Number(published.count) || isIndexing || backlog > 0) {
    throw new Error(
      `The index is incomplete: ${numberOfDocuments} of ${published.count} entries, indexing=${isIndexing}, outbox backlog ${backlog}`,
    );
  }
  log(
    `bench index: ${numberOfDocuments} documents (${rebuilt ? 'rebuilt' : 'up to date'}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { db, databasePath, search, client, entries };
}

/** Builds the app when there is no build; warns when the build is older than the app code it runs. */
function ensureBuild(): void {
  const buildFile = path.resolve('build/index.js');
  if (!fs.existsSync(buildFile)) {
    console.log('bench: no build/index.js, running "remix build"');
    const build = spawnSync(path.resolve('node_modules/.bin/remix'), ['build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('"remix build" failed; the benchmark needs the built app.');
    return;
  }
  const builtAt = fs.statSync(buildFile).mtimeMs;
  const newer = fs.readdirSync('app', { recursive: true, encoding: 'utf8' }).filter((file) => {
    // Files may come and go while someone edits the app.
    const stat = fs.statSync(path.join('app', file), { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && stat.mtimeMs > builtAt;
  });
  if (newer.length)
    console.warn(
      `bench: build/index.js is older than app/${newer[0]}${newer.length > 1 ? ` and ${newer.length - 1} more` : ''}; run "npm run build" to measure the current code`,
    );
}

export type RunningApp = { baseUrl: string; stop: () => Promise<void> };

/**
 * The built app as `npm start` runs it, on the bench database; `meiliUrl` may point nowhere to
 * force the SQLite fallback; `settings` go into its environment (e.g. SEARCH_CACHE_MB).
 */
export async function startApp(
  databasePath: string,
  meiliUrl: string,
  meiliKey: string,
  settings: Record<string, string> = {},
): Promise<RunningApp> {
  const { geoDir, GEO_YEAR } = readConfig();
  const port = await freePort();
  // Its own process group, so that the tsx wrapper and the node process it runs can be killed together.
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      MEILI_URL: meiliUrl,
      MEILI_MASTER_KEY: meiliKey,
      GEO_DIR: geoDir,
      GEO_YEAR: String(GEO_YEAR),
      ...settings,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const group = -child.pid!;
  running.add(group);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = onStop(async () => {
    if (alive()) {
      process.kill(group, 'SIGTERM');
      const timeout = setTimeout(() => process.kill(group, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    running.delete(group);
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const failure = !alive() ? 'exited during start-up' : Date.now() > deadline ? 'did not start within 120 s' : null;
    if (failure) {
      await stop();
      throw new Error(`The app ${failure}:\n${errors}`);
    }
    const up = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.status < 500,
      () => false,
    );
    if (up) return { baseUrl, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const ms = (value: number) => `${value.toFixed(1)}ms`;

/**
 * Times one GET, body included; `dispatcher` gives a series its own connection pool. Sent with
 * undici's `request`, as load generators do, rather than `fetch`, whose WHATWG streams and
 * objects cost the client itself 2–4 ms per call on this kind of machine: the timings are the app's.
 */
export async function timedGet(url: string, dispatcher?: Dispatcher): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await request(url, { dispatcher });
  const body = await response.body.text();
  return { ms: performance.now() - started, body, status: response.statusCode };
}
