import type { LoaderFunctionArgs } from '@remix-run/node';
import type { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it } from 'vitest';
import { loader as home } from '~/routes/_index';
import { loader as coverage } from '~/routes/api.entries.$slug.coverage';
import { loader as entries } from '~/routes/api.entries';
import { loader as choropleth } from '~/routes/api.map.choropleth';
import { loader as clusters } from '~/routes/api.map.clusters';
import { loader as places } from '~/routes/api.places';
import { loader as regions } from '~/routes/api.regions.$layer';
import { loader as detail } from '~/routes/entries.$slug';
import { createSearchClient } from '~/search/meili.server';
import { seedDemo } from '../../db/seed/seed';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi } from '../support/paths';
import { callLoader, type RouteOutcome } from '../support/route-call';
import { freshIndexFrom, unreachableSearch } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';

/**
 * Every control character (0x00–0x1F and 0x7F) in every text parameter of every route, with
 * Meilisearch answering and with it unreachable (SQLite answers): never a 500; a refusal is a 400
 * with a Dutch message naming the parameter; free text is used without the character.
 */

const CONTROL_CHARACTERS = [...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)), '\x7f'];

/** A valid value for each query parameter the directory routes read. */
const FILTERS: Record<string, string> = {
  q: 'zorg',
  kind: 'initiatief',
  theme: 'VITAAL',
  topic: 'VITAAL-3',
  need: 'financiering',
  offer: 'expertise',
  domain: 'welzijn',
  region: 'provincie:PV25',
  near: '51.84,5.86',
  radius_km: '50',
  area: '5.0,51.5,6.5,52.5',
  sort: 'distance',
  page: '1',
  per_page: '20',
};

type Route = {
  name: string;
  loader: (args: LoaderFunctionArgs) => unknown;
  path: string;
  query: Record<string, string>;
  /** Parameters the route reads but ignores when malformed, instead of refusing them. */
  lenient?: string[];
  /** The answer to valid input is a redirect (the form's place field becomes the URL's point). */
  redirects?: boolean;
};

const ROUTES: Route[] = [
  {
    name: '/',
    loader: home,
    path: '/',
    query: { ...FILTERS, map: '9/51.84/5.86', layer: 'ggd', shade: 'count' },
    lenient: ['map', 'layer', 'shade'],
  },
  // The place field redirects whatever the rest holds; free text loses the character and the place is still found.
  { name: '/ (place field)', loader: home, path: '/', query: { plaats: 'Nijmegen', kind: 'initiatief' }, redirects: true },
  { name: '/api/entries', loader: entries, path: '/api/entries', query: FILTERS },
  { name: '/api/map/clusters', loader: clusters, path: '/api/map/clusters', query: { ...FILTERS, bbox: '3.3,50.7,7.3,53.6', zoom: '8' } },
  { name: '/api/map/choropleth', loader: choropleth, path: '/api/map/choropleth', query: { ...FILTERS, layer: 'ggd', metric: 'count' } },
  { name: '/api/places', loader: places, path: '/api/places', query: { q: 'Nijmegen' } },
];

/** Text parameters in the path: the character goes into the route parameter. */
const PATH_ROUTES = [
  {
    name: '/api/regions/:layer',
    loader: regions,
    param: 'layer',
    value: 'ggd',
    path: (v: string) => `/api/regions/${encodeURIComponent(v)}`,
  },
  {
    name: '/api/entries/:slug/coverage',
    loader: coverage,
    param: 'slug',
    value: 'SLUG',
    path: (v: string) => `/api/entries/${encodeURIComponent(v)}/coverage`,
  },
  { name: '/entries/:slug', loader: detail, param: 'slug', value: 'SLUG', path: (v: string) => `/entries/${encodeURIComponent(v)}` },
];

