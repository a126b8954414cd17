import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DB } from '~/db/db.server';
import { listMunicipalities, locateGemeente, regionTablesVersion, type GeoSource } from '~/regions/regions.server';
import { formatNear } from '~/search/search-params';
import { errorMessage } from '~/utils/error-message';
import type { Gemeente, GemeentePoint, Place, PlaceKind } from './places';

// The answer's types live in the plain module './places' (the place finder imports them from there).
export type { Place } from './places';
export type PostcodeRow = { pc4: string; lat: string; lon: string; plaats: string; gm_code: string; gm_naam: string };

export const POSTCODE_FILE = 'pc4_centroid_geonames.csv';
const MAX_SUGGESTIONS = 8;
const KIND_ORDER: Record<PlaceKind, number> = { gemeente: 0, plaats: 1, postcode: 2 };
/**
 * A postcode area across a gemeente border lists its town in the neighbouring gemeente too
 * ("Nijmegen" in Berg en Dal). Within this distance of a larger share it is that same town;
 * namesakes elsewhere (Den Ham, Velp, Voorst) lie farther apart.
 */
const SAME_TOWN_KM = 20;
/** Everyday or Dutch names of gemeenten whose official name differs; searched like the name itself. */
const ALIASES: Record<string, string[]> = {
  "'s-Hertogenbosch": ['Den Bosch'],
  "'s-Gravenhage": ['Den Haag', 'The Hague'],
  'De Fryske Marren': ['De Friese Meren'],
  'Súdwest-Fryslân': ['Zuidwest-Friesland'],
  'Noardeast-Fryslân': ['Noordoost-Friesland'],
  Tytsjerksteradiel: ['Tietjerksteradeel'],
  Dantumadiel: ['Dantumadeel'],
};
const collator = new Intl.Collator('nl');

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

/** A searchable name: the whole name and what follows each space ("s hertogenbosch" → "hertogenbosch"). */
type Key = { full: string; tails: string[] };
type Indexed = { place: Place; keys: Key[] };
export type PlaceIndex = {
  names: Indexed[];
  postcodes: Map<string, Place>;
  /** Known 4-digit postcodes, ascending. */
  codes: string[];
  gemeenten: Map<string, Place>;
};

function keysOf(name: string): Key[] {
  return [name, ...(ALIASES[name] ?? [])].map((n) => {
    const full = normalisePlaceName(n);
    const words = full.split(' ');
    return { full, tails: words.slice(1).map((_, i) => words.slice(i + 1).join(' ')) };
  });
}

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dy = (a.lat - b.lat) * 111.2;
  const dx = (a.lng - b.lng) * 111.2 * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  return Math.hypot(dx, dy);
}

type Town = { name: string; gemeente: Gemeente; lat: number; lng: number; n: number; weight: number };

/**
 * Gemeenten, woonplaatsen (at the mean of their postcode centroids) and 4-digit postcodes, ready to search.
 * `locate` finds the gemeente of a postcode whose code is not among `gemeenten` (another year's division).
 */
