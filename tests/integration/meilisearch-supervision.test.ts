import fs from 'node:fs';
import type { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { createSearchClient } from '~/search/meili.server';
import { superviseMeilisearch, type MeilisearchServer } from '~/search/meilisearch-process.server';
import { syncIndexAtStart } from '~/search/search-index.server';
import { searchEntries } from '~/search/search.server';
import { seedDemo } from '../../db/seed/seed';
import { requireGeodataInCi, tempPath } from '../support/paths';
import { searchParams as params } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';
import { waitFor, isRunning } from '../support/wait';

/*
 * The app's local Meilisearch as `startApp` runs it: supervised, in production mode, with its
 * master key out of the process list. Killed with SIGKILL, it comes back on the same address by
 * itself, searches answer from SQLite meanwhile and from Meilisearch again afterwards.
 */

describe('the supervised local Meilisearch', () => {
  const dataDir = tempPath('meili-supervised');
  const lines: string[] = [];
  let server: MeilisearchServer | undefined;
  let client: Meilisearch;

  const database = useTestDatabase(async (db) => {
    requireGeodataInCi();
    await seedDemo(db);
    server = await superviseMeilisearch({ dataDir, quiet: true, log: (line) => lines.push(line) });
    client = createSearchClient(server, { log: (line) => lines.push(line) });
    await syncIndexAtStart(db, client);
  });

  afterAll(async () => {
    await server?.stop({ killAfterMs: 5_000 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs in production mode with the master key in its environment, not on its command line', async () => {
    const cmdline = fs.readFileSync(`/proc/${server!.pid}/cmdline`, 'utf8').split('\0');
    expect(server!.masterKey.length).toBeGreaterThanOrEqual(16);
    expect(cmdline.join(' ')).not.toContain(server!.masterKey);
    expect(cmdline.some((arg) => arg.includes('master-key'))).toBe(false);
    expect(cmdline.join(' ')).toContain('--env production');
    // The environment is readable by its owner only (mode 0400 in /proc), unlike the command line.
    expect(fs.readFileSync(`/proc/${server!.pid}/environ`, 'utf8').split('\0')).toContain(`MEILI_MASTER_KEY=${server!.masterKey}`);
    // Production mode: nothing without the key.
    expect((await fetch(`${server!.url}/indexes`)).status).toBe(401);
  });

  it('is restarted after SIGKILL on the same address, and search recovers by itself', async () => {
    const { db } = database;
    expect((await searchEntries(db, client, params({ q: 'dementie' }))).degraded).toBe(false);
    const killed = server!.pid;
    process.kill(killed, 'SIGKILL');
    await waitFor('the process to exit', async () => !isRunning(killed), 5_000);

    // Meanwhile: degraded answers, at once.
    const started = performance.now();
    const during = await searchEntries(db, client, params({ q: 'dementie' }));
    expect(during.degraded).toBe(true);
    expect(during.total).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(500);

    // Back by itself, same address, new process; searches answer from Meilisearch again.
    await waitFor(
      'search from Meilisearch again',
      async () => !(await searchEntries(db, client, params({ q: 'dementie' }))).degraded,
      20_000,
    );
    expect(server!.pid).not.toBe(killed);
    expect(isRunning(server!.pid)).toBe(true);
    expect(lines.filter((line) => line.includes('restarting'))).toEqual([
      expect.stringMatching(new RegExp(`local Meilisearch pid ${killed} exited \\(SIGKILL\\); restarting in \\d+ ms`)),
    ]);
    expect(fs.readFileSync(`/proc/${server!.pid}/cmdline`, 'utf8')).not.toContain(server!.masterKey);
  });
});
