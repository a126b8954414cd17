import { z } from 'zod';
import { freeText } from '~/api/free-text';
import { messagesByParameter, numberParameter, repeatedParameters } from '~/api/parameter-errors';
import { isInNetherlands } from '~/map/netherlands';
import { REGION_REF } from '~/regions/region-layers';
import { ENTRY_KIND_CODES, PARTNER_DOMAIN_CODES, SUPPORT_TYPE_CODES, THEME_CODES, TOPIC_CODES } from '~/taxonomy/taxonomy';

/**
 * The directory's query state, shared by the API, the home page loader and the links the UI
 * builds: one parser and one serializer, so every view has a stable, shareable URL.
 */

export const SORTS = ['relevance', 'name', 'updated', 'distance'] as const;

/** Facet groups: the URL parameter and the search-document field each one filters. */
export const FACETS = [
  { param: 'kind', field: 'kind' },
  { param: 'theme', field: 'themes' },
  { param: 'topic', field: 'topics' },
  { param: 'need', field: 'needs' },
  { param: 'offer', field: 'offers' },
  { param: 'domain', field: 'partner_domains' },
  { param: 'region', field: 'regions' },
] as const;
export type FacetParam = (typeof FACETS)[number]['param'];

const MAX_PAGE = 500;
/** Results per page when the URL does not say: the list's page and the API's default. */
export const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;
/** Characters of search words; Meilisearch reads at most 10 words anyway. */
export const MAX_QUERY_LENGTH = 200;
/**
 * Filter values per parameter (every topic fits) and over all parameters together: every value
 * costs filter work and a link on the page, so a URL cannot ask for unbounded work.
 */
export const MAX_VALUES_PER_PARAMETER = 20;
export const MAX_FILTER_VALUES = 40;

const listOf = <T extends z.ZodType<string>>(value: T) =>
  z
    .array(value)
    .max(MAX_VALUES_PER_PARAMETER, { message: `Kies hooguit ${MAX_VALUES_PER_PARAMETER} waarden voor dit filter.` })
    .default([]);
const codesOf = <T extends [string, ...string[]]>(values: T, message: string) => listOf(z.enum(values, { message }));

type Point = { lat: number; lng: number };
type Box = { west: number; south: number; east: number; north: number };

const isLatitude = (value: number) => Number.isFinite(value) && value >= -90 && value <= 90;
const isLongitude = (value: number) => Number.isFinite(value) && value >= -180 && value <= 180;
/** A decimal number as maps and forms write it: no exponent, no NaN or Infinity. */
const DECIMAL = String.raw`-?\d{1,3}(\.\d+)?`;

function pointProblem({ lat, lng }: Point): string | null {
  if (!isLatitude(lat)) return 'De breedtegraad moet tussen -90 en 90 liggen.';
  if (!isLongitude(lng)) return 'De lengtegraad moet tussen -180 en 180 liggen.';
  return isInNetherlands({ lat, lng }) ? null : 'Het punt ligt niet in Nederland.';
}

function boxProblem({ west, south, east, north }: Box): string | null {
  if (!isLatitude(south) || !isLatitude(north)) return 'Breedtegraden (zuid en noord) liggen tussen -90 en 90.';
  if (!isLongitude(west) || !isLongitude(east)) return 'Lengtegraden (west en oost) liggen tussen -180 en 180.';
  if (!(west < east && south < north)) return 'Het gebied is leeg: west moet kleiner zijn dan oost en zuid kleiner dan noord.';
  return null;
}

