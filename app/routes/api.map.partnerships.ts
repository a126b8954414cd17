import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest } from '~/api/parameter-errors';
import { partnershipLines } from '~/introductions/partnerships.server';
import { parseSearchParams } from '~/search/search-params';

/**
 * GET /api/map/partnerships plus the filters of /api/entries → partnerships recorded through
 * Samenspel with at least one side matching, as lines between two entries (the map's line layer).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const filters = parseSearchParams(new URL(request.url).searchParams);
  if (!filters.ok) return badRequest(filters.errors);
  return Response.json(await partnershipLines(context.services.db, filters.params), { headers: { 'Cache-Control': 'no-cache' } });
}
