import { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { createSearchClient } from '~/search/meili.server';
import { drainOutbox } from '~/search/outbox.server';
import { clustersInView, type ClusterCollection, type ClusterProperties, type PointProperties } from '~/map/clusters.server';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { validInitiative } from '../support/fixtures';
import { requireGeodataInCi } from '../support/paths';
import { freshIndexFrom, searchParams as params, unreachableSearch } from '../support/search-fixtures';
import { geoSource, useTestDatabase } from '../support/test-database';

let client: Meilisearch;
let entryCount: number;

const NETHERLANDS: [number, number, number, number] = [3.2, 50.7, 7.3, 53.6];

/** The bbox a 1400×1000 px map shows around a centre at a zoom level (Web Mercator, 256 px tiles). */
function viewAround([lng, lat]: [number, number], zoom: number): [number, number, number, number] {
  const degreesPerPixel = 360 / (256 * 2 ** zoom);
  const halfWidth = 700 * degreesPerPixel;
  const halfHeight = 500 * degreesPerPixel * Math.cos((lat * Math.PI) / 180);
  return [lng - halfWidth, lat - halfHeight, lng + halfWidth, lat + halfHeight];
}

const isCluster = (props: PointProperties | ClusterProperties): props is ClusterProperties => 'cluster' in props;

/** How many entries a response stands for, and how many of each kind. */
function tally(collection: ClusterCollection) {
  const sum = { all: 0, coalitie: 0, initiatief: 0 };
  for (const { properties } of collection.features) {
    if (isCluster(properties)) {
      expect(properties.coalitie + properties.initiatief).toBe(properties.point_count);
      sum.all += properties.point_count;
      sum.coalitie += properties.coalitie;
      sum.initiatief += properties.initiatief;
    } else {
      sum.all += 1;
      sum[properties.kind] += 1;
    }
  }
  return sum;
}

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  client = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
  entryCount = (await seedDemo(db)).created + (await seedSynthetic(db, 2000, 5, geoSource)).created;
  expect(await freshIndexFrom(db, client)).toBe(entryCount);
});

