import type { LoaderFunctionArgs } from '@remix-run/node';
import type { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it } from 'vitest';
import { loader as home } from '~/routes/_index';
import { loader as entries } from '~/routes/api.entries';
import { loader as choropleth } from '~/routes/api.map.choropleth';
import { loader as clusters } from '~/routes/api.map.clusters';
import { loader as places } from '~/routes/api.places';
import { createSearchClient } from '~/search/meili.server';
import { seedDemo } from '../../db/seed/seed';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi } from '../support/paths';
import { callLoader } from '../support/route-call';
import { freshIndexFrom } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';

/**
 * Every coordinate of `area`, `bbox` and `near` is checked before any search: a bad one is a 400
 * naming the parameter, so no visitor can make Meilisearch refuse a query and push the answer
 * into the degraded SQLite fallback. What passes the checks, Meilisearch accepts.
 */

const BAD_BOXES = [
  '999,51,6,52', // west beyond 180
  '5,51,999,52', // east beyond 180
  '-181,51,6,52',
  '5,-91,6,52', // south beyond -90
  '5,51,6,91', // north beyond 90
  'NaN,51,6,52',
  '5,51,Infinity,52',
  '-Infinity,51,6,52',
  '5,51,6,1e2',
  '5,51,6,0x34',
  '5,51,6',
  '5,51,6,52,7',
  '6,51,5,52', // west and east swapped
  '5,52,6,51', // south and north swapped
  '5,51,5,52', // no width
  ' 5,51,6,52',
];
const BAD_POINTS = [
  '91,5',
  '51.8,181',
  '51.8,-181',
  '5.86,51.84',
  'NaN,5.86',
  '51.84,Infinity',
  '51.84',
  '51.84,5.86,1',
  '1e1,5',
  '48.85,2.35',
];

type Route = { name: string; loader: (args: LoaderFunctionArgs) => unknown; path: string; base: Record<string, string>; params: string[] };
const ROUTES: Route[] = [
  { name: '/', loader: home, path: '/', base: {}, params: ['area', 'near'] },
  { name: '/api/entries', loader: entries, path: '/api/entries', base: {}, params: ['area', 'near'] },
  {
    name: '/api/map/clusters',
    loader: clusters,
    path: '/api/map/clusters',
    base: { bbox: '3.3,50.7,7.3,53.6', zoom: '8' },
    params: ['bbox', 'area', 'near'],
  },
  { name: '/api/map/choropleth', loader: choropleth, path: '/api/map/choropleth', base: { layer: 'ggd' }, params: ['area', 'near'] },
];

let client: Meilisearch;
let entryCount: number;
const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  client = createSearchClient({ url: inject('meiliUrl'), masterKey: inject('meiliKey') });
  entryCount = (await seedDemo(db)).created;
  await freshIndexFrom(db, client);
});
const get = (route: Pick<Route, 'loader' | 'path'>, query: Record<string, string>) =>
  callLoader(route.loader, `${route.path}?${new URLSearchParams(query)}`, testLoadContext(database.db, { search: client }));

