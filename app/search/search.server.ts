import type { FacetDistribution, Meilisearch, MultiSearchQuery, SearchResponse } from 'meilisearch';
import type { DB } from '~/db/db.server';
import type { TopicCode } from '~/taxonomy/taxonomy';
import { searchDatabase } from './fallback.server';
import { FACET_VALUES_FIELD, readFacetValue } from './facet-values';
import { describeSearchError, isSearchRequestError, searchApiError, searchBreaker } from './meili.server';
import { SearchQueryError } from './search-errors';
import { ENTRIES_INDEX, type SearchDocument } from './search-index.server';
import { FACETS, type FacetParam, type SearchParams } from './search-params';
import {
  emptyFacets,
  MARK_END,
  MARK_START,
  plainSegments,
  toSegments,
  type FacetCounts,
  type SearchHit,
  type SearchResult,
} from './search-result';

const quote = (value: string) => JSON.stringify(value);

/** One Meilisearch filter clause per active facet group: OR within a group, AND across groups. */
function facetClauses(params: SearchParams): Map<FacetParam, string> {
  const clauses = new Map<FacetParam, string>();
  for (const { param, field } of FACETS) {
    const values = params[param];
    if (values.length) clauses.set(param, `${field} IN [${values.map(quote).join(', ')}]`);
  }
  return clauses;
}

function baseFilter(params: SearchParams): string[] {
  const filters = ['status = "published"'];
  if (params.near && params.radius_km !== undefined) {
    filters.push(`_geoRadius(${params.near.lat}, ${params.near.lng}, ${Math.round(params.radius_km * 1000)})`);
  }
  if (params.area) {
    const { west, south, east, north } = params.area;
    filters.push(`_geoBoundingBox([${north}, ${east}], [${south}, ${west}])`);
  }
  return filters;
}

/** Every filter clause of a query, for callers that need the matching set rather than a page of it. */
export function meiliFilter(params: SearchParams): string[] {
  return [...baseFilter(params), ...facetClauses(params).values()];
}

function sortRules(params: SearchParams): string[] | undefined {
  switch (params.sort) {
    case 'name':
      return ['name:asc'];
    case 'updated':
      return ['updated_at:desc'];
    case 'distance':
      return [`_geoPoint(${params.near!.lat}, ${params.near!.lng}):asc`];
    case 'relevance':
      // Without words to rank by, an alphabetical list reads better than index order.
      return params.q ? undefined : ['name:asc'];
  }
}

type FormattedDocument = SearchDocument & { _geoDistance?: number; _formatted?: Partial<Record<keyof SearchDocument, unknown>> };

function toHit(doc: FormattedDocument, withQuery: boolean): SearchHit {
  const formatted = (field: 'name' | 'summary' | 'description') => {
    const value = doc._formatted?.[field];
    return typeof value === 'string' ? value : '';
  };
  const snippet = withQuery && formatted('description').includes(MARK_START) ? toSegments(formatted('description')) : null;
  return {
    id: doc.id,
    slug: doc.slug,
    kind: doc.kind,
    name: doc.name,
    summary: doc.summary,
    place: doc.place,
    topics: doc.topics as TopicCode[],
    lat: doc._geo.lat,
    lng: doc._geo.lng,
    distance_km: doc._geoDistance === undefined ? null : Math.round(doc._geoDistance / 100) / 10,
    highlight: {
      name: withQuery ? toSegments(formatted('name') || doc.name) : plainSegments(doc.name),
      summary: withQuery ? toSegments(formatted('summary') || doc.summary) : plainSegments(doc.summary),
      snippet,
    },
  };
}

/** The facet field that counts a group: the shared field of the small groups, or `regions`. */
const countedField = (param: FacetParam) => (param === 'region' ? 'regions' : FACET_VALUES_FIELD);

/** Copies the counts of `params` out of one answer's facet distribution into `facets`. */
function collectCounts(facets: FacetCounts, distribution: FacetDistribution | undefined, params: FacetParam[]) {
  const wanted = new Set(params);
  // Each answer is parsed afresh for its caller (decision 0017): its objects are ours to keep.
  if (wanted.has('region')) facets.region = distribution?.regions ?? {};
  for (const [combined, count] of Object.entries(distribution?.[FACET_VALUES_FIELD] ?? {})) {
    const { param, value } = readFacetValue(combined);
    if (wanted.has(param)) facets[param][value] = count;
  }
}