export function buildPlaceIndex(
  gemeenten: GemeentePoint[],
  postcodeRows: PostcodeRow[],
  locate: (lng: number, lat: number) => Gemeente | null = () => null,
): PlaceIndex {
  const byCode = new Map(gemeenten.map((g) => [g.code, { code: g.code, name: g.name }]));
  const postcodes = new Map<string, Place>();
  const towns = new Map<string, Town>();
  for (const row of postcodeRows) {
    const lat = Number(row.lat);
    const lng = Number(row.lon);
    if (!/^\d{4}$/.test(row.pc4) || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;
    const gemeente = byCode.get(row.gm_code) ?? locate(lng, lat);
    if (!gemeente) continue;
    // A postcode area can span several woonplaatsen, listed as "Lent|Nijmegen".
    const plaatsen = row.plaats
      .split('|')
      .map((name) => name.trim())
      .filter(Boolean);
    postcodes.set(row.pc4, { label: `${row.pc4} — ${plaatsen.join(', ') || gemeente.name}`, kind: 'postcode', lat, lng, gemeente });
    for (const name of plaatsen) {
      const key = `${name}|${gemeente.code}`;
      const town = towns.get(key) ?? { name, gemeente, lat: 0, lng: 0, n: 0, weight: 0 };
      town.lat += lat;
      town.lng += lng;
      town.n += 1;
      town.weight += 1 / plaatsen.length;
      towns.set(key, town);
    }
  }

  const namesakes = new Map<string, Town[]>();
  for (const town of towns.values()) {
    // Five decimals: about a metre.
    town.lat = Math.round((town.lat / town.n) * 1e5) / 1e5;
    town.lng = Math.round((town.lng / town.n) * 1e5) / 1e5;
    namesakes.set(town.name, [...(namesakes.get(town.name) ?? []), town]);
  }
  const gemeentePoint = new Map<string, { lat: number; lng: number }>();
  const plaatsen: Indexed[] = [];
  for (const town of towns.values()) {
    const sameTown = namesakes.get(town.name)!.some((other) => other.weight > town.weight && distanceKm(other, town) < SAME_TOWN_KM);
    if (sameTown) continue;
    if (normalisePlaceName(town.name) === normalisePlaceName(town.gemeente.name)) {
      // The town named like its gemeente is found as the gemeente, at the town rather than the middle of the area.
      gemeentePoint.set(town.gemeente.code, town);
      continue;
    }
    const label = `${town.name} (gemeente ${town.gemeente.name})`;
    plaatsen.push({ place: { label, kind: 'plaats', lat: town.lat, lng: town.lng, gemeente: town.gemeente }, keys: keysOf(town.name) });
  }

  const gemeentePlaces = gemeenten.map((g): Place => {
    const point = gemeentePoint.get(g.code) ?? g;
    return { label: g.name, kind: 'gemeente', lat: point.lat, lng: point.lng, gemeente: { code: g.code, name: g.name } };
  });
  return {
    names: [...gemeentePlaces.map((place) => ({ place, keys: keysOf(place.label) })), ...plaatsen],
    postcodes,
    codes: [...postcodes.keys()].sort(),
    gemeenten: new Map(gemeentePlaces.map((place) => [place.gemeente.code, place])),
  };
}

/** How well a name matches: whole name, start of the name, start of a later word, anywhere; or not at all. */
function matchRank(keys: Key[], query: string): number | null {
  let best: number | null = null;
  for (const { full, tails } of keys) {
    const rank =
      full === query ? 0 : full.startsWith(query) ? 1 : tails.some((tail) => tail.startsWith(query)) ? 2 : full.includes(query) ? 3 : null;
    if (rank !== null && (best === null || rank < best)) best = rank;
  }
  return best;
}

/**
 * The gemeente of the numerically nearest known postcode in the same 3-digit, else 2-digit group:
 * the postcode table dates from about 2017, so newer postcodes fall back to their gemeente.
 */
function nearbyGemeente(index: PlaceIndex, code: string): Place | null {
  for (const digits of [3, 2]) {
    const group = index.codes.filter((known) => known.startsWith(code.slice(0, digits)));
    if (group.length === 0) continue;
    const nearest = group.reduce((best, known) => (Math.abs(+known - +code) < Math.abs(+best - +code) ? known : best));
    return index.gemeenten.get(index.postcodes.get(nearest)!.gemeente.code) ?? null;
  }
  return null;
}

/** Suggestions for what a user types: a postcode (4 digits, letters ignored), the start of one, or a name. */
export function searchPlaces(index: PlaceIndex, input: string): Place[] {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const postcode = /^(\d{4})([A-Z]{2})?$/.exec(compact);
  if (postcode) {
    const place = index.postcodes.get(postcode[1]!) ?? nearbyGemeente(index, postcode[1]!);
    return place ? [place] : [];
  }
  if (/^\d{1,3}$/.test(compact)) {
    return index.codes
      .filter((code) => code.startsWith(compact))
      .slice(0, MAX_SUGGESTIONS)
      .map((code) => index.postcodes.get(code)!);
  }
  const query = normalisePlaceName(input);
  if (!query) return [];
  return index.names
    .flatMap(({ place, keys }) => {
      const rank = matchRank(keys, query);
      return rank === null ? [] : [{ place, rank }];
    })
    .sort(
      (a, b) => a.rank - b.rank || KIND_ORDER[a.place.kind] - KIND_ORDER[b.place.kind] || collator.compare(a.place.label, b.place.label),
    )
    .slice(0, MAX_SUGGESTIONS)
    .map(({ place }) => place);
}

const placesByPoint = new WeakMap<PlaceIndex, Map<string, Place>>();

/**
 * The place at exactly this point, as the form and the place finder write a chosen place into `near`:
 * a gemeente before a woonplaats before a postcode. Null for any other point (one picked on the map).
 */
export function placeAt(index: PlaceIndex, point: { lat: number; lng: number }): Place | null {
  let byPoint = placesByPoint.get(index);
  if (!byPoint) {
    byPoint = new Map();
    for (const place of [...index.names.map(({ place }) => place), ...index.postcodes.values()]) {
      const key = formatNear(place);
      if (!byPoint.has(key)) byPoint.set(key, place);
    }
    placesByPoint.set(index, byPoint);
  }
  return byPoint.get(formatNear(point)) ?? null;
}

function readPostcodeRows(file: string): PostcodeRow[] {
  if (!fs.existsSync(file)) return [];
  try {
    return parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as PostcodeRow[];
  } catch (error) {
    // A damaged file costs the postcodes and woonplaatsen, not the gemeenten.
    console.error(`places: cannot read ${file} (${errorMessage(error)}); searching gemeenten only.`);
    return [];
  }
}

let cached: { key: string; index: Promise<PlaceIndex | null> } | undefined;

/**
 * The place index, kept in memory and rebuilt only when the region tables (their geodata
 * fingerprint) or the postcode file change. It is a pure function of files already on disk —
 * about 4,000 postcodes and 2,600 names, built in some 40 ms — and nothing queries it with SQL,
 * so a table would be a second copy to keep in step without making a search faster (< 1 ms here).
 * Concurrent first requests share one build. Null without gemeenten (no geodata loaded).
 */
export async function placeIndex(db: DB, source: GeoSource): Promise<PlaceIndex | null> {
  const file = path.join(source.geoDir, POSTCODE_FILE);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const key = `${await regionTablesVersion(db)}|${file}|${stat ? `${stat.size}:${stat.mtimeMs}` : 'none'}`;
  if (cached?.key !== key) {
    const index = listMunicipalities(db).then((gemeenten) =>
      gemeenten.length === 0 ? null : buildPlaceIndex(gemeenten, readPostcodeRows(file), (lng, lat) => locateGemeente(source, lng, lat)),
    );
    cached = { key, index };
    index.catch(() => {
      if (cached?.index === index) cached = undefined;
    });
  }
  return cached.index;
}
