import type { Meilisearch } from 'meilisearch';
import { readConfig } from '~/config.server';
import { superviseMeilisearch, type MeilisearchServer } from '~/search/meilisearch-process.server';
import { createSearchClient } from '~/search/meili.server';
import { drainOutbox, startOutboxWorker } from '~/search/outbox.server';
import { syncIndexAtStart } from '~/search/search-index.server';
import { errorMessage } from '~/utils/error-message';
import { prepareDatabase } from './prepare-database.server';
import { createServices, type AppServices } from './services.server';
import { startHourlyJobs } from './hourly-jobs.server';

export type RunningApp = { services: AppServices; stop: () => Promise<void> };
/** What the server build exports for `scripts/start.ts` (through app/entry.server.tsx). */
export type AppServerEntry = { startApp: typeof startApp };

/**
 * Brings the app's services up in the server build itself, so that requests and background work
 * share one instance of every module: migrate, load geodata, seed demo data when empty, start (or
 * connect to) a supervised Meilisearch, bring the index up to date and run the outbox worker.
 */
export async function startApp(log: (line: string) => void = console.log): Promise<RunningApp> {
  const config = readConfig();
  const db = await prepareDatabase(config, log);

  let localSearch: MeilisearchServer | undefined;
  let search: Meilisearch | null = null;
  if (config.MEILI_URL) {
    search = createSearchClient({ url: config.MEILI_URL, masterKey: config.MEILI_MASTER_KEY }, { cacheMb: config.SEARCH_CACHE_MB });
    log(`search: Meilisearch at ${config.MEILI_URL}`);
  } else {
    try {
      // Restarted whenever it dies; meanwhile the client's circuit breaker answers from SQLite.
      localSearch = await superviseMeilisearch({ dataDir: config.meiliDataDir, log });
      search = createSearchClient(localSearch, { cacheMb: config.SEARCH_CACHE_MB });
      log(`search: local Meilisearch at ${localSearch.url}`);
    } catch (error) {
      log(`search: could not start Meilisearch (${errorMessage(error)}); search answers from the database.`);
    }
  }

  let worker: { stop: () => Promise<void> } | undefined;
  if (search) {
    try {
      const { rebuilt, documents } = await syncIndexAtStart(db, search);
      if (rebuilt) log(`search: index rebuilt with ${documents} entries`);
      await drainOutbox(db, search);
    } catch (error) {
      log(`search: index not ready (${errorMessage(error)}); the outbox worker will catch up.`);
    }
    worker = startOutboxWorker(db, search);
  }

  const services = createServices({ config, db, search });
  const jobs = startHourlyJobs(
    [
      {
        name: 'follow-up',
        run: () => services.introductions.sendDueFollowUps(),
        report: (asked) => `asked ${asked} partnership ${asked === 1 ? 'side' : 'sides'} whether it led to working together`,
      },
      { name: 'digest', run: () => services.regionFollows.sendDueDigests(), report: (sent) => `sent ${sent} weekly region digests` },
      {
        name: 'check-reminder',
        run: () => services.entries.sendDueCheckReminders(),
        report: (asked) =>
          `asked the owners of ${asked} ${asked === 1 ? 'entry' : 'entries'} unchecked for a year whether they are still current`,
      },
    ],
    log,
  );
  return {
    services,
    stop: async () => {
      jobs.stop();
      await worker?.stop();
      await localSearch?.stop();
      await db.destroy();
    },
  };
}
