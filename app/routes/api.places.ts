import type { LoaderFunctionArgs } from '@remix-run/node';
import { freeText } from '~/api/free-text';
import { badRequest, repeatedParameters } from '~/api/parameter-errors';
import { jsonError } from '~/api/responses';
import { z } from 'zod';
import { placeIndex, searchPlaces } from '~/places/places.server';

const querySchema = z
  .string({ message: 'Typ een plaatsnaam, gemeente of postcode.' })
  .pipe(freeText(60, 'Een plaatsnaam is hooguit 60 tekens lang.'))
  .pipe(z.string().min(1, { message: 'Typ een plaatsnaam, gemeente of postcode.' }));

/** GET /api/places?q= → { places: [{ label, kind, lat, lng, gemeente }] }, at most 8, offline from the region data. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const repeated = repeatedParameters(search, ['q']);
  if (repeated.q) return badRequest(repeated);
  const q = querySchema.safeParse(search.get('q') ?? undefined);
  if (!q.success) return badRequest({ q: q.error.issues[0]!.message });
  const { config, db } = context.services;
  const index = await placeIndex(db, { geoDir: config.geoDir, year: config.GEO_YEAR });
  if (!index) {
    return jsonError(503, 'Plaatsen zoeken kan nog niet: de gemeentegrenzen ontbreken op deze server.');
  }
  return Response.json({ places: searchPlaces(index, q.data) }, { headers: { 'Cache-Control': 'public, max-age=3600' } });
}
