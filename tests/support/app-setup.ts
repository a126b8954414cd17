import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startMeilisearch } from '../../app/search/meilisearch-process.server';
import { GEO_DIR, requireGeodataInCi, ROOT, tempPath } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** An unreachable tile server: the map must work without tiles. */
const NO_TILES = 'http://127.0.0.1:9/{z}/{x}/{y}.png';

async function waitForApp(baseUrl: string, timeoutMs: number, exited: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('The app exited during start-up');
    try {
      const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as { status: string; search: { outboxBacklog: number } };
      if (health.status === 'ok' && health.search.outboxBacklog === 0) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy within ${timeoutMs} ms`);
}

/** Runs the built app the way `npm start` does, on its own database, Meilisearch and port. */
export default async function setup(project: TestProject) {
  requireGeodataInCi();
  if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) throw new Error('Run "remix build" before the end-to-end tests.');
  const meiliDir = tempPath('meili-e2e');
  const databasePath = tempPath('e2e', '.sqlite');
  const meili = await startMeilisearch({ dataDir: meiliDir, quiet: true });
  const port = await freePort();
  const app = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      GEO_DIR,
      TILE_URL: NO_TILES,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForApp(baseUrl, 90_000, () => app.exitCode !== null);
  project.provide('baseUrl', baseUrl);

  return async () => {
    const exited = new Promise((resolve) => app.once('exit', resolve));
    app.kill('SIGTERM');
    await exited;
    await meili.stop();
    fs.rmSync(meiliDir, { recursive: true, force: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
  };
}
