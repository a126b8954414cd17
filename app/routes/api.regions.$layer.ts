import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { getConfig } from '~/config.server';
import { REGION_LAYER_CODES } from '~/regions/region-layers';
import { layerTopology } from '~/regions/region-shapes.server';
import { loadBoundaries } from '~/regions/regions.server';

const layerSchema = z.enum(REGION_LAYER_CODES);

/** GET /api/regions/:layer → the layer's boundaries as TopoJSON (objects.<layer>, properties code and name). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const layer = layerSchema.safeParse(params.layer);
  if (!layer.success) {
    return Response.json(
      { error: `Onbekende regiolaag '${params.layer}'; kies uit ${REGION_LAYER_CODES.join(', ')}.` },
      { status: 404 },
    );
  }
  const config = getConfig();
  const source = { geoDir: config.geoDir, year: config.GEO_YEAR };
  const shapes = layerTopology(source, layer.data);
  if (!shapes) {
    return Response.json(
      { error: `De grenzen van deze regiolaag ontbreken op de server (${loadBoundaries(source).missing.join(', ')}).` },
      { status: 503 },
    );
  }
  const headers = { ETag: shapes.etag, 'Cache-Control': 'public, max-age=86400' };
  if (request.headers.get('If-None-Match') === shapes.etag) return new Response(null, { status: 304, headers });
  return new Response(shapes.body, { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}
