import fs from 'node:fs';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import SQLite from 'better-sqlite3';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import type { LoaderFunctionArgs } from '@remix-run/node';
import type { Database } from '../../db/schema';
import { loadEntriesWithRelations, saveEntry, type EntryWithRelations } from '~/entries/entries.server';
import { REGION_LAYERS, type RegionLayer } from '~/regions/region-layers';
import { regionStats, type RegionStats } from '~/regions/region-stats.server';
import { searchDatabase } from '~/search/fallback.server';
import { loader as coverageLoader } from '~/routes/api.entries.$slug.coverage';
import { loader as choroplethLoader } from '~/routes/api.map.choropleth';
import { loader as regionsLoader } from '~/routes/api.regions.$layer';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { validInitiative } from '../support/fixtures';
import { hasGeodata, requireGeodataInCi, tempPath } from '../support/paths';
import { searchParams } from '../support/search-fixtures';
import { testLoadContext } from '../support/load-context';
import { geoSource, useTestDatabase } from '../support/test-database';

/** The region routes called the way Remix calls them, against a real SQLite file and the real boundaries in db/geo. */

const EXPECTED_REGIONS = { gemeente: 342, provincie: 12, ggd: 25, zorgkantoor: 31, corop: 40 } as const;
const ASSEN: [number, number] = [6.5625, 52.9928];
const GRONINGEN: [number, number] = [6.5665, 53.2194];

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
const call = (
  loader: Loader,
  path: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
  context = testLoadContext(database.db),
) => loader({ request: new Request(`http://localhost${path}`, { headers }), params, context });

let entries: EntryWithRelations[];
/** gemeente → layer → region code, read straight from the region table. */
let regionOf: Map<string, Partial<Record<RegionLayer, string>>>;

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  if (!hasGeodata) return;
  await seedDemo(db);
  await seedSynthetic(db, 800, 5, geoSource);
  // Initiatives with only citizens as partners, with a formal partner, and unpublished: the edge cases of `partnered`.
  const extra = [
    {
      name: 'Buurtkring Alleen Burgers',
      partners: [{ name: 'Bewonersvereniging Oost', domain: 'burgers' as const }],
      status: 'published' as const,
    },
    {
      name: 'Buurtkring Met Wijkteam',
      partners: [
        { name: 'Bewonersvereniging West', domain: 'burgers' as const },
        { name: 'Wijkteam Assen', domain: 'welzijn' as const },
      ],
      status: 'published' as const,
    },
    { name: 'Buurtkring In Concept', partners: [{ name: 'Zorggroep Assen', domain: 'zorgaanbieders' as const }], status: 'draft' as const },
  ];
  for (const { name, partners, status } of extra) {
    const saved = await saveEntry(db, {
      ...validInitiative,
      name,
      partners,
      status,
      place: 'Assen',
      lat: ASSEN[1],
      lng: ASSEN[0],
      coverage: ['GM0106'],
    });
    expect(saved.ok).toBe(true);
  }
  const ids = (await db.selectFrom('entries').select('id').where('status', '=', 'published').execute()).map((row) => row.id);
  entries = await loadEntriesWithRelations(db, ids);
  regionOf = new Map();
  for (const row of await db.selectFrom('municipality_regions').selectAll().execute()) {
    regionOf.set(row.gemeente_code, { ...regionOf.get(row.gemeente_code), [row.layer]: row.region_code });
  }
});

/** The regions of a layer an entry works in, computed in JavaScript from its coverage. */
function regionsOf(entry: EntryWithRelations, layer: RegionLayer): Set<string> {
  if (layer === 'gemeente') return new Set(entry.coverage);
  return new Set(entry.coverage.flatMap((code) => regionOf.get(code)?.[layer] ?? []));
}

function refsOf(entry: EntryWithRelations): Set<string> {
  return new Set(REGION_LAYERS.flatMap(({ layer }) => [...regionsOf(entry, layer)].map((code) => `${layer}:${code}`)));
}

/** An independent tally: count (or share) per region over the given entries. */
function tally(matching: EntryWithRelations[], layer: RegionLayer, metric: 'count' | 'partnered') {
  const counts: Record<string, number> = {};
  const partnered: Record<string, number> = {};
  for (const entry of matching) {
    if (metric === 'partnered' && entry.kind !== 'initiatief') continue;
    const formal = entry.partners.some((p) => p.domain !== 'burgers');
    for (const code of regionsOf(entry, layer)) {
      counts[code] = (counts[code] ?? 0) + 1;
      partnered[code] = (partnered[code] ?? 0) + (formal ? 1 : 0);
    }
  }
  const values = metric === 'count' ? counts : Object.fromEntries(Object.entries(counts).map(([code, n]) => [code, partnered[code]! / n]));
  return { counts, values };
}

