import fs from 'node:fs';
import type { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { clustersInView } from '~/map/clusters.server';
import { loader as healthz } from '~/routes/healthz';
import { createSearchClient, searchBreaker } from '~/search/meili.server';
import { startMeilisearch, type MeilisearchServer } from '~/search/meilisearch-process.server';
import { outboxBacklog, startOutboxWorker } from '~/search/outbox.server';
import { syncIndexAtStart } from '~/search/search-index.server';
import { searchEntries } from '~/search/search.server';
import { seedDemo } from '../../db/seed/seed';
import { validInitiative } from '../support/fixtures';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi, tempPath } from '../support/paths';
import { searchParams as params } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait';

/*
 * A Meilisearch that hangs (its own process, paused with SIGSTOP: connections are accepted by
 * the kernel, nothing answers) costs the first request the search timeout; after that every
 * request answers from SQLite at once, the health check included. Writes made meanwhile wait in
 * the outbox, and after SIGCONT the breaker's probe brings search back and the outbox drains.
 */

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('a hanging Meilisearch is noticed once, answered around, and recovered from by itself', () => {
  const dataDir = tempPath('meili-hang');
  let server: MeilisearchServer | undefined;
  let client: Meilisearch;
  let worker: { stop: () => Promise<void> } | undefined;
  let paused = false;
  const breakerLog: string[] = [];

  const database = useTestDatabase(async (db) => {
    requireGeodataInCi();
    await seedDemo(db);
    server = await startMeilisearch({ dataDir, quiet: true });
    client = createSearchClient(server, { log: (line) => breakerLog.push(line) });
    await syncIndexAtStart(db, client);
    worker = startOutboxWorker(db, client, 200);
  });

  afterAll(async () => {
    if (paused && server) process.kill(server.pid, 'SIGCONT');
    await worker?.stop();
    await server?.stop({ killAfterMs: 5_000 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers degraded in under 500 ms during a hang and recovers within 15 s of its end', async () => {
    const { db } = database;
    const context = testLoadContext(db, { search: client });
    const health = async () => {
      const response = (await healthz({ context, request: new Request('http://test/healthz'), params: {} })) as Response;
      return (await response.json()) as { status: string; search: { ok: boolean } };
    };
    expect((await searchEntries(db, client, params({ q: 'dementie' }))).degraded).toBe(false);
    expect((await health()).search.ok).toBe(true);

    process.kill(server!.pid, 'SIGSTOP');
    paused = true;

    // The first search waits for the search timeout (1.5 s; headroom for a loaded machine), then
    // falls back; a map search under way at the same time (its own timeout is longer) is released with it.
    const [first, map] = await Promise.all([
      timed(() => searchEntries(db, client, params({ q: 'dementie' }))),
      timed(() => clustersInView(db, client, params({ q: 'dementie' }), { bbox: [3, 50, 8, 54], zoom: 7 })),
    ]);
    expect(first.value.degraded).toBe(true);
    expect(first.ms).toBeLessThan(4_000);
    expect(map.value.degraded).toBe(true);
    expect(map.ms).toBeLessThan(4_000);
    expect(searchBreaker(client)?.isOpen).toBe(true);
    expect(breakerLog).toEqual([expect.stringMatching(/Meilisearch unavailable \(.*no answer from Meilisearch within 1500 ms/)]);

    // Writes during the hang: committed in SQLite, their outbox rows wait.
    const names = ['Pauzekring Oost', 'Pauzekring West', 'Pauzekring Noord'];
    for (const [i, name] of names.entries()) {
      const saved = await saveEntry(db, { ...validInitiative, name, status: 'published', lat: 51.83 + i / 100 });
      expect(saved.ok).toBe(true);
    }

    // Every later request answers from SQLite at once: searches, the map's search words, the health check.
    // Over several seconds, so that the breaker's background probes (each hanging 1 s) run meanwhile.
    const deadline = Date.now() + 6_000;
    let requests = 0;
    while (Date.now() < deadline) {
      const search = await timed(() => searchEntries(db, client, params({ q: 'Pauzekring', kind: ['initiatief'] })));
      expect(search.value.degraded).toBe(true);
      expect(search.value.total).toBe(names.length);
      expect(search.ms).toBeLessThan(500);
      const map = await timed(() => clustersInView(db, client, params({ q: 'zorg' }), { bbox: [3, 50, 8, 54], zoom: 7 }));
      expect(map.value.degraded).toBe(true);
      expect(map.ms).toBeLessThan(500);
      const status = await timed(health);
      expect(status.value).toMatchObject({ status: 'degraded', search: { ok: false } });
      expect(status.ms).toBeLessThan(500);
      requests++;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(requests).toBeGreaterThan(5);
    expect(await outboxBacklog(db)).toBe(names.length);

    // The end of the hang: within 15 s search answers from Meilisearch again, with the writes in it.
    process.kill(server!.pid, 'SIGCONT');
    paused = false;
    await waitFor(
      'search from Meilisearch with the writes made during the hang',
      async () => {
        const result = await searchEntries(db, client, params({ q: 'Pauzekring' }));
        return !result.degraded && result.total === names.length && (await outboxBacklog(db)) === 0;
      },
      15_000,
    );
    expect(breakerLog.at(-1)).toMatch(/reachable again/);
    expect(await health()).toMatchObject({ status: 'ok', search: { ok: true } });
    expect((await clustersInView(db, client, params({ q: 'Pauzekring' }), { bbox: [3, 50, 8, 54], zoom: 7 })).degraded).toBe(false);
  });
});
