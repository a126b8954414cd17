import { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { drainOutbox } from '~/search/outbox.server';
import { ENTRIES_INDEX, reindexAll } from '~/search/search-index.server';
import { searchEntries } from '~/search/search.server';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { validInitiative } from '../support/fixtures';
import { requireGeodataInCi } from '../support/paths';
import { freshIndexFrom, haversineKm, searchParams as params, unreachableSearch } from '../support/search-fixtures';
import { geoSource, useTestDatabase } from '../support/test-database';

let client: Meilisearch;
let entryCount: number;

const names = async (input: Record<string, unknown>) =>
  (await searchEntries(database.db, client, params({ per_page: 100, ...input }))).hits.map((h) => h.name);

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  client = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
  entryCount = (await seedDemo(db)).created + (await seedSynthetic(db, 220, 11, geoSource)).created;
  expect(await freshIndexFrom(db, client)).toBe(entryCount);
});

describe('text search with a real Meilisearch', () => {
  it('finds entries by place name and partner name, with the match highlighted', async () => {
    expect(await names({ q: 'Dukenburg' })).toContain('DementieNet Dukenburg');
    const [hit] = (await searchEntries(database.db, client, params({ q: 'DementieNet' }))).hits;
    expect(hit?.highlight.name).toEqual([
      { text: 'DementieNet', match: true },
      { text: ' Dukenburg', match: false },
    ]);
    expect(await names({ q: 'Radboudumc' })).toContain('DementieNet Dukenburg');
  });

  it('forgives typos and knows Dutch synonyms', async () => {
    expect(await names({ q: 'dementi' })).toContain('DementieNet Dukenburg');
    expect(await names({ q: 'demantie' })).toContain('DementieNet Dukenburg');
    const carers = await names({ q: 'mantelzorgers' });
    expect(carers).toContain("Stichting Wedde dat 't lukt");
    expect(await names({ q: 'geheugenproblemen' })).toContain('DementieNet Dukenburg');
  });
});

