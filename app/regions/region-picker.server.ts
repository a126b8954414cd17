import type { DB } from '~/db/db.server';
import { normalisePlaceName, placeIndex, searchPlaces } from '~/places/places.server';
import { REGION_LAYER_CODES, type RegionMembership } from './region-layers';
import type { GeoSource } from './regions.server';

/** At most this many regions answer a name search; a more specific name finds the rest. */
export const MAX_REGION_RESULTS = 30;

/**
 * Regions of every layer whose name contains the words typed, ignoring case, accents and
 * punctuation ("s-hertogenbosch" finds 's-Hertogenbosch): names that start with them first, then
 * by layer (gemeente first) and name.
 */
export function searchRegions(regions: readonly RegionMembership[], input: string): RegionMembership[] {
  const query = normalisePlaceName(input);
  if (!query) return [];
  const layerOrder = (layer: RegionMembership['layer']) => REGION_LAYER_CODES.indexOf(layer);
  return regions
    .flatMap((region) => {
      const name = normalisePlaceName(region.name);
      const at = name.indexOf(query);
      return at < 0 ? [] : [{ region, starts: at === 0 || name[at - 1] === ' ' ? 0 : 1 }];
    })
    .sort(
      (a, b) =>
        a.starts - b.starts || layerOrder(a.region.layer) - layerOrder(b.region.layer) || a.region.name.localeCompare(b.region.name, 'nl'),
    )
    .slice(0, MAX_REGION_RESULTS)
    .map(({ region }) => region);
}

/**
 * "Mijn gemeente": the gemeenten a place name or 4-digit postcode points to, through the place
 * finder (a woonplaats or postcode gives the gemeente it lies in), each once, best match first.
 * Null when the place finder has no data (no geodata loaded).
 */
export async function gemeentenForPlace(
  db: DB,
  source: GeoSource,
  input: string,
): Promise<Array<{ code: string; name: string; via: string }> | null> {
  const index = await placeIndex(db, source);
  if (!index) return null;
  const seen = new Set<string>();
  return searchPlaces(index, input).flatMap((place) => {
    if (seen.has(place.gemeente.code)) return [];
    seen.add(place.gemeente.code);
    return [{ ...place.gemeente, via: place.label }];
  });
}
