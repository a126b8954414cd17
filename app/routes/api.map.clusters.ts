import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest, messagesByParameter, numberParameter, repeatedParameters } from '~/api/parameter-errors';
import { searchResponse } from '~/api/search-refusal';
import { z } from 'zod';
import { clustersInView } from '~/map/clusters.server';
import { areaSchema, parseSearchParams } from '~/search/search-params';

/** Supercluster works in Web Mercator, which ends at about 85° north and south. */
const mercatorLatitude = (value: number) => Math.min(85, Math.max(-85, value));

const viewSchema = z.object({
  bbox: areaSchema.transform(
    ({ west, south, east, north }) => [west, mercatorLatitude(south), east, mercatorLatitude(north)] as [number, number, number, number],
  ),
  zoom: z.coerce
    .number({ message: 'Het zoomniveau moet een getal zijn.' })
    .int({ message: 'Het zoomniveau moet een heel getal zijn.' })
    .min(0, { message: 'Het zoomniveau moet tussen 0 en 22 liggen.' })
    .max(22, { message: 'Het zoomniveau moet tussen 0 en 22 liggen.' }),
});

/**
 * GET /api/map/clusters?bbox=west,south,east,north&zoom=z plus the filters of /api/entries →
 * a GeoJSON FeatureCollection of clusters (with counts per kind) and single entries in view.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const view = viewSchema.safeParse({ bbox: search.get('bbox') ?? undefined, zoom: numberParameter(search.get('zoom')) });
  const filters = parseSearchParams(search);
  const errors: Record<string, string> = { ...(filters.ok ? {} : filters.errors), ...repeatedParameters(search, ['bbox', 'zoom']) };
  if (!view.success) {
    const missing = (issue: { path: PropertyKey[] }) => !search.get(String(issue.path[0]));
    messagesByParameter(view.error, (issue) => (missing(issue) ? 'Deze parameter is verplicht.' : issue.message), errors);
  }
  if (!view.success || Object.keys(errors).length) return badRequest(errors);
  return searchResponse(clustersInView(context.services.db, context.services.search, filters.params, view.data));
}
