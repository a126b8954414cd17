import type { LoaderFunctionArgs } from '@remix-run/node';
import { sql } from 'kysely';
import { jsonNoStore } from '~/api/responses';
import { geodataStatus } from '~/regions/regions.server';
import { isSearchHealthy } from '~/search/meili.server';
import { outboxBacklog } from '~/search/outbox.server';
import { errorMessage } from '~/utils/error-message';

/** GET /healthz → the state of the database (required) and of search and geodata (degradable). */
export async function loader({ context }: LoaderFunctionArgs) {
  const { config, db, search: client } = context.services;
  let database: { ok: boolean; error?: string } = { ok: true };
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    database = { ok: false, error: errorMessage(error) };
  }
  const [searchOk, backlog, geodata] = database.ok
    ? await Promise.all([isSearchHealthy(client), outboxBacklog(db), geodataStatus(db, { geoDir: config.geoDir, year: config.GEO_YEAR })])
    : [await isSearchHealthy(client), null, null];
  const body = {
    status: database.ok ? (searchOk ? 'ok' : 'degraded') : 'down',
    database,
    search: { ok: searchOk, configured: client !== null, outboxBacklog: backlog },
    geodata,
  };
  return jsonNoStore(body, database.ok ? 200 : 503);
}
