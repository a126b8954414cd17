import type { AppLoadContext } from '@remix-run/node';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Point, Position } from 'geojson';
import { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { CSV_HEADINGS } from '~/exports/csv.server';
import { exportResponse, MAX_CONCURRENT_EXPORTS } from '~/exports/export-response.server';
import { searchDatabase } from '~/search/fallback.server';
import { searchEntries } from '~/search/search.server';
import { loader as csvLoader } from '~/routes/api.export[.]csv';
import { loader as geojsonLoader } from '~/routes/api.export[.]geojson';
import { loader as hsdsLoader } from '~/routes/api.export[.]hsds[.]json';
import { seedDemo } from '../../db/seed/seed';
import { validInitiative } from '../support/fixtures';
import { hsdsAvailable, hsdsValidator } from '../support/hsds';
import { testLoadContext } from '../support/load-context';
import { hasGeodata, requireGeodataInCi } from '../support/paths';
import { freshIndexFrom, searchParams, unreachableSearch } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';

let client: Meilisearch;
let context: AppLoadContext;

/** Everything a CSV cell can trip over: Dutch letters, the separator, quotes and a line break. */
const TRICKY = {
  name: 'Zorgzame buurt Ëindhoven; “samen” en "ijverig"',
  description: 'Eerste regel met ij en ë;\nTweede regel met "aanhalingstekens" en een ; erin.\r\nDerde regel.',
};
const SECRET_FUNDING_END = '2031-07-15';

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  client = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
  context = testLoadContext(db, { search: client });
  await seedDemo(db);
  const saved = await saveEntry(db, {
    ...validInitiative,
    ...TRICKY,
    status: 'published',
    email: 'info@zorgzame-buurt.example',
    phone: '+31 24 123 45 67',
    fundingSources: ['Gemeente; Wmo-subsidie'],
    fundingEndsOn: SECRET_FUNDING_END,
    partners: [{ name: 'Welzijn "Oost"', domain: 'welzijn' }],
    targetGroups: ['ouderen', 'mantelzorgers'],
    lastVerifiedAt: '2026-11-02',
  });
  expect(saved.ok).toBe(true);
  await saveEntry(db, { ...validInitiative, name: 'Conceptinitiatief Nietopenbaar', status: 'draft' });
  await freshIndexFrom(db, client);
});

type Loader = typeof csvLoader;
const call = (loader: Loader, query = '', headers: Record<string, string> = {}) =>
  loader({ request: new Request(`http://localhost/api/export?${query}`, { headers }), params: {}, context }) as Promise<Response>;

async function publishedCount() {
  const { n } = await database.db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(n);
}

const parseCsv = (text: string) =>
  parse(text, { delimiter: ';', bom: true, columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;

/** Every slug the search API returns for these filters, over all its pages. */
async function searchedSlugs(query: Record<string, unknown>): Promise<string[]> {
  const slugs: string[] = [];
  for (let page = 1; ; page++) {
    const result = await searchEntries(database.db, client, searchParams({ ...query, page, per_page: 100 }));
    slugs.push(...result.hits.map((hit) => hit.slug));
    if (page >= result.total_pages) return slugs.sort();
  }
}

describe('CSV export', () => {
  it('is UTF-8 with BOM, ;-separated, CRLF, one row per published entry, and round-trips tricky text', async () => {
    const response = await call(csvLoader);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="samenspel-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`\uFEFF${CSV_HEADINGS[0]};${CSV_HEADINGS[1]};`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);

    const rows = parseCsv(text);
    expect(rows).toHaveLength(await publishedCount());
    expect(Number(response.headers.get('x-total-count'))).toBe(rows.length);
    expect(Object.keys(rows[0]!)).toEqual(CSV_HEADINGS);
    const tricky = rows.find((row) => row.naam === TRICKY.name)!;
    expect(tricky).toBeDefined();
    // Line breaks are stored as typed paragraphs, \n (app/utils/plain-text.ts).
    expect(tricky.beschrijving).toBe(TRICKY.description.replace('\r\n', '\n'));
    expect(tricky.soort).toBe('Burgerinitiatief');
    expect(tricky['werkgebied (gemeenten)']).toBe(hasGeodata ? 'Nijmegen' : 'GM0268');
    expect(tricky.onderwerpen).toBe(
      'MEE-2 Voorbereiden op de volgende levensfase | VITAAL-3 Ondersteunen van ouderen in de eigen woonomgeving',
    );
    expect(tricky.partners).toBe('Welzijn "Oost" (Welzijn)');
    expect(tricky.financiering).toBe('Gemeente; Wmo-subsidie');
    expect(Number(tricky.breedtegraad!.replace(',', '.'))).toBe(51.82);
    expect(tricky['laatst gecontroleerd']).toBe('2026-11-02');
    // A phone number that starts like a formula is kept as text in a spreadsheet.
    expect(tricky.telefoon).toBe("'+31 24 123 45 67");
    expect(rows.some((row) => row.naam === 'Conceptinitiatief Nietopenbaar')).toBe(false);
  });
});

const inNetherlands = ([lng, lat]: Position) => lng! >= 3.2 && lng! <= 7.3 && lat! >= 50.7 && lat! <= 53.6;

describe('GeoJSON export', () => {
  it('is a FeatureCollection of points in longitude, latitude order', async () => {
    const response = await call(geojsonLoader, 'kind=coalitie');
    expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const collection = (await response.json()) as FeatureCollection<Point>;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.length).toBe((await searchedSlugs({ kind: ['coalitie'] })).length);
    for (const feature of collection.features) {
      expect(feature.type).toBe('Feature');
      expect(feature.geometry.type).toBe('Point');
      expect(feature.geometry.coordinates).toHaveLength(2);
      expect(inNetherlands(feature.geometry.coordinates)).toBe(true);
      expect(feature.properties).toMatchObject({ kind: 'coalitie', geometrie: 'locatie' });
    }
  });

  it.runIf(hasGeodata)('adds each werkgebied as a closed MultiPolygon with werkgebied=1', async () => {
    const collection = (await (await call(geojsonLoader, 'kind=coalitie&werkgebied=1')).json()) as FeatureCollection<Point | MultiPolygon>;
    const areas = collection.features.filter((f): f is Feature<MultiPolygon> => f.geometry.type === 'MultiPolygon');
    const points = collection.features.filter((f) => f.geometry.type === 'Point');
    expect(areas.length).toBe(points.length);
    for (const area of areas) {
      expect(area.properties).toMatchObject({ geometrie: 'werkgebied' });
      for (const polygon of area.geometry.coordinates) {
        for (const ring of polygon) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(ring.every(inNetherlands)).toBe(true);
        }
      }
    }
  });
});

