import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DB } from '~/db/db.server';
import { saveEntry } from '~/entries/entries.server';
import { drainOutbox } from '~/search/outbox.server';
import { ENTRIES_INDEX, ensureIndex, reindexAll, type SearchDocument } from '~/search/search-index.server';
import { searchEntries, searchParamsSchema } from '~/search/search.server';
import { seedDemo } from '../../db/seed/seed';
import { validInitiative } from '../support/fixtures';
import { requireGeodataInCi } from '../support/paths';
import { createTestDatabase } from '../support/test-database';

const params = (input: Record<string, unknown>) => searchParamsSchema.parse({ limit: 100, ...input });
/** A client for a port nothing listens on: Meilisearch "down". */
const unreachable = new Meilisearch({ host: 'http://127.0.0.1:9', apiKey: 'x', timeout: 1_000 });

let db: DB;
let destroy: () => Promise<void>;
let client: Meilisearch;
let demoCount: number;

beforeAll(async () => {
  requireGeodataInCi();
  ({ db, destroy } = await createTestDatabase());
  client = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
  await client.deleteIndexIfExists(ENTRIES_INDEX);
  await ensureIndex(client);
  demoCount = (await seedDemo(db)).created;
  const drained = await drainOutbox(db, client);
  expect(drained).toMatchObject({ indexed: demoCount, failed: 0 });
});
afterAll(() => destroy());

describe('search with a real Meilisearch', () => {
  it('indexes every demo entry with its region codes', async () => {
    const stats = await client.index(ENTRIES_INDEX).getStats();
    expect(stats.numberOfDocuments).toBe(demoCount);
    const { results } = await client
      .index<SearchDocument>(ENTRIES_INDEX)
      .getDocuments({ filter: 'regions = "gemeente:GM0268"', limit: 50, fields: ['name', 'themes'] });
    expect(results.map((d) => d.name)).toContain('DementieNet Dukenburg');
  });

  it('finds entries by place name and forgives a typo', async () => {
    const byPlace = await searchEntries(db, client, params({ q: 'Dukenburg' }));
    expect(byPlace.degraded).toBe(false);
    expect(byPlace.hits.map((h) => h.name)).toContain('DementieNet Dukenburg');
    const typo = await searchEntries(db, client, params({ q: 'dementei' }));
    expect(typo.hits.map((h) => h.name)).toContain('DementieNet Dukenburg');
  });

  it('filters by kind and topic', async () => {
    const coalities = await searchEntries(db, client, params({ kind: 'coalitie' }));
    const inDb = await db.selectFrom('entries').select('id').where('kind', '=', 'coalitie').where('status', '=', 'published').execute();
    expect(coalities.total).toBe(inDb.length);
    expect(coalities.hits.every((h) => h.kind === 'coalitie')).toBe(true);

    const palliative = await searchEntries(db, client, params({ topic: ['MEE-3'] }));
    expect(palliative.total).toBeGreaterThan(0);
    expect(palliative.hits.every((h) => h.topics.includes('MEE-3'))).toBe(true);
  });

  it('answers the same filters from SQLite when Meilisearch is unreachable, marked degraded', async () => {
    const query = params({ kind: 'initiatief', topic: ['VITAAL-3'] });
    const live = await searchEntries(db, client, query);
    const fallback = await searchEntries(db, unreachable, query);
    expect(fallback.degraded).toBe(true);
    expect(fallback.total).toBe(live.total);
    expect(fallback.hits.map((h) => h.id).sort()).toEqual(live.hits.map((h) => h.id).sort());
    const text = await searchEntries(db, unreachable, params({ q: 'Dukenburg' }));
    expect(text.hits.map((h) => h.name)).toContain('DementieNet Dukenburg');
  });

  it('keeps outbox rows when Meilisearch is down and delivers them after it returns', async () => {
    const saved = await saveEntry(db, { ...validInitiative, name: 'Buurtkring Zeldzaamstraat', status: 'published' });
    expect(saved.ok).toBe(true);
    const failed = await drainOutbox(db, unreachable);
    expect(failed).toMatchObject({ indexed: 0, failed: 1 });
    const [row] = await db.selectFrom('search_outbox').selectAll().execute();
    expect(row).toMatchObject({ attempts: 1 });
    expect(Date.parse(row!.next_attempt_at)).toBeGreaterThan(Date.now());

    // Not due yet: nothing happens; once due, the row is delivered and removed.
    expect(await drainOutbox(db, client)).toMatchObject({ indexed: 0, failed: 0 });
    const later = () => new Date(Date.now() + 5_000);
    expect(await drainOutbox(db, client, { now: later })).toMatchObject({ indexed: 1, failed: 0 });
    expect(await db.selectFrom('search_outbox').selectAll().execute()).toEqual([]);
    const found = await searchEntries(db, client, params({ q: 'Zeldzaamstraat' }));
    expect(found.hits.map((h) => h.name)).toEqual(['Buurtkring Zeldzaamstraat']);
  });

  it('removes deleted entries from the index through the outbox', async () => {
    const entry = await db.selectFrom('entries').select('id').where('name', '=', 'Buurtkring Zeldzaamstraat').executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('entries').where('id', '=', entry.id).execute();
      await trx.insertInto('search_outbox').values({ entry_id: entry.id }).execute();
    });
    expect(await drainOutbox(db, client)).toMatchObject({ deleted: 1 });
    expect((await searchEntries(db, client, params({ q: 'Zeldzaamstraat' }))).total).toBe(0);
  });

  it('rebuilds the index from SQLite and swaps it in', async () => {
    const { documents } = await reindexAll(db, client);
    expect(documents).toBe(demoCount);
    expect((await client.index(ENTRIES_INDEX).getStats()).numberOfDocuments).toBe(demoCount);
    const { results } = await client.getIndexes({ limit: 100 });
    expect(results.map((index) => index.uid)).toEqual([ENTRIES_INDEX]);
  });
});