/** The ids a text query matches, read page by page from the directory search. */
async function idsMatching(q: string): Promise<Set<number>> {
  const ids = new Set<number>();
  for (let page = 1; ; page++) {
    const result = await searchDatabase(database.db, searchParams({ q, per_page: 100, page }));
    for (const hit of result.hits) ids.add(hit.id);
    if (page >= result.total_pages) return ids;
  }
}

async function choropleth(
  query: string,
): Promise<{ status: number; body: RegionStats & { error?: string; errors?: Record<string, string> } }> {
  const response = await call(choroplethLoader, `/api/map/choropleth?${query}`);
  return { status: response.status, body: await response.json() };
}

async function regionFeatures(layer: RegionLayer) {
  const topology = (await (await call(regionsLoader, `/api/regions/${layer}`, { layer })).json()) as Topology;
  return feature(topology, Object.values(topology.objects)[0] as GeometryCollection<{ code: string; name: string }>).features;
}

describe.runIf(hasGeodata)('GET /api/regions/:layer', () => {
  it('serves every layer as TopoJSON with code and name, matching the region table', async () => {
    for (const { layer } of REGION_LAYERS) {
      const response = await call(regionsLoader, `/api/regions/${layer}`, { layer });
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400');
      expect(response.headers.get('ETag')).toMatch(/^"[0-9a-f]{32}"$/);
      const topology = (await response.json()) as Topology;
      expect(topology.type).toBe('Topology');
      const features = feature(topology, topology.objects[layer] as GeometryCollection<{ code: string; name: string }>).features;
      expect(features).toHaveLength(EXPECTED_REGIONS[layer]);
      for (const region of features) expect(Object.keys(region.properties).sort()).toEqual(['code', 'name']);
      // A click on a shape filters on `layer:code`: every shape must be a region the filters know.
      const known = await database.db.selectFrom('regions').select(['code', 'name']).where('layer', '=', layer).orderBy('code').execute();
      expect(features.map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code))).toEqual(known);
    }
  });

  it('answers 304 to a known ETag and the full body to any other', async () => {
    const first = await call(regionsLoader, '/api/regions/ggd', { layer: 'ggd' });
    const etag = first.headers.get('ETag')!;
    const again = await call(regionsLoader, '/api/regions/ggd', { layer: 'ggd' }, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await call(regionsLoader, '/api/regions/ggd', { layer: 'ggd' }, { 'If-None-Match': `"x", W/${etag}` })).status).toBe(304);
    expect((await call(regionsLoader, '/api/regions/ggd', { layer: 'ggd' }, { 'If-None-Match': '"x"' })).status).toBe(200);
    // Another layer has another tag.
    expect((await call(regionsLoader, '/api/regions/corop', { layer: 'corop' }, { 'If-None-Match': etag })).status).toBe(200);
  });

  it('answers 404 with a Dutch message for an unknown layer', async () => {
    for (const layer of ['wijk', 'GGD', 'ggdregio', '']) {
      const response = await call(regionsLoader, `/api/regions/${layer}`, { layer });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(
        /^Onbekende regiolaag .*kies uit gemeente, provincie, ggd, zorgkantoor, corop/,
      );
    }
  });
});