describe.runIf(hsdsAvailable())('HSDS export', () => {
  it('gives every entry as an HSDS 3 service that validates against the Open Referral schemas', async () => {
    const response = await call(hsdsLoader);
    expect(response.headers.get('content-disposition')).toMatch(/filename="samenspel-\d{4}-\d{2}-\d{2}\.hsds\.json"/);
    const page = (await response.json()) as { contents: Array<Record<string, unknown>>; total_items: number; empty: boolean };
    expect(page.contents).toHaveLength(await publishedCount());
    expect(page).toMatchObject({ total_items: page.contents.length, empty: false, total_pages: 1 });
    const validate = hsdsValidator('service');
    const problems = page.contents.flatMap((service) =>
      validate(service) ? [] : [`${String((service as { name?: string }).name)}: ${JSON.stringify(validate.errors)}`],
    );
    expect(problems).toEqual([]);
    const tricky = page.contents.find((service) => service.name === TRICKY.name) as {
      service_areas: Array<{ name: string; extent: string }>;
      service_at_locations: Array<{ location: { latitude: number; longitude: number } }>;
      attributes: Array<{ link_type: string; taxonomy_term: { code: string } }>;
      assured_date: string;
    };
    expect(tricky.service_areas).toMatchObject([{ extent: 'GM0268' }]);
    expect(tricky.service_at_locations[0]!.location).toMatchObject({ latitude: 51.82, longitude: 5.79 });
    expect(tricky.attributes.filter((a) => a.link_type === 'topic').map((a) => a.taxonomy_term.code)).toEqual(['MEE-2', 'VITAAL-3']);
    expect(tricky.assured_date).toBe('2026-11-02');
    // The same entry keeps its identifiers from one export to the next.
    const again = (await (await call(hsdsLoader)).json()) as typeof page;
    expect(again.contents.map((s) => s.id)).toEqual(page.contents.map((s) => s.id));
  });
});

