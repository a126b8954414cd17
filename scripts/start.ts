import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { readConfig } from '../app/config.server';
import { createSearchClient } from '../app/search/meili.server';
import { drainOutbox, startOutboxWorker } from '../app/search/outbox.server';
import { syncIndexAtStart } from '../app/search/search-index.server';
import { startMeilisearch, type MeilisearchServer } from './lib/meilisearch-process';
import { prepareDatabase } from './lib/prepare';

/**
 * `npm start`: migrate, load geodata, seed demo data when empty, start (or connect to)
 * Meilisearch, bring the index up to date, run the outbox worker and serve the app.
 */
const config = readConfig();
const db = await prepareDatabase(config);

let localSearch: MeilisearchServer | undefined;
if (!process.env.MEILI_URL) {
  try {
    localSearch = await startMeilisearch({ dataDir: config.meiliDataDir });
    process.env.MEILI_URL = localSearch.url;
    process.env.MEILI_MASTER_KEY = localSearch.masterKey;
    console.log(`search: local Meilisearch at ${localSearch.url}`);
  } catch (error) {
    console.error(`search: could not start Meilisearch (${error instanceof Error ? error.message : error}); search answers from the database.`);
  }
}

const client = createSearchClient();
let worker: { stop: () => Promise<void> } | undefined;
if (client) {
  try {
    const { rebuilt, documents } = await syncIndexAtStart(db, client);
    if (rebuilt) console.log(`search: index rebuilt with ${documents} entries`);
    await drainOutbox(db, client);
  } catch (error) {
    console.error(`search: index not ready (${error instanceof Error ? error.message : error}); the outbox worker will catch up.`);
  }
  worker = startOutboxWorker(db, client);
}

const buildPath = path.resolve('build/index.js');
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable('x-powered-by');
app.use(compression());
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV ?? 'production' }));

const server = app.listen(config.PORT, () => {
  console.log(`Samenspel is running at http://localhost:${config.PORT}`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: shutting down`);
  server.close();
  await worker?.stop();
  await localSearch?.stop();
  await db.destroy();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
