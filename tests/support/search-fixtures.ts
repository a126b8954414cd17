import { Meilisearch } from 'meilisearch';
import type { DB } from '../../app/db/db.server';
import { ENTRIES_INDEX, ensureIndex } from '../../app/search/search-index.server';
import { drainOutbox } from '../../app/search/outbox.server';
import { searchParamsSchema, type SearchParams } from '../../app/search/search-params';

export const searchParams = (input: Record<string, unknown> = {}): SearchParams => searchParamsSchema.parse(input);

/** A client for a port nothing listens on: Meilisearch "down". */
export const unreachableSearch = new Meilisearch({ host: 'http://127.0.0.1:9', apiKey: 'x', timeout: 1_000 });

/** An empty `entries` index with the app's settings, filled from the database's outbox. */
export async function freshIndexFrom(db: DB, client: Meilisearch): Promise<number> {
  await client.deleteIndexIfExists(ENTRIES_INDEX);
  await ensureIndex(client);
  const { indexed, failed, postponed } = await drainOutbox(db, client);
  if (failed || postponed) throw new Error(`${failed + postponed} outbox rows failed to index`);
  return indexed;
}

export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}