describe('facets and filters', () => {
  it('counts per facet value, disjunctively within the chosen group', async () => {
    const all = await searchEntries(database.db, client, params());
    expect(all.total).toBe(entryCount);
    expect(all.facets.kind.initiatief! + all.facets.kind.coalitie!).toBe(entryCount);
    const coalities = await searchEntries(database.db, client, params({ kind: ['coalitie'] }));
    expect(coalities.total).toBe(all.facets.kind.coalitie);
    // The kind group still shows the count of the other kind, so the user can widen the choice.
    expect(coalities.facets.kind).toEqual(all.facets.kind);
    expect(coalities.facets.topic['VITAAL-3']).toBeLessThan(all.facets.topic['VITAAL-3']!);
  });

  it('filters by theme, topic, need, offer and partner domain', async () => {
    const check = async (filter: Record<string, string[]>, predicate: (row: { topics: string[] }) => boolean) => {
      const result = await searchEntries(database.db, client, params({ per_page: 100, ...filter }));
      expect(result.total).toBeGreaterThan(0);
      expect(result.hits.every(predicate)).toBe(true);
      return result;
    };
    await check({ theme: ['MEE'] }, (h) => h.topics.some((t) => t.startsWith('MEE-')));
    await check({ topic: ['MEE-3', 'SAMEN-5'] }, (h) => h.topics.includes('MEE-3') || h.topics.includes('SAMEN-5'));
    const needsMoney = await check({ need: ['financiering'] }, () => true);
    const rows = await database.db.selectFrom('entry_needs').select('entry_id').where('code', '=', 'financiering').execute();
    expect(needsMoney.total).toBe(rows.length);
    const offers = await check({ offer: ['rugdekking'], domain: ['financiers'] }, () => true);
    expect(offers.hits.every((h) => h.kind === 'coalitie')).toBe(true);
  });

  it('filters by every region layer', async () => {
    for (const region of ['gemeente:GM0268', 'provincie:PV25', 'ggd:GG2014', 'zorgkantoor:ZK16', 'corop:CR15']) {
      const result = await searchEntries(database.db, client, params({ region: [region], per_page: 100 }));
      expect(
        result.hits.map((h) => h.name),
        region,
      ).toContain('DementieNet Dukenburg');
      const [layer, code] = region.split(':');
      const covering = await database.db
        .selectFrom('entry_coverage as c')
        .leftJoin('municipality_regions as mr', 'mr.gemeente_code', 'c.gemeente_code')
        .select('c.entry_id')
        .distinct()
        .where((eb) =>
          layer === 'gemeente'
            ? eb('c.gemeente_code', '=', code!)
            : eb.and([eb('mr.layer', '=', layer as 'ggd'), eb('mr.region_code', '=', code!)]),
        )
        .execute();
      expect(result.total, region).toBe(covering.length);
    }
    const drenthe = await names({ region: ['provincie:PV22'] });
    expect(drenthe).toEqual(expect.arrayContaining(['Alliantie Drentse Zorg met Ouderen', 'Denktank 60+ Noord']));
    expect(drenthe).not.toContain('DementieNet Dukenburg');
  });

  it('finds entries within a radius and sorts them by distance', async () => {
    const nijmegen = { lat: 51.8426, lng: 5.859 };
    const result = await searchEntries(
      database.db,
      client,
      params({ near: '51.8426,5.859', radius_km: 15, sort: 'distance', per_page: 100 }),
    );
    expect(result.hits.map((h) => h.name)).toContain('DementieNet Dukenburg');
    for (const hit of result.hits) expect(haversineKm(nijmegen, hit)).toBeLessThanOrEqual(15.05);
    const distances = result.hits.map((h) => h.distance_km!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('restricts results to a map area', async () => {
    const area = { west: 5.7, south: 51.75, east: 6.0, north: 51.9 };
    const result = await searchEntries(database.db, client, params({ area: '5.7,51.75,6.0,51.9', per_page: 100 }));
    expect(result.hits.map((h) => h.name)).toContain('DementieNet Dukenburg');
    for (const hit of result.hits) {
      expect(hit.lat).toBeGreaterThanOrEqual(area.south);
      expect(hit.lat).toBeLessThanOrEqual(area.north);
      expect(hit.lng).toBeGreaterThanOrEqual(area.west);
      expect(hit.lng).toBeLessThanOrEqual(area.east);
    }
    expect(result.total).toBeLessThan(entryCount);
  });

  it('pages through every result exactly once, and sorts by name', async () => {
    const seen: number[] = [];
    const first = await searchEntries(database.db, client, params({ sort: 'name', per_page: 40 }));
    for (let page = 1; page <= first.total_pages; page++) {
      const result = await searchEntries(database.db, client, params({ sort: 'name', per_page: 40, page }));
      seen.push(...result.hits.map((h) => h.id));
      const pageNames = result.hits.map((h) => h.name.toLowerCase());
      expect(pageNames).toEqual([...pageNames].sort());
    }
    expect(first.total_pages).toBe(Math.ceil(entryCount / 40));
    expect(new Set(seen).size).toBe(entryCount);
  });
});

describe('the SQLite fallback answers like Meilisearch', () => {
  const queries: Array<Record<string, unknown>> = [
    {},
    { kind: ['initiatief'], topic: ['VITAAL-3'] },
    { theme: ['SAMEN', 'DIGITAAL'], need: ['vrijwilligers'] },
    { region: ['ggd:GG2014'] },
    { region: ['zorgkantoor:ZK16', 'provincie:PV22'], kind: ['coalitie'] },
    { offer: ['expertise'], domain: ['welzijn'] },
    { near: '52.0907,5.1214', radius_km: 40 },
    { area: '4.0,51.5,6.0,52.5', kind: ['initiatief'] },
  ];
  it.each(queries)('same total, hits and facet counts for %j', async (query) => {
    const live = await searchEntries(database.db, client, params({ ...query, per_page: 100, sort: 'name' }));
    const fallback = await searchEntries(database.db, unreachableSearch, params({ ...query, per_page: 100, sort: 'name' }));
    expect(fallback.degraded).toBe(true);
    expect(fallback.total).toBe(live.total);
    expect(fallback.hits.map((h) => h.id).sort()).toEqual(live.hits.map((h) => h.id).sort());
    expect(fallback.facets).toEqual(live.facets);
  });

  it('matches words, prefixes and synonyms in the fallback too', async () => {
    const fallbackNames = async (q: string) =>
      (await searchEntries(database.db, unreachableSearch, params({ q, per_page: 100 }))).hits.map((h) => h.name);
    expect(await fallbackNames('Dukenburg')).toContain('DementieNet Dukenburg');
    expect(await fallbackNames('geheugenproblemen')).toContain('DementieNet Dukenburg');
    expect(await fallbackNames('Nijmegen dementie')).toContain('DementieNet Dukenburg');
  });
});

describe('index sync', () => {
  it('keeps outbox rows when Meilisearch is down and delivers them after it returns', async () => {
    const saved = await saveEntry(database.db, { ...validInitiative, name: 'Buurtkring Zeldzaamstraat', status: 'published' });
    expect(saved.ok).toBe(true);
    expect(await drainOutbox(database.db, unreachableSearch)).toMatchObject({ indexed: 0, failed: 1 });
    const [row] = await database.db.selectFrom('search_outbox').selectAll().execute();
    expect(row).toMatchObject({ attempts: 1 });
    expect(Date.parse(row!.next_attempt_at)).toBeGreaterThan(Date.now());

    // Not due yet: nothing happens; once due, the row is delivered and removed.
    expect(await drainOutbox(database.db, client)).toMatchObject({ indexed: 0, failed: 0 });
    expect(await drainOutbox(database.db, client, { now: () => new Date(Date.now() + 5_000) })).toMatchObject({ indexed: 1, failed: 0 });
    expect(await database.db.selectFrom('search_outbox').selectAll().execute()).toEqual([]);
    expect(await names({ q: 'Zeldzaamstraat' })).toEqual(['Buurtkring Zeldzaamstraat']);
  });

  it('removes deleted entries from the index through the outbox', async () => {
    const entry = await database.db
      .selectFrom('entries')
      .select('id')
      .where('name', '=', 'Buurtkring Zeldzaamstraat')
      .executeTakeFirstOrThrow();
    await database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('entries').where('id', '=', entry.id).execute();
      await trx.insertInto('search_outbox').values({ entry_id: entry.id }).execute();
    });
    expect(await drainOutbox(database.db, client)).toMatchObject({ deleted: 1 });
    expect(await names({ q: 'Zeldzaamstraat' })).toEqual([]);
    expect((await searchEntries(database.db, unreachableSearch, params({ q: 'Zeldzaamstraat' }))).total).toBe(0);
  });

  it('rebuilds the whole index when Meilisearch comes back without it', async () => {
    await client.deleteIndex(ENTRIES_INDEX).waitTask();
    const saved = await saveEntry(database.db, { ...validInitiative, name: 'Buurtkring Herstelstraat', status: 'published' });
    if (!saved.ok) throw new Error('not saved');
    expect(await drainOutbox(database.db, client)).toMatchObject({ indexed: entryCount + 1, failed: 0 });
    expect(await database.db.selectFrom('search_outbox').selectAll().execute()).toEqual([]);
    // With its settings: filters and facets work again, not only the one new document.
    const result = await searchEntries(database.db, client, params({ kind: ['initiatief'], q: 'Herstelstraat' }));
    expect(result).toMatchObject({ degraded: false, total: 1 });
    expect((await searchEntries(database.db, client, params())).total).toBe(entryCount + 1);
    await database.db.deleteFrom('entries').where('id', '=', saved.id).execute();
    await database.db.insertInto('search_outbox').values({ entry_id: saved.id }).execute();
    expect(await drainOutbox(database.db, client)).toMatchObject({ deleted: 1 });
  });

  it('rebuilds the index into a fresh one and swaps it in, answering all the while', async () => {
    const rebuild = reindexAll(database.db, client);
    // Searches during the rebuild still see the full old index.
    expect((await searchEntries(database.db, client, params())).total).toBe(entryCount);
    expect(await rebuild).toEqual({ documents: entryCount });
    expect((await client.index(ENTRIES_INDEX).getStats()).numberOfDocuments).toBe(entryCount);
    const { results } = await client.getIndexes({ limit: 100 });
    expect(results.map((index) => index.uid)).toEqual([ENTRIES_INDEX]);
  });
});