/** Adds the first problem `check` finds as the parameter's issue. */
const checkedBy =
  <T>(check: (value: T) => string | null) =>
  (value: T, ctx: z.RefinementCtx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

/**
 * Points are kept to five decimals (about a metre) and areas to four (about ten metres): parsing
 * rounds to what the URL writes, so every cache key and ETag built from the written query
 * describes exactly the filter that ran.
 */
const POINT_DECIMALS = 5;
const AREA_DECIMALS = 4;
const rounded = (decimals: number) => (value: number) => Number(value.toFixed(decimals));

const nearSchema = z
  .string()
  .regex(new RegExp(`^${DECIMAL},${DECIMAL}$`), { message: "Geef 'near' als breedtegraad,lengtegraad, bijvoorbeeld 51.84,5.86." })
  .transform((value): Point => {
    const [lat, lng] = value.split(',').map(Number).map(rounded(POINT_DECIMALS)) as [number, number];
    return { lat, lng };
  })
  .superRefine(checkedBy(pointProblem));

/** A map area as west,south,east,north in degrees ("Zoek in dit gebied"); also the map's view (`bbox`). */
export const areaSchema = z
  .string()
  .regex(new RegExp(`^${DECIMAL}(,${DECIMAL}){3}$`), {
    message: 'Geef een gebied als west,zuid,oost,noord, bijvoorbeeld 5.7,51.8,5.9,51.9.',
  })
  .transform((value): Box => {
    const [west, south, east, north] = value.split(',').map(Number).map(rounded(AREA_DECIMALS)) as [number, number, number, number];
    return { west, south, east, north };
  })
  .superRefine(checkedBy(boxProblem));

export type Area = z.output<typeof areaSchema>;

/** The same query without its reference point and what depends on it (radius, distance sort), from page 1. */
export function withoutPoint(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const name of ['near', 'radius_km', 'page']) next.delete(name);
  if (next.get('sort') === 'distance') next.delete('sort');
  return next;
}

/** A point as the `near` parameter writes it. */
export const formatNear = ({ lat, lng }: Point) => [lat, lng].map(rounded(POINT_DECIMALS)).join(',');

export const formatArea = ({ west, south, east, north }: Area) => [west, south, east, north].map((n) => n.toFixed(AREA_DECIMALS)).join(',');

export const searchParamsSchema = z
  .object({
    q: freeText(MAX_QUERY_LENGTH, `De zoekopdracht mag maximaal ${MAX_QUERY_LENGTH} tekens lang zijn.`).default(''),
    kind: codesOf(ENTRY_KIND_CODES, "Soort moet 'initiatief' of 'coalitie' zijn."),
    theme: codesOf(THEME_CODES, 'Onbekend thema; gebruik MEE, ERTOE, SAMEN, VITAAL of DIGITAAL.'),
    topic: codesOf(TOPIC_CODES, 'Onbekend onderwerp; gebruik een code zoals VITAAL-3.'),
    need: codesOf(SUPPORT_TYPE_CODES, 'Onbekende behoefte; gebruik een code zoals financiering.'),
    offer: codesOf(SUPPORT_TYPE_CODES, 'Onbekend aanbod; gebruik een code zoals expertise.'),
    domain: codesOf(PARTNER_DOMAIN_CODES, 'Onbekend partnerdomein; gebruik een code zoals welzijn.'),
    region: listOf(z.string().regex(REGION_REF, { message: 'Geef een regio als laag:code, bijvoorbeeld ggd:GG0111 of gemeente:GM0268.' })),
    near: nearSchema.optional(),
    area: areaSchema.optional(),
    radius_km: z.coerce
      .number({ message: 'De straal moet een getal zijn.' })
      .min(0.1, { message: 'De straal moet tussen 0,1 en 300 km liggen.' })
      .max(300, { message: 'De straal moet tussen 0,1 en 300 km liggen.' })
      .optional(),
    sort: z.enum(SORTS, { message: 'Sorteer op relevance, name, updated of distance.' }).default('relevance'),
    page: z.coerce
      .number({ message: 'De pagina moet een getal zijn.' })
      .int({ message: 'De pagina moet een heel getal zijn.' })
      .min(1, { message: `De pagina moet tussen 1 en ${MAX_PAGE} liggen.` })
      .max(MAX_PAGE, { message: `De pagina moet tussen 1 en ${MAX_PAGE} liggen.` })
      .default(1),
    per_page: z.coerce
      .number({ message: 'Het aantal per pagina moet een getal zijn.' })
      .int({ message: 'Het aantal per pagina moet een heel getal zijn.' })
      .min(1, { message: `Het aantal per pagina moet tussen 1 en ${MAX_PER_PAGE} liggen.` })
      .max(MAX_PER_PAGE, { message: `Het aantal per pagina moet tussen 1 en ${MAX_PER_PAGE} liggen.` })
      .default(DEFAULT_PER_PAGE),
  })
  .superRefine((params, ctx) => {
    // Past the total, the group that crosses it and every later one are refused, so the rest stays usable.
    let count = 0;
    for (const { param } of FACETS) {
      count += params[param].length;
      if (count > MAX_FILTER_VALUES && params[param].length) {
        ctx.addIssue({ code: 'custom', path: [param], message: `Te veel filterwaarden: kies er samen hooguit ${MAX_FILTER_VALUES}.` });
      }
    }
    if (params.radius_km !== undefined && !params.near) {
      ctx.addIssue({ code: 'custom', path: ['radius_km'], message: "Een straal werkt alleen samen met 'near' (een punt)." });
    }
    if (params.sort === 'distance' && !params.near) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'Kies eerst een plaats om op afstand te sorteren.' });
    }
  });

