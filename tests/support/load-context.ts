import type { AppLoadContext } from '@remix-run/node';
import type { Meilisearch } from 'meilisearch';
import { readConfig } from '../../app/config.server';
import type { DB } from '../../app/db/db.server';
import { createServices } from '../../app/server/services.server';
import { GEO_DIR, GEO_YEAR } from './paths';

/**
 * The load context Remix hands to loaders, built the way `startApp` builds it: the test's own
 * database, the repository's geodata (or `settings` over it) and, when given, a search client.
 */
export function testLoadContext(db: DB, options: { settings?: Record<string, string>; search?: Meilisearch | null } = {}): AppLoadContext {
  const config = readConfig({ GEO_DIR, GEO_YEAR: String(GEO_YEAR), ...options.settings });
  return { services: createServices({ config, db, search: options.search ?? null }) };
}