describe('coordinates', () => {
  it.each(ROUTES)('$name: every bad coordinate is a 400 naming its parameter, never a degraded answer', async (route) => {
    for (const param of route.params) {
      for (const value of param === 'near' ? BAD_POINTS : BAD_BOXES) {
        const outcome = await get(route, { ...route.base, q: 'zorg', [param]: value });
        const where = `${route.name} ${param}=${value}`;
        expect(outcome.status, `${where}: ${JSON.stringify(outcome.body)}`).toBe(400);
        const body = outcome.body as { error?: string; errors: Record<string, string>; result?: { degraded: boolean } };
        expect(Object.keys(body.errors), where).toEqual([param]);
        expect(body.errors[param], where).toMatch(/^(Geef|Het|De|Breedtegraden|Lengtegraden) .*\.$/);
        if (body.error !== undefined) expect(body.error, where).toMatch(new RegExp(`^Ongeldige parameter '${param}': `));
        // The home page shows the message and searches without the bad parameter, on Meilisearch.
        if (body.result) expect(body.result.degraded, where).toBe(false);
      }
    }
  });

  it('refuses a one-value parameter given twice with different values, and a zoom not plainly written', async () => {
    const errors = async (loader: Route['loader'], url: string) =>
      ((await callLoader(loader, url, testLoadContext(database.db, { search: client }))).body as { errors: object }).errors;
    const REPEATED = 'Geef deze parameter één keer mee.';
    const view = 'bbox=3.3,50.7,7.3,53.6';
    expect(await errors(clusters, `/api/map/clusters?${view}&zoom=8&zoom=9`)).toEqual({ zoom: REPEATED });
    expect(await errors(clusters, `/api/map/clusters?${view}&bbox=4,51,5,52&zoom=8`)).toEqual({ bbox: REPEATED });
    expect(await errors(clusters, `/api/map/clusters?${view}&zoom=0x7`)).toEqual({ zoom: 'Het zoomniveau moet een getal zijn.' });
    expect(await errors(clusters, `/api/map/clusters?${view}&zoom=1.5`)).toEqual({ zoom: 'Het zoomniveau moet een heel getal zijn.' });
    expect(await errors(choropleth, '/api/map/choropleth?layer=ggd&layer=provincie')).toEqual({ layer: REPEATED });
    expect(await errors(entries, '/api/entries?q=zorg&q=wonen&near=51.8,5.8&near=51.9,5.9')).toEqual({ q: REPEATED, near: REPEATED });
    expect(await errors(places, '/api/places?q=Oss&q=Ede')).toEqual({ q: REPEATED });
  });

  it('names the problem: range, order or format', async () => {
    const errors = async (query: Record<string, string>) => ((await get(ROUTES[1]!, query)).body as { errors: object }).errors;
    expect(await errors({ area: '999,51,6,52' })).toEqual({ area: 'Lengtegraden (west en oost) liggen tussen -180 en 180.' });
    expect(await errors({ area: '5,51,6,95' })).toEqual({ area: 'Breedtegraden (zuid en noord) liggen tussen -90 en 90.' });
    expect(await errors({ area: '6,51,5,52' })).toEqual({
      area: 'Het gebied is leeg: west moet kleiner zijn dan oost en zuid kleiner dan noord.',
    });
    expect(await errors({ area: 'NaN,51,6,52' })).toEqual({
      area: 'Geef een gebied als west,zuid,oost,noord, bijvoorbeeld 5.7,51.8,5.9,51.9.',
    });
    expect(await errors({ near: '91,5' })).toEqual({ near: 'De breedtegraad moet tussen -90 en 90 liggen.' });
    expect(await errors({ near: '51.8,181' })).toEqual({ near: 'De lengtegraad moet tussen -180 en 180 liggen.' });
    expect(await errors({ near: '5.86,51.84' })).toEqual({ near: 'Het punt ligt niet in Nederland.' });
    const clusterErrors = (await get(ROUTES[2]!, { bbox: '5,51,999,52', zoom: '8' })).body as { errors: object };
    expect(clusterErrors.errors).toEqual({ bbox: 'Lengtegraden (west en oost) liggen tussen -180 en 180.' });
  });

  it('accepts the extremes, and Meilisearch answers them (no fallback)', async () => {
    const whole = await get(ROUTES[1]!, { q: 'zorg', area: '-180,-90,180,90' });
    expect(whole.status).toBe(200);
    expect(whole.body).toMatchObject({ degraded: false });
    const all = await get(ROUTES[1]!, { area: '-180,-90,180,90', per_page: '1' });
    expect(all.body).toMatchObject({ total: entryCount, degraded: false });
    expect((await get(ROUTES[1]!, { area: '-180,-90,-179.9999,-89.9999' })).body).toMatchObject({ total: 0, degraded: false });
    for (const near of ['50.7,3.3', '53.6,7.3', '50.7,7.3', '53.6,3.3']) {
      const outcome = await get(ROUTES[1]!, { q: 'zorg', near, radius_km: '300', sort: 'distance' });
      expect(outcome.body, near).toMatchObject({ degraded: false });
    }
    const map = await get(ROUTES[2]!, { q: 'zorg', bbox: '-180,-90,180,90', zoom: '0', area: '-180,-90,180,90' });
    expect(map.status).toBe(200);
    expect(map.body).toMatchObject({ degraded: false });
    const page = await get(ROUTES[0]!, { q: 'zorg', area: '-180,-90,180,90', near: '53.6,7.3', radius_km: '300' });
    expect(page.status).toBe(200);
    expect((page.body as { result: { degraded: boolean } }).result.degraded).toBe(false);
  });
});