export type SearchParams = z.output<typeof searchParamsSchema>;

const LIST_PARAMS = ['kind', 'theme', 'topic', 'need', 'offer', 'domain', 'region'] as const;

/**
 * Reads repeated and comma-separated parameters, each value once (a repeat adds nothing but work).
 * `limit` is accepted as an alias of `per_page`.
 */
export function rawSearchParams(search: URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const name of LIST_PARAMS) {
    const values = search
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
    raw[name] = [...new Set(values)];
  }
  for (const name of ['q', 'near', 'area', 'sort'] as const) {
    const value = search.get(name);
    if (value !== null && value !== '') raw[name] = value;
  }
  for (const name of ['radius_km', 'page', 'per_page'] as const) raw[name] = numberParameter(search.get(name));
  raw.per_page ??= numberParameter(search.get('limit'));
  return raw;
}

/** The parameters that take one value. */
const SINGLE_PARAMS = ['q', 'near', 'area', 'radius_km', 'sort', 'page', 'per_page', 'limit'] as const;

export type ParsedSearch = { ok: true; params: SearchParams } | { ok: false; params: SearchParams; errors: Record<string, string> };

/** Parses a query string; on bad input returns the first Dutch message per parameter and safe defaults. */
export function parseSearchParams(search: URLSearchParams): ParsedSearch {
  const raw = rawSearchParams(search);
  const repeated = repeatedParameters(search, SINGLE_PARAMS);
  const parsed = searchParamsSchema.safeParse(raw);
  if (parsed.success && Object.keys(repeated).length === 0) return { ok: true, params: parsed.data };
  const errors = { ...(parsed.success ? {} : messagesByParameter(parsed.error)), ...repeated };
  // Keep the valid parts of the query so the page can still show something useful.
  const safe = { ...raw };
  for (const key of Object.keys(errors)) delete safe[key];
  const fallback = searchParamsSchema.safeParse(safe);
  return { ok: false, params: fallback.success ? fallback.data : searchParamsSchema.parse({}), errors };
}

/** The query string for a state; defaults are left out so URLs stay short. */
export function serializeSearchParams(params: Partial<SearchParams>): string {
  const out = new URLSearchParams();
  if (params.q) out.set('q', params.q);
  for (const name of LIST_PARAMS) for (const value of params[name] ?? []) out.append(name, value);
  if (params.near) out.set('near', `${params.near.lat},${params.near.lng}`);
  if (params.radius_km !== undefined) out.set('radius_km', String(params.radius_km));
  if (params.area) out.set('area', formatArea(params.area));
  if (params.sort && params.sort !== 'relevance') out.set('sort', params.sort);
  if (params.per_page && params.per_page !== DEFAULT_PER_PAGE) out.set('per_page', String(params.per_page));
  if (params.page && params.page > 1) out.set('page', String(params.page));
  return out.toString();
}
