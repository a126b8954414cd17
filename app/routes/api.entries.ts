import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest } from '~/api/parameter-errors';
import { searchResponse } from '~/api/search-refusal';
import { parseSearchParams } from '~/search/search-params';
import { searchEntries } from '~/search/search.server';

/**
 * GET /api/entries — q, kind, theme, topic, need, offer, domain, region (layer:code), near (lat,lng),
 * radius_km, sort, page, per_page → { hits, total, facets, page, per_page, total_pages, degraded }.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.errors);
  return searchResponse(searchEntries(context.services.db, context.services.search, parsed.params));
}
