import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { getConfig } from '~/config.server';
import { getDb } from '~/db/db.server';
import { getEntryBySlug } from '~/entries/entries.server';
import { unionOfGemeenten } from '~/regions/region-shapes.server';

const slugSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

/** GET /api/entries/:slug/coverage → the werkgebied as one GeoJSON Feature: the union of the entry's gemeenten. */
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = slugSchema.safeParse(params.slug);
  const entry = slug.success ? await getEntryBySlug(getDb(), slug.data) : null;
  if (!entry || entry.status !== 'published') {
    return Response.json({ error: 'Deze vermelding bestaat niet of is niet openbaar.' }, { status: 404 });
  }
  const config = getConfig();
  const geometry = unionOfGemeenten({ geoDir: config.geoDir, year: config.GEO_YEAR }, entry.coverage);
  if (!geometry) {
    return Response.json({ error: 'Het werkgebied is onbekend: de gemeentegrenzen ontbreken of er zijn geen gemeenten vastgelegd.' }, { status: 404 });
  }
  return Response.json(
    { type: 'Feature', geometry, properties: { slug: entry.slug, name: entry.name, gemeenten: entry.coverage } },
    { headers: { 'Cache-Control': 'no-cache' } },
  );
}
