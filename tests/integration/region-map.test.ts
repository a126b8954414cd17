import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { loadEntriesWithRelations } from '~/entries/entries.server';
import { REGION_LAYERS } from '~/regions/region-layers';
import { layerTopology, unionOfGemeenten } from '~/regions/region-shapes.server';
import { regionStats } from '~/regions/region-stats.server';
import { regionsOfGemeenten } from '~/regions/regions.server';
import { searchDatabase } from '~/search/fallback.server';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { hasGeodata } from '../support/paths';
import { searchParams as params } from '../support/search-fixtures';
import { geoSource, useTestDatabase } from '../support/test-database';

const EXPECTED_REGIONS = { gemeente: 342, provincie: 12, ggd: 25, zorgkantoor: 31, corop: 40 } as const;

describe.runIf(hasGeodata)('region layers for the map', () => {
  const database = useTestDatabase(async (db) => {
    await seedDemo(db);
    await seedSynthetic(db, 600, 21, geoSource);
  });

  it('serves every layer as a compact topology with only code and name', () => {
    for (const { layer } of REGION_LAYERS) {
      const shapes = layerTopology(geoSource, layer)!;
      const collection = feature(shapes.topology, shapes.topology.objects[layer] as GeometryCollection);
      expect(collection.features).toHaveLength(EXPECTED_REGIONS[layer]);
      for (const region of collection.features) expect(Object.keys(region.properties!).sort()).toEqual(['code', 'name']);
      expect(shapes.body.length).toBeLessThan(150_000);
      expect(shapes.etag).toMatch(/^"[0-9a-f]{32}"$/);
    }
    // Built once: the same object on the next call.
    expect(layerTopology(geoSource, 'ggd')).toBe(layerTopology(geoSource, 'ggd'));
  });

  it('merges the gemeenten of a werkgebied into one shape without gaps', async () => {
    const drenthe = await database.db
      .selectFrom('municipality_regions')
      .select('gemeente_code')
      .where('layer', '=', 'provincie')
      .where('region_code', '=', 'PV22')
      .execute();
    expect(drenthe).toHaveLength(12);
    const union = unionOfGemeenten(
      geoSource,
      drenthe.map((row) => row.gemeente_code),
    )!;
    const provinces = layerTopology(geoSource, 'provincie')!.topology;
    const province = feature(provinces, provinces.objects.provincie as GeometryCollection<{ code: string }>).features.find(
      (f) => f.properties.code === 'PV22',
    )!;
    expect(Math.abs(area(union) - area(province)) / area(province)).toBeLessThan(0.01);
    expect(booleanPointInPolygon([6.5625, 52.9928], union)).toBe(true); // Assen
    expect(booleanPointInPolygon([5.8528, 51.8426], union)).toBe(false); // Nijmegen
    expect(unionOfGemeenten(geoSource, ['GM9999'])).toBeNull();
  });

  it('counts entries per region exactly as the directory facets do', async () => {
    for (const filter of [{}, { kind: ['coalitie'] }, { q: 'dementie' }]) {
      const directory = await searchDatabase(database.db, params(filter));
      for (const layer of ['provincie', 'ggd', 'gemeente'] as const) {
        const stats = await regionStats(database.db, params(filter), layer, 'count');
        const expected = Object.fromEntries(
          Object.entries(directory.facets.region)
            .filter(([ref]) => ref.startsWith(`${layer}:`))
            .map(([ref, n]) => [ref.slice(layer.length + 1), n]),
        );
        expect(stats.values).toEqual(expected);
        expect(stats.max).toBe(Math.max(0, ...Object.values(expected)));
      }
    }
  });

  it('gives the share of initiatives with a formal partner per region', async () => {
    const stats = await regionStats(database.db, params(), 'provincie', 'partnered');
    const ids = (
      await database.db.selectFrom('entries').select('id').where('kind', '=', 'initiatief').where('status', '=', 'published').execute()
    ).map((r) => r.id);
    const initiatives = await loadEntriesWithRelations(database.db, ids);
    const regions = await regionsOfGemeenten(database.db, [...new Set(initiatives.flatMap((e) => e.coverage))]);
    const tally = new Map<string, { n: number; partnered: number }>();
    for (const initiative of initiatives) {
      const formal = initiative.partners.some((p) => p.domain !== 'burgers');
      const provinces = new Set(
        initiative.coverage.flatMap((code) => (regions.get(code) ?? []).filter((r) => r.layer === 'provincie').map((r) => r.code)),
      );
      for (const code of provinces) {
        const t = tally.get(code) ?? { n: 0, partnered: 0 };
        t.n += 1;
        if (formal) t.partnered += 1;
        tally.set(code, t);
      }
    }
    expect(Object.keys(stats.counts).sort()).toEqual([...tally.keys()].sort());
    for (const [code, { n, partnered }] of tally) {
      expect(stats.counts[code]).toBe(n);
      expect(stats.values[code]).toBeCloseTo(partnered / n, 10);
    }
    expect(Object.values(stats.values).some((share) => share < 1)).toBe(true);
  });
});
