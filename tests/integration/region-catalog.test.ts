import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '~/db/db.server';
import { boundaryFileCandidates } from '~/regions/geodata.server';
import { geodataStatus, regionCatalog, syncRegionTables } from '~/regions/regions.server';
import { GEO_DIR, GEO_YEAR, hasGeodata, requireGeodataInCi, tempPath } from '../support/paths';
import { geoSource, useTestDatabase } from '../support/test-database';

requireGeodataInCi();

/** A geodata directory with only the gemeente and provincie boundaries: a reload that changes the region tables. */
function partialGeoDir(): string {
  const dir = tempPath('geo-partial');
  fs.mkdirSync(dir);
  for (const file of ['gemeente', 'provincie']) {
    const found = boundaryFileCandidates(GEO_DIR, file, GEO_YEAR).find((candidate) => fs.existsSync(candidate))!;
    fs.copyFileSync(found, path.join(dir, path.basename(found)));
  }
  return dir;
}

describe.runIf(hasGeodata)('the region catalog of the home page', () => {
  const database = useTestDatabase();
  const partial = partialGeoDir();
  afterAll(() => fs.rmSync(partial, { recursive: true, force: true }));

  it('is read once per version of the region tables, and again after a reload by another connection', async () => {
    const first = await regionCatalog(database.db, geoSource);
    expect(first.status).toEqual({ available: true, year: GEO_YEAR, municipalities: 342 });
    expect(new Set(first.regions.map((region) => region.layer))).toEqual(new Set(['gemeente', 'provincie', 'ggd', 'zorgkantoor', 'corop']));
    // The same lists, not a new read: nothing changed.
    const [second, third] = await Promise.all([regionCatalog(database.db, geoSource), regionCatalog(database.db, geoSource)]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await geodataStatus(database.db, geoSource)).toBe(first.status);

    // Another process (here: another connection to the same file) reloads the region tables from other boundaries.
    const other = openDatabase(database.file);
    try {
      expect(await syncRegionTables(other, { geoDir: partial, year: GEO_YEAR })).toMatchObject({ status: 'loaded' });
    } finally {
      await other.destroy();
    }
    const reloaded = await regionCatalog(database.db, geoSource);
    expect(reloaded).not.toBe(first);
    expect(new Set(reloaded.regions.map((region) => region.layer))).toEqual(new Set(['gemeente', 'provincie']));
    expect(await regionCatalog(database.db, geoSource)).toBe(reloaded);

    // And back, on this connection.
    expect(await syncRegionTables(database.db, geoSource)).toMatchObject({ status: 'loaded' });
    const restored = await regionCatalog(database.db, geoSource);
    expect(restored).not.toBe(reloaded);
    expect(restored.regions).toEqual(first.regions);
  });

  it('keeps one catalog per database', async () => {
    const file = tempPath('empty', '.sqlite');
    const other = openDatabase(file);
    try {
      await migrateToLatest(other);
      const empty = await regionCatalog(other, geoSource);
      expect(empty.status).toMatchObject({ available: false });
      expect(empty.regions).toEqual([]);
      expect((await regionCatalog(database.db, geoSource)).status).toMatchObject({ available: true, municipalities: 342 });
    } finally {
      await other.destroy();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  });
});
