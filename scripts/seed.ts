import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDemoAccounts } from '../app/auth/demo-accounts.server';
import { readConfig } from '../app/config.server';
import { migrateToLatest, openDatabase } from '../app/db/db.server';
import { syncRegionTables } from '../app/regions/regions.server';
import { refreshSearchText } from '../app/search/search-text.server';
import { seedDemo } from '../db/seed/seed';
import { seedSynthetic } from '../db/seed/synthetic';

const { values } = parseArgs({
  options: { synthetic: { type: 'string' }, seed: { type: 'string', default: '1' } },
});
const options = z
  .object({ synthetic: z.coerce.number().int().min(1).max(1_000_000).optional(), seed: z.coerce.number().int() })
  .parse(values);

const config = readConfig();
const db = openDatabase(config.databasePath);
await migrateToLatest(db);
const geo = { geoDir: config.geoDir, year: config.GEO_YEAR };
if ((await syncRegionTables(db, geo)).status === 'loaded') await refreshSearchText(db);

const demo = await seedDemo(db);
console.log(`demo: ${demo.created} created, ${demo.existing} already present`);
const demoAccounts = await createDemoAccounts(db);
console.log(`demo accounts: ${demoAccounts} created (curator and admin; passwords in the README, for local use only)`);
if (options.synthetic) {
  const started = Date.now();
  const synthetic = await seedSynthetic(db, options.synthetic, options.seed, geo);
  console.log(
    `synthetic (seed ${options.seed}): ${synthetic.created} created, ${synthetic.existing} already present in ${Date.now() - started} ms`,
  );
}
console.log('Run "npm run reindex" (or start the app) to bring the search index up to date.');
await db.destroy();