const DUTCH_ERROR = /^Ongeldige parameter '[a-z_]+': [A-Z'].*\.$/;
const ENGLISH = /invalid|expected|received|too (big|small)/i;
const label = (char: string) => `0x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;

let client: Meilisearch;
let slug: string;

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  client = createSearchClient({ url: inject('meiliUrl'), masterKey: inject('meiliKey') });
  await seedDemo(db);
  await freshIndexFrom(db, client);
  slug = (await db.selectFrom('entries').select('slug').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).slug;
});

/** The errors a route gave: the API's per-parameter `errors`, or those the home page shows. */
function errorsOf(outcome: RouteOutcome): Record<string, string> {
  return ((outcome.body as { errors?: Record<string, string> }).errors ?? {}) as Record<string, string>;
}

/** Checks one answer to a value with a control character in `param`. */
function expectHandled(route: Route, param: string, char: string, outcome: RouteOutcome) {
  const where = `${route.name} ${param} ${label(char)}`;
  expect(outcome.status, `${where}: ${JSON.stringify(outcome.body)}`).not.toBe(500);
  if (route.redirects) {
    expect(outcome.status, where).toBe(302);
    return;
  }
  if (param === 'q' || route.lenient?.includes(param)) {
    // Free text loses the character and is searched; map-only state is ignored when malformed.
    expect(outcome.status, where).toBe(200);
    return;
  }
  expect([200, 400], where).toContain(outcome.status);
  if (outcome.status === 400) {
    const errors = errorsOf(outcome);
    const key = param === 'limit' ? 'per_page' : param;
    expect(errors[key], `${where}: ${JSON.stringify(errors)}`).toBeTypeOf('string');
    expect(errors[key], where).not.toMatch(ENGLISH);
    if (route.name !== '/') expect((outcome.body as { error: string }).error, where).toMatch(DUTCH_ERROR);
  }
}

describe.each([
  { mode: 'Meilisearch reachable', search: () => client, degraded: false },
  { mode: 'Meilisearch unreachable (SQLite answers)', search: () => unreachableSearch, degraded: true },
])('control characters with $mode', ({ search, degraded }) => {
  const context = () => testLoadContext(database.db, { search: search() });

  it.each(ROUTES)('$name: every byte in every query parameter', { timeout: 180_000 }, async (route) => {
    const ctx = context();
    const baseline = await callLoader(route.loader, `${route.path}?${new URLSearchParams(route.query)}`, ctx);
    expect(baseline.status, JSON.stringify(baseline.body)).toBe(route.redirects ? 302 : 200);
    for (const param of Object.keys(route.query)) {
      for (const char of CONTROL_CHARACTERS) {
        const value = route.query[param]!;
        // At the end (a trailing NUL broke SQLite's query parser), and inside the search words.
        const spoilt = param === 'q' ? [value + char, value.slice(0, 2) + char + value.slice(2)] : [value + char];
        for (const spoiled of spoilt) {
          const query = new URLSearchParams({ ...route.query, [param]: spoiled });
          expectHandled(route, param, char, await callLoader(route.loader, `${route.path}?${query}`, ctx));
        }
      }
    }
  });

  it('searches free text without its control characters, on both engines', async () => {
    const ctx = context();
    const clean = (await callLoader(entries, '/api/entries?q=zorg%20thuis', ctx)).body as { total: number; degraded: boolean };
    expect(clean.degraded).toBe(degraded);
    for (const char of CONTROL_CHARACTERS) {
      const spoiled = (await callLoader(entries, `/api/entries?q=${encodeURIComponent(`zorg${char}thuis${char}`)}`, ctx)).body as {
        total: number;
        degraded: boolean;
      };
      expect(spoiled, label(char)).toMatchObject({ total: clean.total, degraded });
    }
    const choroplethWithNul = await callLoader(choropleth, '/api/map/choropleth?layer=ggd&q=zorg%00', ctx);
    expect(choroplethWithNul.status).toBe(200);
  });

  it.each(PATH_ROUTES)('$name: every byte in the path parameter', async (route) => {
    const ctx = context();
    const value = route.value === 'SLUG' ? slug : route.value;
    expect((await callLoader(route.loader, route.path(value), ctx, { [route.param]: value })).status).toBe(200);
    for (const char of CONTROL_CHARACTERS) {
      for (const spoiled of [value + char, value.slice(0, 2) + char + value.slice(2)]) {
        const outcome = await callLoader(route.loader, route.path(spoiled), ctx, { [route.param]: spoiled });
        expect(outcome.status, `${route.name} ${label(char)}`).toBe(404);
        const message = (outcome.body as { error?: string; message?: string }).error ?? (outcome.body as { message: string }).message;
        expect(message, `${route.name} ${label(char)}`).toMatch(/^(Onbekende regiolaag|Deze vermelding bestaat niet)/);
      }
    }
  });
});
