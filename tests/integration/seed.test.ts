import { describe, expect, it } from 'vitest';
import { entryInputSchema } from '~/entries/entry-schema';
import { listMunicipalities, locateGemeente } from '~/regions/regions.server';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic, syntheticEntries } from '../../db/seed/synthetic';
import { hasGeodata, requireGeodataInCi } from '../support/paths';
import { geoSource, useTestDatabase } from '../support/test-database';

const database = useTestDatabase(() => requireGeodataInCi());

describe('demo data', () => {
  it('seeds at least 25 real examples, published and marked as demo, once', async () => {
    const first = await seedDemo(database.db);
    expect(first.invalid).toEqual([]);
    expect(first.created).toBeGreaterThanOrEqual(25);
    const again = await seedDemo(database.db);
    expect(again).toEqual({ created: 0, existing: first.created, invalid: [] });

    const rows = await database.db.selectFrom('entries').select(['name', 'kind', 'status', 'is_demo']).execute();
    expect(rows).toHaveLength(first.created);
    expect(rows.every((r) => r.status === 'published' && r.is_demo === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['initiatief', 'coalitie']));
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Proeftuin Ruwaard', 'DementieNet Dukenburg', 'Zorgplein Lemmer', 'Kerncoalitie Mijnstreek']),
    );
  });

  it.runIf(hasGeodata)('places every demo entry inside a gemeente it covers', async () => {
    const rows = await database.db.selectFrom('entries').select(['id', 'name', 'lat', 'lng']).execute();
    const coverage = await database.db.selectFrom('entry_coverage').selectAll().execute();
    const misplaced = rows.filter((row) => {
      const gemeente = locateGemeente(geoSource, row.lng, row.lat)?.code;
      return !coverage.some((c) => c.entry_id === row.id && c.gemeente_code === gemeente);
    });
    expect(misplaced.map((r) => r.name)).toEqual([]);
  });
});

describe.runIf(hasGeodata)('synthetic entries', () => {
  it('are deterministic per seed and valid', async () => {
    const municipalities = await listMunicipalities(database.db);
    const a = syntheticEntries(municipalities, 40, 7, geoSource);
    const b = syntheticEntries(municipalities, 40, 7, geoSource);
    const c = syntheticEntries(municipalities, 40, 8, geoSource);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const { input } of a) expect(entryInputSchema.safeParse(input).success).toBe(true);
  });

  it('spread over the gemeenten, about one coalitie per ten initiatieven, each inside its own gemeente', async () => {
    const result = await seedSynthetic(database.db, 330, 42, geoSource);
    expect(result).toMatchObject({ created: 330, invalid: [] });
    const rows = await database.db
      .selectFrom('entries')
      .innerJoin('entry_coverage', 'entry_coverage.entry_id', 'entries.id')
      .select(['entries.id', 'kind', 'lat', 'lng', 'gemeente_code'])
      .where('slug', 'like', 'synthetisch-42-%')
      .execute();
    const kinds = new Map<number, string>(rows.map((r) => [r.id, r.kind]));
    expect([...kinds.values()].filter((k) => k === 'coalitie')).toHaveLength(30);
    expect(new Set(rows.map((r) => r.gemeente_code)).size).toBeGreaterThan(150);
    const outside = [...kinds.keys()].filter((id) => {
      const own = rows.filter((r) => r.id === id);
      const located = locateGemeente(geoSource, own[0]!.lng, own[0]!.lat)?.code;
      return !own.some((r) => r.gemeente_code === located);
    });
    expect(outside).toEqual([]);
    expect(await seedSynthetic(database.db, 330, 42, geoSource)).toMatchObject({ created: 0, existing: 330 });
  });
});
