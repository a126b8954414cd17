import { createDemoAccounts } from '~/auth/demo-accounts.server';
import { deleteExpiredCredentials } from '~/auth/tokens.server';
import type { AppConfig } from '~/config.server';
import { migrateToLatest, openDatabase, type DB } from '~/db/db.server';
import { countEntries } from '~/entries/entries.server';
import { syncRegionTables } from '~/regions/regions.server';
import { refreshSearchText, searchTextComplete } from '~/search/search-text.server';

/**
 * Brings a database to a usable state: migrated, region tables in line with GEO_DIR,
 * and, unless DEMO_DATA is off, the demo entries and demo accounts seeded when it has no entries
 * yet. Shared by `npm start` and tests.
 */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void = console.log): Promise<DB> {
  const db = openDatabase(config.databasePath);
  const applied = await migrateToLatest(db);
  if (applied.length) log(`database: applied migrations ${applied.join(', ')}`);
  await deleteExpiredCredentials(db);

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
  if (config.DEMO_DATA && counts.coalitie + counts.initiatief === 0) {
    // Seeding (and its demo data) is loaded only when it runs, not on every start.
    const { seedDemo } = await import('../../db/seed/seed');
    const seeded = await seedDemo(db);
    log(`seed: ${seeded.created} demo entries`);
    if (seeded.invalid.length) throw new Error(`Invalid demo entries: ${seeded.invalid.join('; ')}`);
    const accounts = await createDemoAccounts(db);
    if (accounts) log(`seed: ${accounts} demo accounts (curator and admin; passwords in the README, for local use only)`);
  }
  return db;
}
