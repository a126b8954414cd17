import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Meilisearch } from 'meilisearch';
import { z } from 'zod';
import { readConfig } from '../../app/config.server';
import type { DB } from '../../app/db/db.server';
import { countEntries } from '../../app/entries/entries.server';
import { drainOutbox } from '../../app/search/outbox.server';
import { syncIndexAtStart } from '../../app/search/search-index.server';
import { seedSynthetic } from '../../db/seed/seed';
import { freePort, startMeilisearch, type MeilisearchServer } from '../lib/meilisearch-process';
import { prepareDatabase } from '../lib/prepare';

/** Shared set-up for the benchmarks: a seeded database, its Meilisearch index and the built app. */

export function benchOptions() {
  const { values } = parseArgs({
    options: { n: { type: 'string', default: '50000' }, seed: { type: 'string', default: '1' }, requests: { type: 'string', default: '200' } },
  });
  return z
    .object({
      n: z.coerce.number().int().min(100).max(500_000),
      seed: z.coerce.number().int(),
      requests: z.coerce.number().int().min(10).max(100_000),
    })
    .parse(values);
}

export type BenchData = { db: DB; databasePath: string; search: MeilisearchServer; client: Meilisearch; entries: number };

/**
 * The demo entries plus N synthetic ones in data/bench (kept between runs: seeding and indexing
 * are idempotent, so a rerun only checks them), indexed in a Meilisearch of their own.
 */
export async function prepareBenchData(n: number, seed: number, log = console.log): Promise<BenchData> {
  const dir = path.resolve('data/bench');
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, `entries-${n}-seed${seed}.sqlite`);
  const config = readConfig({ ...process.env, DATABASE_PATH: databasePath });
  const db = await prepareDatabase(config, () => {});
  let started = Date.now();
  const seeded = await seedSynthetic(db, n, seed, { geoDir: config.geoDir, year: config.GEO_YEAR });
  const counts = await countEntries(db);
  const entries = counts.coalitie + counts.initiatief;
  log(`bench data: ${entries} entries (${seeded.created} new) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const search = await startMeilisearch({ dataDir: path.join(dir, `meili-${n}-seed${seed}`), quiet: true });
  const client = new Meilisearch({ host: search.url, apiKey: search.masterKey, timeout: 600_000 });
  started = Date.now();
  const { rebuilt, documents } = await syncIndexAtStart(db, client);
  await drainOutbox(db, client);
  log(`bench index: ${documents} documents (${rebuilt ? 'rebuilt' : 'up to date'}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { db, databasePath, search, client, entries };
}

export type RunningApp = { baseUrl: string; stop: () => Promise<void> };

/** The built app as `npm start` runs it, on the bench database; `meiliUrl` may point nowhere to force the SQLite fallback. */
export async function startApp(databasePath: string, meiliUrl: string, meiliKey: string): Promise<RunningApp> {
  if (!fs.existsSync('build/index.js')) throw new Error('Run "npm run build" before the benchmark.');
  const port = await freePort();
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_PATH: databasePath, MEILI_URL: meiliUrl, MEILI_MASTER_KEY: meiliKey },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2_000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${errors}`);
    if (Date.now() > deadline) throw new Error('The app did not start within 120 s');
    const up = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.status < 500,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const ms = (value: number) => `${value.toFixed(1)}ms`;

/** Times one request, body included. */
export async function timedFetch(url: string): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  return { ms: performance.now() - started, body, status: response.status };
}
