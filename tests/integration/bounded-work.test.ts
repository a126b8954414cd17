import type { LoaderFunctionArgs } from '@remix-run/node';
import type { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it, vi } from 'vitest';
import { loader as home } from '~/routes/_index';
import { loader as entries } from '~/routes/api.entries';
import { broaderCandidates, suggestBroaderSearch } from '~/search/broader-search.server';
import { createSearchClient } from '~/search/meili.server';
import { FACETS, MAX_FILTER_VALUES, MAX_VALUES_PER_PARAMETER, serializeSearchParams } from '~/search/search-params';
import { ENTRY_KIND_CODES, SUPPORT_TYPE_CODES, THEME_CODES, TOPIC_CODES } from '~/taxonomy/taxonomy';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi } from '../support/paths';
import { callLoader, type RouteOutcome } from '../support/route-call';
import { freshIndexFrom, searchParams, unreachableSearch } from '../support/search-fixtures';
import { geoSource, useTestDatabase } from '../support/test-database';

/**
 * A URL built to be expensive — every value repeated, as many distinct values as allowed, long
 * search words, no hits (so the page looks for a broader search) — costs a bounded amount of
 * work: under 300 ms and 200 KB, on the home page and the API, with either engine.
 */

const MAX_MS = 300;
const MAX_BYTES = 200 * 1024;
const REPEATS = 12;

/** Words nothing matches, even with typo tolerance: 195 characters. */
const NONSENSE = Array.from({ length: 28 }, (_, i) => `qx${String(i).padStart(2, '0')}zv`).join(' ');
const REGIONS = ['provincie:PV25', 'ggd:GG2014', 'corop:CR15'];

/** 40 distinct filter values (the cap), each repeated. */
function expensiveQuery(): URLSearchParams {
  const query = new URLSearchParams({ q: NONSENSE, per_page: '100' });
  const groups = { kind: ENTRY_KIND_CODES, theme: THEME_CODES, topic: TOPIC_CODES, need: SUPPORT_TYPE_CODES, region: REGIONS };
  for (let i = 0; i < REPEATS; i++)
    for (const [param, values] of Object.entries(groups)) for (const value of values) query.append(param, value);
  return query;
}

let client: Meilisearch;
const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  client = createSearchClient({ url: inject('meiliUrl'), masterKey: inject('meiliKey') });
  await seedDemo(db);
  await seedSynthetic(db, 2000, 8, geoSource);
  await freshIndexFrom(db, client);
});

/** The median time of a few runs (the machine is shared), and the last answer. */
async function measure(run: () => Promise<RouteOutcome>, runs = 5): Promise<{ ms: number; outcome: RouteOutcome }> {
  await run(); // warm caches: the cost that matters is the steady one
  const times: number[] = [];
  let outcome: RouteOutcome | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    outcome = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)]!, outcome: outcome! };
}

const call = (loader: (args: LoaderFunctionArgs) => unknown, path: string, search: Meilisearch | null) =>
  callLoader(loader, path, testLoadContext(database.db, { search }));

