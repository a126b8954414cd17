import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
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
  const noStore = { 'Cache-Control': 'no-store' };
  switch (result.status) {
    case 'not-found':
      return Response.json({ error: 'Deze vermelding bestaat niet of is niet openbaar.' }, { status: 404, headers: noStore });
    case 'no-geodata':
      return Response.json(
        { error: `Het werkgebied kan niet getekend worden: het bestand ${result.missing} met de gemeentegrenzen ontbreekt op de server.` },
        { status: 503, headers: noStore },
      );
    case 'no-area':
      return Response.json(
        { error: 'Het werkgebied van deze vermelding is onbekend: geen van de gemeenten komt voor in de huidige gemeentegrenzen.' },
        { status: 404, headers: noStore },
      );
    case 'found': {
      // Revalidate every time: the entry can change at any moment, the ETag makes that cheap.
      const headers = { ETag: result.etag, 'Cache-Control': 'no-cache' };
      if (etagMatches(request.headers.get('If-None-Match'), result.etag)) return new Response(null, { status: 304, headers });
      return new Response(result.body, { headers: { ...headers, 'Content-Type': 'application/geo+json; charset=utf-8' } });
    }
  }
}
