import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { locateGemeente, regionsOfGemeenten, syncRegionTables } from '~/regions/regions.server';
import { GEO_DIR, hasGeodata, requireGeodataInCi } from '../support/paths';
import { geoSource, useTestDatabase } from '../support/test-database';

requireGeodataInCi();

describe.runIf(hasGeodata)('region tables from the CBS boundaries', () => {
  const database = useTestDatabase();

  it('loads all 342 gemeenten of 2025 and the region layers', async () => {
    const gemeenten = await database.db.selectFrom('municipalities').select('code').execute();
    expect(gemeenten).toHaveLength(342);
    const regions = await database.db
      .selectFrom('regions')
      .select(['layer', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('layer')
      .execute();
    expect(Object.fromEntries(regions.map((r) => [r.layer, Number(r.n)]))).toEqual({
      gemeente: 342,
      provincie: 12,
      ggd: 25,
      zorgkantoor: 31,
      corop: 40,
    });
  });

  it('derives the same gemeente → region table as the prepared one', async () => {
    const csvFile = path.join(GEO_DIR, 'gemeente_regio_2025.csv');
    if (!fs.existsSync(csvFile)) return;
    const expected = parse(fs.readFileSync(csvFile, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const rows = await database.db.selectFrom('municipality_regions').selectAll().execute();
    const actual = new Map(rows.map((r) => [`${r.gemeente_code}|${r.layer}`, r.region_code]));
    const mismatches = expected.flatMap((row) =>
      (
        [
          ['provincie', row.pv_code],
          ['ggd', row.ggd_code],
          ['zorgkantoor', row.zk_code],
          ['corop', row.corop_code],
        ] as const
      )
        .filter(([layer, code]) => actual.get(`${row.gm_code}|${layer}`) !== code)
        .map(([layer, code]) => `${row.gm_code} ${layer}: ${actual.get(`${row.gm_code}|${layer}`)} ≠ ${code}`),
    );
    expect(expected).toHaveLength(342);
    expect(mismatches).toEqual([]);
  });

  it('is idempotent: unchanged files are not recomputed', async () => {
    expect(await syncRegionTables(database.db, geoSource)).toMatchObject({ status: 'unchanged', municipalities: 342 });
  });

  it('finds the gemeente of a point and the regions of a gemeente', async () => {
    expect(locateGemeente(geoSource, 5.7986, 51.8155)?.code).toBe('GM0268'); // Dukenburg, Nijmegen
    expect(locateGemeente(geoSource, 5.7016, 52.8563)).toMatchObject({ code: 'GM1940' }); // Lemmer (pc4 8532)
    expect(locateGemeente(geoSource, 2.0, 52.0)).toBeNull(); // North Sea
    const regions = await regionsOfGemeenten(database.db, ['GM0268']);
    expect(regions.get('GM0268')).toEqual(
      expect.arrayContaining([
        { layer: 'gemeente', code: 'GM0268', name: 'Nijmegen' },
        expect.objectContaining({ layer: 'provincie', code: 'PV25', name: 'Gelderland' }),
        expect.objectContaining({ layer: 'ggd', name: 'GGD Gelderland-Zuid' }),
      ]),
    );
  });
});
