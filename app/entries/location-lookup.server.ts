import type { AppConfig } from '~/config.server';
import type { DB } from '~/db/db.server';
import { placeIndex, searchPlaces } from '~/places/places.server';
import { listMunicipalities, locateGemeente, regionsOfGemeenten } from '~/regions/regions.server';
import type { CoveredGemeente } from '~/components/coverage-table';

/**
 * The location step without JavaScript: a postcode or place name typed by the member becomes a
 * point, a place name and (when none was chosen) the gemeente as werkgebied. Null: not found.
 */
export async function resolveLocation(
  db: DB,
  config: AppConfig,
  values: Record<string, unknown>,
): Promise<{ ok: true; values: Record<string, unknown> } | { ok: false; message: string }> {
  const query = typeof values.zoek === 'string' ? values.zoek : '';
  if (!query) return { ok: true, values: withGemeenteOfPoint(config, values) };
  const index = await placeIndex(db, { geoDir: config.geoDir, year: config.GEO_YEAR });
  const [place] = index ? searchPlaces(index, query) : [];
  if (!place) return { ok: false, message: 'Deze postcode of plaats kennen we niet. Probeer een andere schrijfwijze of een postcode.' };
  const coverage = Array.isArray(values.coverage) && values.coverage.length ? values.coverage : [place.gemeente.code];
  return { ok: true, values: { ...values, lat: place.lat, lng: place.lng, place: values.place ?? place.label, coverage } };
}

/** A point clicked on the map: its gemeente names the place and the werkgebied when the member left them empty. */
function withGemeenteOfPoint(config: AppConfig, values: Record<string, unknown>): Record<string, unknown> {
  const { lat, lng } = values;
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return values;
  let gemeente: { code: string; name: string } | null;
  try {
    gemeente = locateGemeente({ geoDir: config.geoDir, year: config.GEO_YEAR }, lng, lat);
  } catch {
    // Without boundary files the member names the place and chooses the gemeenten.
    gemeente = null;
  }
  if (!gemeente) return values;
  const coverage = Array.isArray(values.coverage) && values.coverage.length ? values.coverage : [gemeente.code];
  return { ...values, place: values.place ?? gemeente.name, coverage };
}

/** The gemeenten to choose from and the chosen ones with the regions they fall in. */
export async function coverageChoices(
  db: DB,
  chosen: readonly string[],
): Promise<{ municipalities: { code: string; name: string }[]; coverage: CoveredGemeente[] }> {
  const municipalities = (await listMunicipalities(db)).map(({ code, name }) => ({ code, name }));
  const regions = await regionsOfGemeenten(db, [...chosen]);
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  return {
    municipalities,
    coverage: chosen.map((code) => ({ code, name: names.get(code) ?? code, regions: regions.get(code) ?? [] })),
  };
}
