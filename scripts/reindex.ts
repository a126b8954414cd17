import { readConfig } from '../app/config.server';
import { migrateToLatest, openDatabase } from '../app/db/db.server';
import { connectOrStartMeilisearch } from '../app/search/meilisearch-process.server';
import { createSearchClient } from '../app/search/meili.server';
import { reindexAll } from '../app/search/search-index.server';

/** Rebuilds the Meilisearch index from SQLite into a fresh index and swaps it in. */
const config = readConfig();
const db = openDatabase(config.databasePath);
await migrateToLatest(db);
const server = await connectOrStartMeilisearch(config);
const client = createSearchClient(server);
try {
  const started = Date.now();
  const { documents } = await reindexAll(db, client);
  console.log(`Reindexed ${documents} entries in ${Date.now() - started} ms.`);
} finally {
  await server.stop();
  await db.destroy();
}
