import { readConfig } from '../app/config.server';
import { startMeilisearch } from '../app/search/meilisearch-process.server';

/** `npm run meili`: runs the local Meilisearch in the foreground, for use with MEILI_URL elsewhere. */
const config = readConfig();
const server = await startMeilisearch({ dataDir: config.meiliDataDir });
console.log(`Meilisearch at ${server.url}; MEILI_MASTER_KEY is in ${config.meiliDataDir}/master-key. Ctrl-C stops it.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.stop().then(() => process.exit(0)));
