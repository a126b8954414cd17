import { sql } from 'kysely';
import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import type { DB } from '~/db/db.server';
import { errorMessage } from '~/utils/error-message';
import { ftsQuery, whereClause } from './fallback.server';
import { ENTRIES_INDEX } from './search-index.server';
import { FACETS, type SearchParams } from './search-params';
import { meiliFilter } from './search.server';

/**
 * What to drop from a search without results: `label` names it (`q`, `radius_km`, `area`, a
 * facet group such as `topic`, or `param:value` when the group has one value).
 */
export type BroaderSearch = { label: string; params: SearchParams; total: number };

type Candidate = Omit<BroaderSearch, 'total'>;

/**
 * One candidate per active facet group, plus the words, the radius and the area: at most ten,
 * however many values the URL has. Values within a group are alternatives (OR), so dropping one
 * of several can only narrow the result; only dropping the whole group can widen it.
 */
export function broaderCandidates(params: SearchParams): Candidate[] {
  const candidates: Candidate[] = FACETS.flatMap(({ param }) => {
    const values = params[param];
    if (values.length === 0) return [];
    return [{ label: values.length === 1 ? `${param}:${values[0]}` : param, params: { ...params, page: 1, [param]: [] } }];
  });
  if (params.q) candidates.push({ label: 'q', params: { ...params, q: '', page: 1 } });
  if (params.radius_km !== undefined) candidates.push({ label: 'radius_km', params: { ...params, radius_km: undefined, page: 1 } });
  if (params.area) candidates.push({ label: 'area', params: { ...params, area: undefined, page: 1 } });
  return candidates;
}

/** Every candidate's total in one multi-search, without hits. */
async function totalsFromMeilisearch(client: Meilisearch, candidates: Candidate[]): Promise<number[]> {
  const queries: MultiSearchQuery[] = candidates.map(({ params }) => ({
    indexUid: ENTRIES_INDEX,
    q: params.q,
    filter: meiliFilter(params),
    page: 1,
    hitsPerPage: 0,
  }));
  const { results } = await client.multiSearch({ queries });
  return results.map((result) => result.totalHits ?? 0);
}

/** Every candidate's total in one SQLite statement: a count per candidate, the same filters as the fallback search. */
async function totalsFromDatabase(db: DB, candidates: Candidate[]): Promise<number[]> {
  const counts = candidates.map(
    ({ params }, i) => sql`(select count(*) from entries e where ${whereClause(params, ftsQuery(params.q))}) as ${sql.ref(`c${i}`)}`,
  );
  const { rows } = await sql<Record<string, number>>`select ${sql.join(counts)}`.execute(db);
  return candidates.map((_, i) => Number(rows[0]?.[`c${i}`] ?? 0));
}

/**
 * For an empty result: which single filter (or the search words) to drop to get the most
 * results, so the page can suggest removing the narrowest one. Pass `client` null when SQLite
 * answered the search (Meilisearch is down): the counts then come from SQLite straight away.
 */
export async function suggestBroaderSearch(db: DB, client: Meilisearch | null, params: SearchParams): Promise<BroaderSearch | null> {
  const candidates = broaderCandidates(params);
  if (candidates.length === 0) return null;
  let totals: number[] | null = null;
  if (client) {
    try {
      totals = await totalsFromMeilisearch(client, candidates);
    } catch (error) {
      console.warn('search: suggestions from SQLite, Meilisearch did not answer:', errorMessage(error));
    }
  }
  totals ??= await totalsFromDatabase(db, candidates);
  let best: BroaderSearch | null = null;
  candidates.forEach((candidate, i) => {
    const total = totals[i]!;
    if (total > 0 && (!best || total > best.total)) best = { ...candidate, total };
  });
  return best;
}