/** The searches of one directory query: the page of hits, and the counts each answer fills in. */
export type DirectorySearches = {
  main: MultiSearchQuery;
  /** The groups the page of hits counts: the inactive small groups. */
  mainCounts: FacetParam[];
  counts: Array<{ query: MultiSearchQuery; params: FacetParam[] }>;
};

/**
 * The page of hits with the facet counts of the inactive groups, plus one count per active group
 * without its own clause, so each group counts what choosing another value would give
 * (disjunctive faceting). Each count is its own search, to be sent in parallel: Meilisearch
 * answers concurrent searches on all cores, one multi-search on one. The `regions` count, the
 * costliest, is split from the page of hits for the same reason.
 */
export function directorySearches(params: SearchParams): DirectorySearches {
  const clauses = facetClauses(params);
  const base = baseFilter(params);
  const allClauses = [...base, ...clauses.values()];
  const inactive = FACETS.map(({ param }) => param).filter((param) => !clauses.has(param));
  const mainCounts = inactive.filter((param) => param !== 'region');
  const main: MultiSearchQuery = {
    indexUid: ENTRIES_INDEX,
    q: params.q,
    filter: allClauses,
    sort: sortRules(params),
    page: params.page,
    hitsPerPage: params.per_page,
    facets: mainCounts.length ? [FACET_VALUES_FIELD] : [],
    attributesToRetrieve: ['id', 'slug', 'kind', 'name', 'summary', 'place', 'topics', '_geo'],
    attributesToHighlight: params.q ? ['name', 'summary'] : [],
    attributesToCrop: params.q ? ['description'] : [],
    cropLength: 28,
    cropMarker: '…',
    highlightPreTag: MARK_START,
    highlightPostTag: MARK_END,
  };
  const countOnly = (filter: string[], field: string): MultiSearchQuery => ({
    indexUid: ENTRIES_INDEX,
    q: params.q,
    filter,
    facets: [field],
    hitsPerPage: 0,
  });
  const counts = [
    ...(clauses.has('region') ? [] : [{ query: countOnly(allClauses, 'regions'), params: ['region' as const] }]),
    ...[...clauses.keys()].map((param) => ({
      query: countOnly([...base, ...[...clauses].filter(([other]) => other !== param).map(([, clause]) => clause)], countedField(param)),
      params: [param],
    })),
  ];
  return { main, mainCounts, counts };
}

async function searchMeilisearch(client: Meilisearch, params: SearchParams): Promise<SearchResult> {
  const { main, mainCounts, counts } = directorySearches(params);
  const search = (query: MultiSearchQuery) =>
    client
      .multiSearch<{ queries: MultiSearchQuery[] }, FormattedDocument>({ queries: [query] })
      .then(({ results }) => results[0] as SearchResponse<FormattedDocument>);
  const [first, ...rest] = await Promise.all([search(main), ...counts.map(({ query }) => search(query))]);
  const facets = emptyFacets();
  collectCounts(facets, first!.facetDistribution, mainCounts);
  rest.forEach((response, i) => collectCounts(facets, response.facetDistribution, counts[i]!.params));
  const total = first!.totalHits ?? first!.hits.length;
  return {
    hits: first!.hits.map((doc) => toHit(doc, params.q !== '')),
    total,
    facets,
    page: params.page,
    per_page: params.per_page,
    total_pages: Math.ceil(total / params.per_page),
    degraded: false,
  };
}

/**
 * Searches Meilisearch; when it is not configured, is marked down by the circuit breaker or does
 * not answer, SQLite answers the same query, marked degraded. A query Meilisearch refuses as
 * invalid is the request's fault: a SearchQueryError, never a fallback.
 */
export async function searchEntries(db: DB, client: Meilisearch | null, params: SearchParams): Promise<SearchResult> {
  if (client && !searchBreaker(client)?.isOpen) {
    try {
      return await searchMeilisearch(client, params);
    } catch (error) {
      if (isSearchRequestError(error)) throw new SearchQueryError(searchApiError(error)!.message, { cause: error });
      console.warn('search: Meilisearch unavailable, answering from SQLite:', describeSearchError(error));
    }
  }
  return searchDatabase(db, params);
}
