import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { jsonError } from '~/api/responses';
import { etagMatches } from '~/regions/etag.server';
import { REGION_LAYER_CODES } from '~/regions/region-layers';
import { layerFileName, layerTopology } from '~/regions/region-shapes.server';

const layerSchema = z.enum(REGION_LAYER_CODES);

/**
 * GET /api/regions/:layer → the layer's boundaries as TopoJSON (one object named after the layer,
 * properties code and name). They only change with a new geodata year: clients may keep them a
 * day and revalidate with the ETag.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const layer = layerSchema.safeParse(params.layer);
  if (!layer.success) {
    return jsonError(404, `Onbekende regiolaag '${params.layer}'; kies uit ${REGION_LAYER_CODES.join(', ')}.`);
  }
  const { geoDir, GEO_YEAR } = context.services.config;
  const shapes = layerTopology({ geoDir, year: GEO_YEAR }, layer.data);
  if (!shapes) {
    return jsonError(
      503,
      `De grenzen van deze regiolaag zijn niet beschikbaar: het bestand ${layerFileName(layer.data, GEO_YEAR)} ontbreekt op de server.`,
    );
  }
  const headers = { ETag: shapes.etag, 'Cache-Control': 'public, max-age=86400' };
  if (etagMatches(request.headers.get('If-None-Match'), shapes.etag)) return new Response(null, { status: 304, headers });
  return new Response(shapes.body, { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}
