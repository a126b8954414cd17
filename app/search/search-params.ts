import { z } from 'zod';
import { messagesByParameter } from '~/api/parameter-errors';
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

const listOf = <T extends [string, ...string[]]>(values: T, message: string) =>
  z.array(z.enum(values, { message })).max(40, { message: 'Te veel filterwaarden.' }).default([]);

const nearSchema = z
  .string()
  .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { message: "Geef 'near' als breedtegraad,lengtegraad, bijvoorbeeld 51.84,5.86." })
  .transform((value) => {
    const [lat, lng] = value.split(',').map(Number) as [number, number];
    return { lat, lng };
  })
  .refine(isInNetherlands, { message: 'Het punt ligt niet in Nederland.' });

/** A map area as west,south,east,north in degrees ("Zoek in dit gebied"). */
export const areaSchema = z
  .string()
  .regex(/^-?\d{1,3}(\.\d+)?(,-?\d{1,3}(\.\d+)?){3}$/, {
    message: 'Geef een gebied als west,zuid,oost,noord, bijvoorbeeld 5.7,51.8,5.9,51.9.',
  })
  .transform((value) => {
    const [west, south, east, north] = value.split(',').map(Number) as [number, number, number, number];
    return { west, south, east, north };
  })
  .refine(({ west, south, east, north }) => west < east && south < north, {
    message: 'Het gebied is leeg: west moet kleiner zijn dan oost en zuid kleiner dan noord.',
  })
  .refine(({ south, north }) => south >= -90 && north <= 90, { message: 'Breedtegraden liggen tussen -90 en 90.' });

export type Area = z.output<typeof areaSchema>;

export const formatArea = ({ west, south, east, north }: Area) => [west, south, east, north].map((n) => n.toFixed(4)).join(',');

export const searchParamsSchema = z
  .object({
    q: z.string().trim().max(200, { message: 'De zoekopdracht mag maximaal 200 tekens lang zijn.' }).default(''),
    kind: listOf(ENTRY_KIND_CODES, "Soort moet 'initiatief' of 'coalitie' zijn."),
    theme: listOf(THEME_CODES, 'Onbekend thema; gebruik MEE, ERTOE, SAMEN, VITAAL of DIGITAAL.'),
    topic: listOf(TOPIC_CODES, 'Onbekend onderwerp; gebruik een code zoals VITAAL-3.'),
    need: listOf(SUPPORT_TYPE_CODES, 'Onbekende behoefte; gebruik een code zoals financiering.'),
    offer: listOf(SUPPORT_TYPE_CODES, 'Onbekend aanbod; gebruik een code zoals expertise.'),
    domain: listOf(PARTNER_DOMAIN_CODES, 'Onbekend partnerdomein; gebruik een code zoals welzijn.'),
    region: z
      .array(z.string().regex(REGION_REF, { message: 'Geef een regio als laag:code, bijvoorbeeld ggd:GG0111 of gemeente:GM0268.' }))
      .max(40, { message: 'Te veel filterwaarden.' })
      .default([]),
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
    if (params.radius_km !== undefined && !params.near) {
      ctx.addIssue({ code: 'custom', path: ['radius_km'], message: "Een straal werkt alleen samen met 'near' (een punt)." });
    }
    if (params.sort === 'distance' && !params.near) {
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'Kies eerst een plaats om op afstand te sorteren.' });
    }
  });

export type SearchParams = z.output<typeof searchParamsSchema>;

const LIST_PARAMS = ['kind', 'theme', 'topic', 'need', 'offer', 'domain', 'region'] as const;

/** Reads repeated and comma-separated parameters. `limit` is accepted as an alias of `per_page`. */
export function rawSearchParams(search: URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const name of LIST_PARAMS) {
    raw[name] = search
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
  }
  for (const name of ['q', 'near', 'area', 'radius_km', 'sort', 'page', 'per_page'] as const) {
    const value = search.get(name);
    if (value !== null && value !== '') raw[name] = value;
  }
  if (raw.per_page === undefined && search.get('limit')) raw.per_page = search.get('limit');
  return raw;
}

export type ParsedSearch = { ok: true; params: SearchParams } | { ok: false; params: SearchParams; errors: Record<string, string> };

/** Parses a query string; on bad input returns the first Dutch message per parameter and safe defaults. */
export function parseSearchParams(search: URLSearchParams, overrides: Partial<Record<string, unknown>> = {}): ParsedSearch {
  const parsed = searchParamsSchema.safeParse({ ...rawSearchParams(search), ...overrides });
  if (parsed.success) return { ok: true, params: parsed.data };
  const errors = messagesByParameter(parsed.error);
  // Keep the valid parts of the query so the page can still show something useful.
  const safe = { ...rawSearchParams(search), ...overrides };
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
