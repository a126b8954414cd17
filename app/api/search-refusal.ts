import { SearchQueryError } from '~/search/search-errors';
import { jsonError, jsonNoStore } from './responses';

/** What a visitor reads when Meilisearch refuses a search because of the request itself. */
export const SEARCH_REFUSED = 'De zoekmachine kan deze zoekopdracht niet uitvoeren. Pas de zoekwoorden of filters aan.';

export type Refusable<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Awaits a search; a search refused because of the request (`SearchQueryError`) becomes its Dutch
 * message instead of an exception, so no route falls back, fails, or repeats a try/catch for it.
 */
export async function unlessRefused<T>(search: Promise<T>): Promise<Refusable<T>> {
  try {
    return { ok: true, value: await search };
  } catch (error) {
    if (error instanceof SearchQueryError) return { ok: false, message: SEARCH_REFUSED };
    throw error;
  }
}

/** An API answer for a search: its result as uncached JSON, or a 400 when the search was refused. */
export async function searchResponse(search: Promise<unknown>): Promise<Response> {
  const outcome = await unlessRefused(search);
  return outcome.ok ? jsonNoStore(outcome.value) : jsonError(400, outcome.message);
}
