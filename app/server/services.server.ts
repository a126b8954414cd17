import type { Meilisearch } from 'meilisearch';
import type { AppConfig } from '~/config.server';
import type { DB } from '~/db/db.server';

/**
 * What every request and the background work share: one configuration, one database handle and
 * one search client (null when no search server could be had). Routes get them through the load
 * context, tests hand in their own.
 */
export type AppServices = { config: AppConfig; db: DB; search: Meilisearch | null };

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: AppServices;
  }
}
