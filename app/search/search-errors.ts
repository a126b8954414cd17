/**
 * A search that Meilisearch refused because of the request itself (for example a filter or a
 * coordinate it cannot use). It is the caller's fault: routes answer it with a 400 and never
 * fall back to SQLite or count it as an outage.
 */
export class SearchQueryError extends Error {
  override name = 'SearchQueryError';
}