describe('server-side clustering', () => {
  it('accounts for every matching entry exactly once at every zoom level', async () => {
    for (let zoom = 0; zoom <= 17; zoom++) {
      const view = await clustersInView(database.db, client, params(), { bbox: [-180, -85, 180, 85], zoom });
      expect(view.total).toBe(entryCount);
      expect(tally(view).all).toBe(entryCount);
      if (zoom <= 7) expect(view.features.length).toBeLessThan(200);
    }
  });

  it('splits clusters by kind and expands a cluster at a deeper zoom', async () => {
    const country = await clustersInView(database.db, client, params(), { bbox: NETHERLANDS, zoom: 7 });
    const counts = tally(country);
    const kinds = await database.db
      .selectFrom('entries')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    expect(counts.coalitie).toBe(Number(kinds.find((k) => k.kind === 'coalitie')?.n));
    const biggest = country.features
      .filter((f) => isCluster(f.properties))
      .sort((a, b) => (b.properties as ClusterProperties).point_count - (a.properties as ClusterProperties).point_count)[0]!;
    const cluster = biggest.properties as ClusterProperties;
    expect(cluster.expansion_zoom).toBeGreaterThan(7);
    const [lng, lat] = biggest.geometry.coordinates as [number, number];
    const around: [number, number, number, number] = [lng - 0.3, lat - 0.2, lng + 0.3, lat + 0.2];
    const expanded = await clustersInView(database.db, client, params(), { bbox: around, zoom: cluster.expansion_zoom });
    // The cluster has come apart: no single feature in that neighbourhood holds all its entries.
    const largest = Math.max(...expanded.features.map((f) => (isCluster(f.properties) ? f.properties.point_count : 1)));
    expect(largest).toBeLessThan(cluster.point_count);
  });

  it('applies the directory filters to the map and reports their bounds', async () => {
    const coalities = await clustersInView(database.db, client, params({ kind: ['coalitie'], region: ['provincie:PV22'] }), {
      bbox: NETHERLANDS,
      zoom: 8,
    });
    const expected = await database.db
      .selectFrom('entries as e')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('e.kind', '=', 'coalitie')
      .where('e.status', '=', 'published')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('entry_region_refs as r')
            .select('r.entry_id')
            .whereRef('r.entry_id', '=', 'e.id')
            .where('r.ref', '=', 'provincie:PV22'),
        ),
      )
      .executeTakeFirstOrThrow();
    expect(coalities.total).toBe(Number(expected.n));
    expect(tally(coalities)).toMatchObject({ all: coalities.total, initiatief: 0 });
    const [west, south, east, north] = coalities.bounds!;
    expect(west).toBeGreaterThan(5.9);
    expect(south).toBeGreaterThan(52.5);
    expect(east).toBeLessThan(7.3);
    expect(north).toBeLessThan(53.3);
  });

  it('takes a text query’s whole match set from Meilisearch, typo-tolerant, and from SQLite when it is down', async () => {
    const typo = await clustersInView(database.db, client, params({ q: 'dementi' }), { bbox: NETHERLANDS, zoom: 17 });
    expect(typo.degraded).toBe(false);
    const names = typo.features.flatMap((f) => (isCluster(f.properties) ? [] : [f.properties.name]));
    expect(names).toContain('DementieNet Dukenburg');
    expect(tally(typo).all).toBe(typo.total);

    const fallback = await clustersInView(database.db, unreachableSearch, params({ q: 'Dukenburg' }), { bbox: NETHERLANDS, zoom: 17 });
    expect(fallback.degraded).toBe(true);
    expect(fallback.features.map((f) => (f.properties as PointProperties).name)).toContain('DementieNet Dukenburg');
  });

  it('keeps the payload small at any zoom and shows a new entry at once', async () => {
    for (const centre of [
      [5.3, 52.2],
      [4.9, 52.37],
      [5.86, 51.84],
    ] as Array<[number, number]>) {
      for (let zoom = 6; zoom <= 18; zoom += 2) {
        const view = await clustersInView(database.db, client, params(), { bbox: viewAround(centre, zoom), zoom });
        expect(JSON.stringify(view).length).toBeLessThan(100_000);
      }
    }
    const before = await clustersInView(database.db, client, params({ kind: ['initiatief'] }), { bbox: NETHERLANDS, zoom: 6 });
    const saved = await saveEntry(database.db, { ...validInitiative, name: 'Buurtkamer Kaarttest', status: 'published' });
    expect(saved.ok).toBe(true);
    const after = await clustersInView(database.db, client, params({ kind: ['initiatief'] }), { bbox: NETHERLANDS, zoom: 6 });
    expect(after.total).toBe(before.total + 1);
  });

  it('shows a new entry for search words once the outbox has delivered it, also when the map was asked in between', async () => {
    const app = createSearchClient({ url: inject('meiliUrl'), masterKey: inject('meiliKey') }, { cacheMb: 8 });
    const words = params({ q: 'Kaartwoordkring' });
    const saved = await saveEntry(database.db, { ...validInitiative, name: 'Kaartwoordkring Zuid', status: 'published' });
    expect(saved.ok).toBe(true);
    // Asked after the database has the entry, before Meilisearch has it.
    expect((await clustersInView(database.db, app, words, { bbox: NETHERLANDS, zoom: 17 })).total).toBe(0);
    expect((await drainOutbox(database.db, app)).failed).toBe(0);
    const delivered = await clustersInView(database.db, app, words, { bbox: NETHERLANDS, zoom: 17 });
    expect(delivered.degraded).toBe(false);
    expect(delivered.features.map((f) => (f.properties as PointProperties).name)).toEqual(['Kaartwoordkring Zuid']);
  });
});
