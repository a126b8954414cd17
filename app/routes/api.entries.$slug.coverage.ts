import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { jsonError } from '~/api/responses';
import { etagMatches } from '~/regions/etag.server';
import { entryWerkgebied } from '~/regions/werkgebied.server';

const slugSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

/** GET /api/entries/:slug/coverage → the werkgebied as one GeoJSON Feature: the union of the entry's gemeenten. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const slug = slugSchema.safeParse(params.slug);
  const { geoDir, GEO_YEAR } = context.services.config;
  const result = slug.success
    ? await entryWerkgebied(context.services.db, { geoDir, year: GEO_YEAR }, slug.data)
    : { status: 'not-found' as const };
  switch (result.status) {
    case 'not-found':
      return jsonError(404, 'Deze vermelding bestaat niet of is niet openbaar.');
    case 'no-geodata':
      return jsonError(
        503,
        `Het werkgebied kan niet getekend worden: het bestand ${result.missing} met de gemeentegrenzen ontbreekt op de server.`,
      );
    case 'no-area':
      return jsonError(
        404,
        'Het werkgebied van deze vermelding is onbekend: geen van de gemeenten komt voor in de huidige gemeentegrenzen.',
      );
    case 'found': {
      // Revalidate every time: the entry can change at any moment, the ETag makes that cheap.
      const headers = { ETag: result.etag, 'Cache-Control': 'no-cache' };
      if (etagMatches(request.headers.get('If-None-Match'), result.etag)) return new Response(null, { status: 304, headers });
      return new Response(result.body, { headers: { ...headers, 'Content-Type': 'application/geo+json; charset=utf-8' } });
    }
  }
}