describe.runIf(hasGeodata)('GET /api/map/choropleth', () => {
  const FILTERS: Array<[string, (entry: EntryWithRelations) => boolean]> = [
    ['', () => true],
    ['kind=coalitie', (e) => e.kind === 'coalitie'],
    ['topic=VITAAL-3,MEE-2', (e) => e.topics.includes('VITAAL-3') || e.topics.includes('MEE-2')],
    ['theme=DIGITAAL&kind=initiatief', (e) => e.kind === 'initiatief' && e.topics.some((t) => t.startsWith('DIGITAAL-'))],
    ['need=financiering&domain=welzijn', (e) => e.needs.includes('financiering') && e.partners.some((p) => p.domain === 'welzijn')],
    ['region=provincie:PV22', (e) => refsOf(e).has('provincie:PV22')],
    ['region=ggd:GG0706&region=gemeente:GM0363', (e) => refsOf(e).has('ggd:GG0706') || refsOf(e).has('gemeente:GM0363')],
  ];

  it('counts the published entries per region exactly as an independent tally does', async () => {
    for (const [query, predicate] of FILTERS) {
      const matching = entries.filter(predicate);
      expect(matching.length, query).toBeGreaterThan(0);
      for (const { layer } of REGION_LAYERS) {
        const { status, body } = await choropleth(`${query}&layer=${layer}&metric=count`);
        expect(status).toBe(200);
        const expected = tally(matching, layer, 'count');
        expect(body, `${query} ${layer}`).toEqual({
          layer,
          metric: 'count',
          values: expected.values,
          counts: expected.counts,
          max: Math.max(0, ...Object.values(expected.values)),
        });
      }
    }
  });

  it('applies a text query through the full-text index', async () => {
    for (const q of ['dementie', 'buurtkring', 'zorgzaam ouderen']) {
      const ids = await idsMatching(q);
      expect(ids.size, q).toBeGreaterThan(0);
      for (const layer of ['provincie', 'zorgkantoor'] as const) {
        const { body } = await choropleth(`q=${encodeURIComponent(q)}&kind=initiatief&layer=${layer}`);
        expect(body.values, `${q} ${layer}`).toEqual(
          tally(
            entries.filter((e) => ids.has(e.id) && e.kind === 'initiatief'),
            layer,
            'count',
          ).values,
        );
      }
    }
  });

  it('gives the share of initiatives with a formal partner, with the number of initiatives behind it', async () => {
    // The rule matters in this data: some initiatives list only citizens, some a formal partner.
    expect(entries.some((e) => e.kind === 'initiatief' && e.partners.length > 0 && e.partners.every((p) => p.domain === 'burgers'))).toBe(
      true,
    );
    expect(entries.some((e) => e.kind === 'initiatief' && e.partners.some((p) => p.domain !== 'burgers'))).toBe(true);
    for (const [query, predicate] of FILTERS.slice(2)) {
      for (const layer of ['gemeente', 'ggd', 'corop'] as const) {
        const { body } = await choropleth(`${query}&layer=${layer}&metric=partnered`);
        const expected = tally(entries.filter(predicate), layer, 'partnered');
        expect(Object.keys(body.values).sort(), `${query} ${layer}`).toEqual(Object.keys(expected.values).sort());
        expect(body.counts).toEqual(expected.counts);
        for (const [code, share] of Object.entries(expected.values)) expect(body.values[code]).toBeCloseTo(share, 12);
        expect(body.max).toBeCloseTo(Math.max(0, ...Object.values(expected.values)), 12);
      }
    }
    // A kind filter does not change the question: it is about initiatives.
    expect((await choropleth('layer=ggd&metric=partnered&kind=coalitie')).body).toEqual(
      (await choropleth('layer=ggd&metric=partnered')).body,
    );
  });

  it('leaves regions without matching entries out instead of reporting 0', async () => {
    const { body } = await choropleth('layer=gemeente&kind=coalitie');
    expect(Object.keys(body.values).length).toBeGreaterThan(0);
    expect(Object.keys(body.values).length).toBeLessThan(EXPECTED_REGIONS.gemeente);
    expect(Math.min(...Object.values(body.values))).toBeGreaterThanOrEqual(1);
    expect((await choropleth('layer=ggd&region=ggd:GG9999')).body).toEqual({
      layer: 'ggd',
      metric: 'count',
      values: {},
      counts: {},
      max: 0,
    });
  });

  it('answers 400 with Dutch messages per parameter, never a 500', async () => {
    const missing = await choropleth('metric=count');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/^Ongeldige parameter 'layer': Kies een regiolaag: gemeente, provincie, ggd, zorgkantoor, corop\.$/);
    const several = await choropleth('layer=wijk&metric=sum&kind=vereniging&near=1,2');
    expect(several.status).toBe(400);
    expect(Object.keys(several.body.errors!).sort()).toEqual(['kind', 'layer', 'metric', 'near']);
    expect(several.body.errors!.metric).toMatch(/^Kies 'count'/);
    expect(several.body.errors!.kind).toMatch(/^Soort moet/);
    expect((await choropleth(`layer=ggd&q=${'x'.repeat(201)}`)).status).toBe(400);
    for (const q of ['"dementie', 'NEAR(a b)', 'zorg*', 'a OR', '(((', "'; drop table entries; --"]) {
      const { status, body } = await choropleth(`layer=provincie&q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(body.layer).toBe('provincie');
    }
    // Empty values are absent: metric falls back to count.
    expect((await choropleth('layer=ggd&metric=')).body.metric).toBe('count');
  });

  it('follows SQLite indexes from each matching entry to its refs, not a loop over all entries per region', async () => {
    const sqlite = new SQLite(database.file, { readonly: true });
    const queries: CompiledQuery[] = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query);
      },
    });
    try {
      for (const layer of ['gemeente', 'ggd'] as const) {
        for (const metric of ['count', 'partnered'] as const) {
          queries.length = 0;
          await regionStats(logged, searchParams({ kind: ['initiatief'] }), layer, metric);
          const [query] = queries;
          const plan = (sqlite.prepare(`explain query plan ${query!.sql}`).all(...query!.parameters) as Array<{ detail: string }>).map(
            (row) => row.detail,
          );
          expect(
            plan.filter((step) => /^SCAN (e|r|p)\b/.test(step)),
            plan.join('\n'),
          ).toEqual([]);
          expect(plan[0], plan.join('\n')).toMatch(/^SEARCH e USING (COVERING )?INDEX entries_status_kind/);
          expect(plan[1], plan.join('\n')).toMatch(/^SEARCH r USING PRIMARY KEY \(entry_id=\? AND ref>\? AND ref<\?\)/);
          if (metric === 'partnered')
            expect(plan.some((step) => /^SEARCH p USING INDEX entry_partners_entry \(entry_id=\?\)/.test(step))).toBe(true);
        }
      }
    } finally {
      await logged.destroy();
    }
  });
});

describe.runIf(hasGeodata)('GET /api/entries/:slug/coverage', () => {
  const coverage = (slug: string, headers: Record<string, string> = {}) =>
    call(coverageLoader, `/api/entries/${slug}/coverage`, { slug }, headers);

  it('draws a coalitie covering all of Drenthe as the Drenthe provincie, with its gemeenten named', async () => {
    const drenthe = await database.db
      .selectFrom('municipality_regions as mr')
      .innerJoin('municipalities as m', 'm.code', 'mr.gemeente_code')
      .select(['m.code', 'm.name'])
      .where('mr.layer', '=', 'provincie')
      .where('mr.region_code', '=', 'PV22')
      .orderBy('m.code')
      .execute();
    expect(drenthe).toHaveLength(12);
    const saved = await saveEntry(
      database.db,
      {
        ...validInitiative,
        kind: 'coalitie',
        name: 'Doe-coalitie Heel Drenthe',
        needs: [],
        offers: ['expertise'],
        status: 'published',
        coverage: drenthe.map((g) => g.code),
      },
      { slug: 'doe-coalitie-heel-drenthe' },
    );
    expect(saved.ok).toBe(true);

    const response = await coverage('doe-coalitie-heel-drenthe');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/geo\+json/);
    const werkgebied = (await response.json()) as Feature<
      MultiPolygon,
      { slug: string; name: string; gemeenten: Array<{ code: string; name: string }> }
    >;
    expect(werkgebied.type).toBe('Feature');
    expect(werkgebied.geometry.type).toBe('MultiPolygon');
    expect(werkgebied.properties).toEqual({ slug: 'doe-coalitie-heel-drenthe', name: 'Doe-coalitie Heel Drenthe', gemeenten: drenthe });

    const province = (await regionFeatures('provincie')).find((f) => f.properties.code === 'PV22')!;
    expect(Math.abs(area(werkgebied) - area(province)) / area(province)).toBeLessThan(0.01);
    expect(booleanPointInPolygon(ASSEN, werkgebied)).toBe(true);
    expect(booleanPointInPolygon(GRONINGEN, werkgebied)).toBe(false);
    // Shared borders dissolved: fewer outlines than gemeenten (Drenthe is one piece of land).
    expect(werkgebied.geometry.coordinates.length).toBeLessThan(drenthe.length);
  });

  it('covers every gemeente of each demo coalitie and nothing of a gemeente it does not cover', async () => {
    const municipalities = new Map((await database.db.selectFrom('municipalities').selectAll().execute()).map((m) => [m.code, m]));
    const gemeenten = await regionFeatures('gemeente');
    const coalities = entries.filter((e) => e.kind === 'coalitie').slice(0, 8);
    for (const coalitie of coalities) {
      const werkgebied = (await (await coverage(coalitie.slug)).json()) as Feature<MultiPolygon>;
      for (const code of coalitie.coverage) {
        const { lat, lng } = municipalities.get(code)!;
        expect(booleanPointInPolygon([lng, lat], werkgebied), `${coalitie.slug} ${code}`).toBe(true);
      }
      const expectedArea = gemeenten
        .filter((g) => coalitie.coverage.includes(g.properties.code))
        .reduce((sum, g) => sum + area(g as Feature<Polygon>), 0);
      expect(Math.abs(area(werkgebied) - expectedArea) / expectedArea).toBeLessThan(0.001);
    }
  });

  it('revalidates with an ETag that changes when the entry changes', async () => {
    const first = await coverage('doe-coalitie-heel-drenthe');
    const etag = first.headers.get('ETag')!;
    expect(first.headers.get('Cache-Control')).toBe('no-cache');
    expect((await coverage('doe-coalitie-heel-drenthe', { 'If-None-Match': etag })).status).toBe(304);

    const before = area((await first.json()) as Feature<MultiPolygon>);
    const assenOnly = await saveEntry(
      database.db,
      {
        ...validInitiative,
        kind: 'coalitie',
        name: 'Doe-coalitie Heel Drenthe',
        needs: [],
        offers: ['expertise'],
        status: 'published',
        coverage: ['GM0106'],
      },
      { slug: 'doe-coalitie-heel-drenthe' },
    );
    expect(assenOnly.ok).toBe(true);
    const changed = await coverage('doe-coalitie-heel-drenthe', { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    const werkgebied = (await changed.json()) as Feature<MultiPolygon, { gemeenten: unknown[] }>;
    expect(werkgebied.properties.gemeenten).toEqual([{ code: 'GM0106', name: 'Assen' }]);
    expect(area(werkgebied)).toBeLessThan(before / 5);
  });

  it('answers 404 in Dutch for unknown, malformed and unpublished slugs', async () => {
    const draft = await database.db.selectFrom('entries').select('slug').where('status', '=', 'draft').executeTakeFirstOrThrow();
    for (const slug of ['bestaat-niet', 'Hoofdletters', '..%2F..%2Fetc', 'a'.repeat(101), draft.slug]) {
      const response = await coverage(slug);
      expect(response.status, slug).toBe(404);
      expect(((await response.json()) as { error: string }).error).toBe('Deze vermelding bestaat niet of is niet openbaar.');
    }
  });

  it('answers 404 when none of the gemeenten is in the current boundaries', async () => {
    const saved = await saveEntry(database.db, {
      ...validInitiative,
      name: 'Buurtkring Appingedam',
      status: 'published',
      coverage: ['GM0106'],
    });
    if (!saved.ok) throw new Error('not saved');
    // Appingedam (GM0003) merged into Eemsdelta in 2021: a code from an older division.
    await database.db.updateTable('entry_coverage').set({ gemeente_code: 'GM0003' }).where('entry_id', '=', saved.id).execute();
    const response = await coverage(saved.slug);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Het werkgebied van deze vermelding is onbekend/);
  });
});

describe.runIf(hasGeodata)('the region routes without geodata', () => {
  const emptyGeo = tempPath('no-geo');

  it('answer 503 and name the missing file, while the choropleth still answers', async () => {
    fs.mkdirSync(emptyGeo, { recursive: true });
    const noGeo = testLoadContext(database.db, { settings: { GEO_DIR: emptyGeo } });
    try {
      const regions = await call(regionsLoader, '/api/regions/zorgkantoor', { layer: 'zorgkantoor' }, {}, noGeo);
      expect(regions.status).toBe(503);
      expect(((await regions.json()) as { error: string }).error).toBe(
        'De grenzen van deze regiolaag zijn niet beschikbaar: het bestand zorgkantoorregio_2025.topojson ontbreekt op de server.',
      );
      const slug = entries.find((e) => e.kind === 'coalitie')!.slug;
      const werkgebied = await call(coverageLoader, `/api/entries/${slug}/coverage`, { slug }, {}, noGeo);
      expect(werkgebied.status).toBe(503);
      expect(((await werkgebied.json()) as { error: string }).error).toMatch(/gemeente_2025\.topojson .*ontbreekt/);
      // Still a 404 first for what does not exist.
      expect((await call(coverageLoader, '/api/entries/bestaat-niet/coverage', { slug: 'bestaat-niet' }, {}, noGeo)).status).toBe(404);
      // The figures come from the database's region table, not from the files.
      expect((await call(choroplethLoader, '/api/map/choropleth?layer=ggd', {}, {}, noGeo)).status).toBe(200);
    } finally {
      fs.rmSync(emptyGeo, { recursive: true, force: true });
    }
  });
});
