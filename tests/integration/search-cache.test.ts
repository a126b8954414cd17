import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { createSearchClient } from '~/search/meili.server';
import { drainOutbox } from '~/search/outbox.server';
import { FACETS } from '~/search/search-params';
import { searchEntries } from '~/search/search.server';
import { seedDemo } from '../../db/seed/seed';
import { validInitiative } from '../support/fixtures';
import { requireGeodataInCi } from '../support/paths';
import { freshIndexFrom, searchParams as params } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';

/**
 * The client's cache of search answers, through a real pass-through proxy that counts the
 * searches reaching Meilisearch: identical searches are answered once, and a write the outbox
 * has delivered shows in the very next answer.
 */

const searchesSent: string[] = [];
let proxy: http.Server;
let client: Meilisearch;

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  const target = new URL(inject('meiliUrl'));
  proxy = http.createServer((incoming, outgoing) => {
    if (incoming.method === 'POST' && /\/(multi-search|search)$/.test(incoming.url ?? '')) searchesSent.push(incoming.url!);
    const forwarded = http.request(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  client = createSearchClient({ url: `http://127.0.0.1:${port}`, masterKey: inject('meiliKey') }, { cacheMb: 8 });
  await seedDemo(db);
  await freshIndexFrom(db, client);
});

afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

beforeEach(() => {
  searchesSent.length = 0;
});

const search = (input: Record<string, unknown>) => searchEntries(database.db, client, params(input));

/** The calls one search makes of Meilisearch: the page, the region count unless a region is chosen, one count per chosen group. */
function callsOf(input: Record<string, unknown>): number {
  const parsed = params(input);
  return 1 + (parsed.region.length ? 0 : 1) + FACETS.filter(({ param }) => parsed[param].length).length;
}

describe('cached search answers', () => {
  it('answers an identical search from memory, and a different one from Meilisearch', async () => {
    const first = await search({ q: 'dementie', kind: ['initiatief'] });
    expect(first.degraded).toBe(false);
    expect(first.total).toBeGreaterThan(0);
    let sent = callsOf({ q: 'dementie', kind: ['initiatief'] });
    expect(searchesSent).toHaveLength(sent);

    expect(await search({ q: 'dementie', kind: ['initiatief'] })).toEqual(first);
    expect(searchesSent).toHaveLength(sent);

    // Concurrent identical searches share their calls.
    const together = await Promise.all([search({ q: 'mantelzorg' }), search({ q: 'mantelzorg' }), search({ q: 'mantelzorg' })]);
    expect(together[1]).toEqual(together[0]);
    expect(together[2]).toEqual(together[0]);
    sent += callsOf({ q: 'mantelzorg' });
    expect(searchesSent).toHaveLength(sent);

    // Another kind: a new page and region count; the kind count (without its own clause) is the same question as before.
    await search({ q: 'dementie', kind: ['coalitie'] });
    expect(searchesSent).toHaveLength(sent + 2);
  });

  it('answers exactly what Meilisearch answers without the cache, for text, facets, places and pages', async () => {
    const direct = createSearchClient({ url: inject('meiliUrl'), masterKey: inject('meiliKey') });
    const queries = [
      {},
      { q: 'dementie', kind: ['initiatief'], theme: ['VITAAL'] },
      { topic: ['VITAAL-3'], need: ['financiering'] },
      { near: '51.8426,5.8528', radius_km: 50, sort: 'distance' },
      { sort: 'name', page: 2, per_page: 5 },
    ];
    for (const input of queries) {
      // Twice through the cache: the first fills it, the second comes from it.
      await search(input);
      expect(await search(input)).toEqual(await searchEntries(database.db, direct, params(input)));
    }
    expect(searchesSent.length).toBeLessThanOrEqual(queries.reduce((sum, input) => sum + callsOf(input), 0));
  });

  it('hands every caller its own copy: changing one answer does not change the next', async () => {
    const first = await search({ q: 'dementie' });
    first.hits.length = 0;
    first.facets.kind = {};
    const second = await search({ q: 'dementie' });
    expect(second.hits.length).toBeGreaterThan(0);
    expect(Object.keys(second.facets.kind).length).toBeGreaterThan(0);
  });

  it('shows a write in the next answer once the outbox has delivered it, and an unpublished entry no longer', async () => {
    const before = await search({ q: 'Cachebuurtkring' });
    expect(before.total).toBe(0);
    const calls = callsOf({ q: 'Cachebuurtkring' });
    // The same question again comes from memory…
    await search({ q: 'Cachebuurtkring' });
    expect(searchesSent).toHaveLength(calls);

    const saved = await saveEntry(database.db, { ...validInitiative, name: 'Cachebuurtkring Oost', status: 'published' });
    if (!saved.ok) throw new Error('not saved');
    expect(await drainOutbox(database.db, client)).toMatchObject({ indexed: 1, failed: 0 });

    // …but not after the delivery: the very next answer has the new entry.
    const after = await search({ q: 'Cachebuurtkring' });
    expect(after.hits.map((hit) => hit.name)).toEqual(['Cachebuurtkring Oost']);
    expect(searchesSent).toHaveLength(2 * calls);

    await saveEntry(database.db, { ...validInitiative, name: 'Cachebuurtkring Oost', status: 'archived' }, { slug: saved.slug });
    expect(await drainOutbox(database.db, client)).toMatchObject({ deleted: 1, failed: 0 });
    expect((await search({ q: 'Cachebuurtkring' })).total).toBe(0);
  });
});
