import { readConfig, type AppConfig } from '../../app/config.server';
import { migrateToLatest, openDatabase, type DB } from '../../app/db/db.server';
import { countEntries } from '../../app/entries/entries.server';
import { syncRegionTables } from '../../app/regions/regions.server';
import { refreshSearchText, searchTextComplete } from '../../app/search/search-text.server';
import { seedDemo } from '../../db/seed/seed';

/**
 * Brings a database to a usable state: migrated, region tables in line with GEO_DIR,
 * and the demo entries seeded when it has no entries yet. Shared by `npm start` and tests.
 */
export async function prepareDatabase(config: AppConfig = readConfig(), log: (line: string) => void = console.log): Promise<DB> {
  const db = openDatabase(config.databasePath);
  const applied = await migrateToLatest(db);
  if (applied.length) log(`database: applied migrations ${applied.join(', ')}`);

  const geo = await syncRegionTables(db, { geoDir: config.geoDir, year: config.GEO_YEAR });
  if (geo.status === 'missing') {
    log(
      `geodata: no boundary files for ${config.GEO_YEAR} in ${config.geoDir} (missing ${geo.missing.join(', ')}). ` +
        `Run "npm run geo:fetch -- --year ${config.GEO_YEAR}" where internet is available; the app runs without region filters until then.`,
    );
  } else {
    log(`geodata: ${geo.municipalities} gemeenten (${geo.status})`);
  }
  // Gemeente names are part of the fallback search text; rebuild it when they changed or it is incomplete.
  if (geo.status === 'loaded' || !(await searchTextComplete(db))) await refreshSearchText(db);

  const counts = await countEntries(db);
  if (counts.coalitie + counts.initiatief === 0) {
    const seeded = await seedDemo(db);
    log(`seed: ${seeded.created} demo entries`);
    if (seeded.invalid.length) throw new Error(`Invalid demo entries: ${seeded.invalid.join('; ')}`);
  }
  return db;
}