describe('the selection', () => {
  it.each([
    ['kind=coalitie', { kind: ['coalitie'] }],
    ['topic=VITAAL-3&topic=MEE-1', { topic: ['VITAAL-3', 'MEE-1'] }],
    ['region=provincie:PV22&need=financiering', { region: ['provincie:PV22'], need: ['financiering'] }],
    ['q=eenzaamheid', { q: 'eenzaamheid' }],
    ['q=zorgzame&kind=initiatief', { q: 'zorgzame', kind: ['initiatief'] }],
    ['near=51.84,5.86&radius_km=25', { near: '51.84,5.86', radius_km: 25 }],
  ])('holds exactly the entries the search API finds for %s', async (query, params) => {
    const expected = await searchedSlugs(params);
    const rows = parseCsv(await (await call(csvLoader, query)).text());
    const collection = (await (await call(geojsonLoader, query)).json()) as FeatureCollection<Point, { slug: string }>;
    expect(collection.features.map((f) => f.properties.slug).sort()).toEqual(expected);
    expect(rows.map((row) => row.pagina!.split('/').pop()).sort()).toEqual(expected);
  });

  it('comes from SQLite full-text search when Meilisearch is down, and is then not cached', async () => {
    const down = testLoadContext(database.db, { search: unreachableSearch });
    const response = (await csvLoader({
      request: new Request('http://localhost/api/export.csv?q=eenzaamheid'),
      params: {},
      context: down,
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const fallback = await searchDatabase(database.db, searchParams({ q: 'eenzaamheid', per_page: 100 }));
    expect(fallback.total).toBeGreaterThan(0);
    const rows = parseCsv(await response.text());
    expect(rows.map((row) => row.pagina!.split('/').pop()).sort()).toEqual(fallback.hits.map((hit) => hit.slug).sort());
  });

  it('leaves out everything that is not public', async () => {
    const texts = await Promise.all([csvLoader, geojsonLoader, hsdsLoader].map(async (loader) => (await call(loader)).text()));
    for (const text of texts) {
      expect(text).not.toContain('Nietopenbaar');
      expect(text).not.toContain(SECRET_FUNDING_END);
      for (const key of ['"status":"published"', '"created_at"', '"updated_at"', '"funding_ends_on"', '"source"', '"is_demo"', '"id":1,']) {
        expect(text).not.toContain(key);
      }
    }
    const rows = parseCsv(texts[0]!);
    expect(Object.keys(rows[0]!).some((key) => /status|bijgewerkt|aangemaakt|eind/.test(key))).toBe(false);
  });
});

describe('the export endpoints', () => {
  it('refuse bad parameters with a Dutch message per parameter', async () => {
    for (const [loader, query, param] of [
      [csvLoader, 'topic=NOPE', 'topic'],
      [geojsonLoader, 'werkgebied=ja', 'werkgebied'],
      [csvLoader, 'werkgebied=1', 'werkgebied'],
      [hsdsLoader, 'near=10,10', 'near'],
    ] as const) {
      const response = await call(loader, query);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; errors: Record<string, string> };
      expect(body.error).toMatch(new RegExp(`^Ongeldige parameter '${param}'`));
      expect(body.errors[param]).toMatch(/[a-z]/);
    }
  });

  it('answer a known version with 304 through the ETag, and say how long it may be kept', async () => {
    const first = await call(csvLoader, 'kind=coalitie');
    await first.body?.cancel();
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await call(csvLoader, 'kind=coalitie', { 'If-None-Match': etag })).status).toBe(304);
    const head = (await csvLoader({
      request: new Request('http://localhost/api/export.csv?kind=coalitie', { method: 'HEAD' }),
      params: {},
      context,
    })) as Response;
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(head.headers.get('content-disposition')).toMatch(/^attachment; filename="samenspel-/);
    expect(head.body).toBeNull();
    const other = await call(csvLoader, 'kind=initiatief');
    await other.body?.cancel();
    expect(other.headers.get('etag')).not.toBe(etag);

    // One ETag, one content: an area is filtered as precisely as its ETag names it (four decimals).
    const [nijmegen, sameArea, widerArea] = await Promise.all(
      ['5.8,51.8,5.9,51.9', '5.80004,51.8,5.9,51.9', '5.7999,51.8,5.9,51.9'].map((area) => call(csvLoader, `area=${area}`)),
    );
    expect(sameArea!.headers.get('etag')).toBe(nijmegen!.headers.get('etag'));
    expect(await sameArea!.text()).toBe(await nijmegen!.text());
    expect(widerArea!.headers.get('etag')).not.toBe(nijmegen!.headers.get('etag'));
    await widerArea!.body?.cancel();
  });

  it('read the next batch only once the client has taken the previous one', async () => {
    let open = () => {};
    let asked = 0;
    const drained = () => {
      asked++;
      return new Promise<void>((resolve) => (open = resolve));
    };
    const response = await exportResponse(new Request('http://localhost/api/export.csv'), context.services, 'csv', drained);
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const pending = reader.read();
    const first = await Promise.race([pending.then(() => 'read'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
    expect(first).toBe('waiting');
    expect(asked).toBe(1);
    open();
    expect((await pending).done).toBe(false);
    await reader.cancel();
  });

  it(`run at most ${MAX_CONCURRENT_EXPORTS} at once and ask the rest to come back`, async () => {
    const running = await Promise.all(Array.from({ length: MAX_CONCURRENT_EXPORTS }, () => call(hsdsLoader)));
    const refused = await call(csvLoader);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(((await refused.json()) as { error: string }).error).toMatch(/Probeer het over een paar seconden opnieuw/);
    // A download that finishes and one the client breaks off both give their slot back.
    await running[0]!.text();
    await running[1]!.body!.cancel();
    const next = await call(csvLoader);
    expect(next.status).toBe(200);
    await next.text();

    // A client that goes away (the adapter aborts the request's signal) gives its slot back too.
    const gone = new AbortController();
    const abandoned = await Promise.all(
      Array.from({ length: MAX_CONCURRENT_EXPORTS }, () =>
        hsdsLoader({ request: new Request('http://localhost/api/export', { signal: gone.signal }), params: {}, context }),
      ),
    );
    expect(abandoned.map((response) => (response as Response).status)).toEqual(abandoned.map(() => 200));
    expect((await call(csvLoader)).status).toBe(503);
    gone.abort();
    const after = await call(csvLoader);
    expect(after.status).toBe(200);
    await after.body!.cancel();
  });
});