describe('bounded work per request', () => {
  it('counts each repeated value once and stays within the caps', () => {
    const query = expensiveQuery();
    expect(query.toString().length).toBeGreaterThan(4_000);
    const params = searchParams();
    expect(params.kind).toEqual([]);
    const candidates = broaderCandidates(
      searchParams({ q: 'x', kind: ['coalitie'], topic: [...TOPIC_CODES], region: REGIONS, area: '5,51,6,52' }),
    );
    // One per facet group, not one per value.
    expect(candidates.map((c) => c.label)).toEqual(['kind:coalitie', 'topic', 'region', 'q', 'area']);
    expect(MAX_VALUES_PER_PARAMETER).toBeGreaterThanOrEqual(TOPIC_CODES.length);
  });

  it.each([
    { engine: 'Meilisearch', search: () => client, degraded: false },
    { engine: 'SQLite (Meilisearch unreachable)', search: () => unreachableSearch, degraded: true },
  ])('an expensive URL answers in under 300 ms and 200 KB, home page and API ($engine)', async ({ search, degraded }) => {
    const query = expensiveQuery();
    const page = await measure(() => call(home, `/?${query}`, search()));
    const body = page.outcome.body as { result: { total: number; degraded: boolean }; params: { topic: string[] }; errors: object };
    expect(page.outcome.status, JSON.stringify(body.errors)).toBe(200);
    expect(body.result).toMatchObject({ total: 0, degraded });
    expect(body.params.topic).toEqual([...TOPIC_CODES]);
    expect(page.ms, `home page ${page.ms.toFixed(0)} ms`).toBeLessThan(MAX_MS);
    expect(page.outcome.bytes, 'home page data').toBeLessThan(MAX_BYTES);

    const api = await measure(() => call(entries, `/api/entries?${query}`, search()));
    expect(api.outcome.status).toBe(200);
    expect(api.ms, `API ${api.ms.toFixed(0)} ms`).toBeLessThan(MAX_MS);
    expect(api.outcome.bytes).toBeLessThan(MAX_BYTES);

    // The largest page the API gives: 100 hits with highlights and every facet.
    const largest = await measure(() => call(entries, `/api/entries?q=zorg&per_page=100`, search()), 3);
    expect(largest.outcome.bytes).toBeLessThan(MAX_BYTES);
    expect(largest.ms).toBeLessThan(MAX_MS);
  });

  it('asks Meilisearch a bounded number of times for a page without results: one search per count and one multi-search of suggestions', async () => {
    const spy = vi.spyOn(client, 'multiSearch');
    try {
      await call(home, `/?${expensiveQuery()}`, client);
      const sizes = spy.mock.calls.map(([body]) => (body as { queries: unknown[] }).queries.length);
      // The search: the page with the inactive groups' counts, the region count, and one count per active group, one query each.
      expect(sizes.length - 1).toBeLessThanOrEqual(FACETS.length + 1);
      expect(sizes.slice(0, -1).every((size) => size === 1)).toBe(true);
      // The suggestions: one multi-search.
      expect(sizes.at(-1)).toBeGreaterThan(1);
      expect(sizes.at(-1)).toBeLessThanOrEqual(10);
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses more values than the caps with a Dutch 400; the home page shows the message', async () => {
    const gemeenten = (await database.db.selectFrom('municipalities').select('code').orderBy('code').limit(300).execute()).map(
      (g) => `gemeente:${g.code}`,
    );
    const tooMany = new URLSearchParams(gemeenten.map((ref) => ['region', ref]));
    const api = await call(entries, `/api/entries?${tooMany}`, client);
    expect(api.status).toBe(400);
    expect(api.body).toEqual({
      error: `Ongeldige parameter 'region': Kies hooguit ${MAX_VALUES_PER_PARAMETER} waarden voor dit filter.`,
      errors: { region: `Kies hooguit ${MAX_VALUES_PER_PARAMETER} waarden voor dit filter.` },
    });
    const overTotal = new URLSearchParams([
      ['kind', 'coalitie'],
      ...TOPIC_CODES.map((code) => ['topic', code]),
      ...SUPPORT_TYPE_CODES.flatMap((code) => [
        ['need', code],
        ['offer', code],
      ]),
    ]);
    expect(1 + TOPIC_CODES.length + 2 * SUPPORT_TYPE_CODES.length).toBeGreaterThan(MAX_FILTER_VALUES);
    const total = await call(entries, `/api/entries?${overTotal}`, client);
    expect(total.status).toBe(400);
    expect((total.body as { errors: object }).errors).toEqual({
      offer: `Te veel filterwaarden: kies er samen hooguit ${MAX_FILTER_VALUES}.`,
    });
    const page = await measure(() => call(home, `/?${tooMany}&q=zorg`, client), 3);
    expect(page.outcome.status).toBe(400);
    const body = page.outcome.body as {
      errors: Record<string, string>;
      params: { region: string[]; q: string };
      result: { total: number };
    };
    expect(body.errors).toEqual({ region: `Kies hooguit ${MAX_VALUES_PER_PARAMETER} waarden voor dit filter.` });
    // The rest of the query still answers.
    expect(body.params).toMatchObject({ region: [], q: 'zorg' });
    expect(body.result.total).toBeGreaterThan(0);
    expect(page.ms).toBeLessThan(MAX_MS);
  });

  it('suggests the filter to drop, with the same answer from either engine', async () => {
    const cases = [
      searchParams({ q: 'DementieNet', kind: ['initiatief'], region: ['provincie:PV22'] }),
      searchParams({ kind: ['coalitie'], region: ['gemeente:GM0268'], area: '6.4,52.9,6.7,53.1' }),
      searchParams({ q: 'DementieNet', region: ['provincie:PV22', 'provincie:PV21'] }),
    ];
    for (const params of cases) {
      const fromMeilisearch = await suggestBroaderSearch(database.db, client, params);
      expect(fromMeilisearch, JSON.stringify(params)).not.toBeNull();
      // The suggested search really has that many results.
      const { total } = (await call(entries, `/api/entries?${serializeSearchParams(fromMeilisearch!.params)}`, client)).body as {
        total: number;
      };
      expect(fromMeilisearch!.total).toBe(total);
      if (!params.q) expect(await suggestBroaderSearch(database.db, null, params)).toEqual(fromMeilisearch);
    }
    // Only dropping the words helps here; the topics stay.
    expect(await suggestBroaderSearch(database.db, client, searchParams({ topic: ['MEE-3', 'VITAAL-3'], q: NONSENSE }))).toMatchObject({
      label: 'q',
    });
  });
});
