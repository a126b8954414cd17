import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DB } from '~/db/db.server';
import { listMunicipalities, type GeoSource } from '~/regions/regions.server';

export type PlaceKind = 'gemeente' | 'plaats' | 'postcode';
export type Place = { label: string; kind: PlaceKind; lat: number; lng: number; gemeente: { code: string; name: string } };

export const POSTCODE_FILE = 'pc4_centroid_geonames.csv';
const MAX_SUGGESTIONS = 8;
const KIND_ORDER: Record<PlaceKind, number> = { gemeente: 0, plaats: 1, postcode: 2 };
/** Everyday names for gemeenten whose official name differs. */
const ALIASES: Record<string, string> = { 'den bosch': "'s-Hertogenbosch", 'den haag': "'s-Gravenhage", 'the hague': "'s-Gravenhage" };

/** Lower case, without accents, apostrophes or hyphens: "'s-Hertogenbosch" → "s hertogenbosch". */
export function normalisePlaceName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

type Indexed = Place & { key: string; words: string[] };
type PlaceIndex = { names: Indexed[]; postcodes: Map<string, Place> };

type PostcodeRow = { pc4: string; lat: string; lon: string; plaats: string; gm_code: string; gm_naam: string };

/** Gemeenten, woonplaatsen (mean of their postcode centroids) and 4-digit postcodes, ready to search. */
export function buildPlaceIndex(gemeenten: Array<{ code: string; name: string; lat: number; lng: number }>, postcodeRows: PostcodeRow[]): PlaceIndex {
  const index = (place: Place, name: string): Indexed => ({ ...place, key: normalisePlaceName(name), words: normalisePlaceName(name).split(' ') });
  const names = gemeenten.map((g) => index({ label: g.name, kind: 'gemeente', lat: g.lat, lng: g.lng, gemeente: { code: g.code, name: g.name } }, g.name));
  const gemeenteKeys = new Set(names.map((n) => n.key));

  const postcodes = new Map<string, Place>();
  const towns = new Map<string, { plaats: string; gemeente: { code: string; name: string }; lat: number; lng: number; n: number }>();
  for (const row of postcodeRows) {
    const lat = Number(row.lat);
    const lng = Number(row.lon);
    if (!/^\d{4}$/.test(row.pc4) || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;
    const gemeente = { code: row.gm_code, name: row.gm_naam };
    // A postcode area can span several woonplaatsen, listed as "Lent|Nijmegen".
    const plaatsen = row.plaats.split('|').map((name) => name.trim()).filter(Boolean);
    postcodes.set(row.pc4, { label: `${row.pc4} — ${plaatsen.join(', ')}`, kind: 'postcode', lat, lng, gemeente });
    for (const plaats of plaatsen) {
      const townKey = `${plaats}|${row.gm_code}`;
      const town = towns.get(townKey) ?? { plaats, gemeente, lat: 0, lng: 0, n: 0 };
      town.lat += lat;
      town.lng += lng;
      town.n += 1;
      towns.set(townKey, town);
    }
  }
  for (const town of towns.values()) {
    // A woonplaats named like its gemeente is found as the gemeente.
    if (gemeenteKeys.has(normalisePlaceName(town.plaats)) && normalisePlaceName(town.plaats) === normalisePlaceName(town.gemeente.name)) continue;
    const label = `${town.plaats} (gemeente ${town.gemeente.name})`;
    names.push(index({ label, kind: 'plaats', lat: town.lat / town.n, lng: town.lng / town.n, gemeente: town.gemeente }, town.plaats));
  }
  return { names, postcodes };
}

/** How well a name matches: whole name, start of the name, start of a later word, anywhere; or not. */
function matchRank(place: Indexed, query: string): number | null {
  if (place.key === query) return 0;
  if (place.key.startsWith(query)) return 1;
  // "s hertogenbosch" also starts as "hertogenbosch"; "bergen op zoom" is found by "zoom".
  if (place.words.some((_, i) => i > 0 && place.words.slice(i).join(' ').startsWith(query))) return 2;
  if (place.key.includes(query)) return 3;
  return null;
}

/** Suggestions for what a user types: a postcode (4 digits, letters ignored), the start of one, or a name. */
export function searchPlaces(index: PlaceIndex, input: string): Place[] {
  const compact = input.trim().replace(/\s+/g, '').toUpperCase();
  const postcode = /^(\d{4})([A-Z]{2})?$/.exec(compact);
  if (postcode) {
    const place = index.postcodes.get(postcode[1]!);
    return place ? [place] : [];
  }
  if (/^\d{1,3}$/.test(compact)) {
    return [...index.postcodes.entries()]
      .filter(([code]) => code.startsWith(compact))
      .sort(([a], [b]) => a.localeCompare(b))
      .slice(0, MAX_SUGGESTIONS)
      .map(([, place]) => place);
  }
  const normalised = normalisePlaceName(input);
  if (!normalised) return [];
  const query = normalisePlaceName(ALIASES[normalised] ?? normalised);
  return index.names
    .map((place) => ({ place, rank: matchRank(place, query) }))
    .filter((match): match is { place: Indexed; rank: number } => match.rank !== null)
    .sort((a, b) => a.rank - b.rank || KIND_ORDER[a.place.kind] - KIND_ORDER[b.place.kind] || a.place.label.localeCompare(b.place.label, 'nl'))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ place: { label, kind, lat, lng, gemeente } }) => ({ label, kind, lat, lng, gemeente }));
}

let cached: { key: string; index: PlaceIndex } | undefined;

/**
 * The place index, built in memory once per process: about 4,000 postcodes and 2,500 names
 * take well under a megabyte and answer in microseconds, so a table would add nothing.
 * Null without gemeenten (no geodata loaded).
 */
export async function placeIndex(db: DB, source: GeoSource): Promise<PlaceIndex | null> {
  const gemeenten = await listMunicipalities(db);
  if (gemeenten.length === 0) return null;
  const key = `${source.geoDir}|${gemeenten.length}`;
  if (cached?.key !== key) {
    const file = path.join(source.geoDir, POSTCODE_FILE);
    const rows = fs.existsSync(file) ? (parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as PostcodeRow[]) : [];
    cached = { key, index: buildPlaceIndex(gemeenten, rows) };
  }
  return cached.index;
}
