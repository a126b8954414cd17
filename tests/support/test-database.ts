import fs from 'node:fs';
import { migrateToLatest, openDatabase, type DB } from '../../app/db/db.server';
import { syncRegionTables } from '../../app/regions/regions.server';
import { GEO_DIR, GEO_YEAR, hasGeodata, tempPath } from './paths';

export const geoSource = { geoDir: GEO_DIR, year: GEO_YEAR };

/** A fresh, migrated SQLite file (a real database, not in memory), with the region tables when geodata is present. */
export async function createTestDatabase(): Promise<{ db: DB; file: string; destroy: () => Promise<void> }> {
  const file = tempPath('db', '.sqlite');
  const db = openDatabase(file);
  await migrateToLatest(db);
  if (hasGeodata) await syncRegionTables(db, geoSource);
  return {
    db,
    file,
    destroy: async () => {
      await db.destroy();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
