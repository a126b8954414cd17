import { sql, type RawBuilder } from 'kysely';
import type { DB } from '~/db/db.server';
import type { TopicCode } from '~/taxonomy/taxonomy';
import type { FacetParam, SearchParams } from './search-params';
import { emptyFacets, plainSegments, type EntryCard, type SearchResult } from './search-result';
import { DUTCH_STOP_WORDS, expandWord } from './synonyms';

/**
 * The directory search answered by SQLite alone (FTS5 plus the relation tables), for when
 * Meilisearch is unreachable: the same filters, facets, sorting and pagination, without typo
 * tolerance or highlighting.
 */

const MAX_QUERY_WORDS = 10;
const stopWords = new Set(DUTCH_STOP_WORDS);

/** An FTS5 query: every word must match (as a prefix), each word standing for its synonym group. */
export function ftsQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/"/g, ''))
    .filter((word) => /[\p{L}\p{N}]/u.test(word) && !stopWords.has(word))
    .slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return null;
  return words
    .map(
      (word) =>
        `(${expandWord(word)
          .map((term) => `"${term}"*`)
          .join(' OR ')})`,
    )
    .join(' AND ');
}

/** Where each facet group's values live: a column of the entries table or a relation table. */
const FACET_SOURCES: Record<Exclude<FacetParam, 'kind'>, { table: string; column: string }> = {
  theme: { table: 'entry_themes', column: 'theme' },
  topic: { table: 'entry_topics', column: 'topic_code' },
  need: { table: 'entry_needs', column: 'code' },
  offer: { table: 'entry_offers', column: 'code' },
  domain: { table: 'entry_partners', column: 'domain' },
  region: { table: 'entry_region_refs', column: 'ref' },
};
const FACET_PARAMS = ['kind', ...Object.keys(FACET_SOURCES)] as FacetParam[];

function distanceKm(lat: number, lng: number): RawBuilder<number> {
  return sql<number>`(6371.0 * 2 * asin(sqrt(
    power(sin(radians(e.lat - ${lat}) / 2), 2) +
    cos(radians(${lat})) * cos(radians(e.lat)) * power(sin(radians(e.lng - ${lng}) / 2), 2))))`;
}

/**
 * The WHERE clause (over `entries e`) for the query, leaving out one facet group's own filter
 * when asked (for its counts). `match` is the FTS5 query from `ftsQuery`.
 */
export function whereClause(params: SearchParams, match: string | null, except?: FacetParam): RawBuilder<unknown> {
  const conditions: Array<RawBuilder<unknown>> = [sql`e.status = 'published'`];
  if (match) conditions.push(sql`e.id in (select rowid from entries_fts where entries_fts match ${match})`);
  if (params.near && params.radius_km !== undefined) {
    const { lat, lng } = params.near;
    const dLat = params.radius_km / 111;
    const dLng = params.radius_km / (111 * Math.cos((lat * Math.PI) / 180));
    conditions.push(sql`e.lat between ${lat - dLat} and ${lat + dLat} and e.lng between ${lng - dLng} and ${lng + dLng}`);
    conditions.push(sql`${distanceKm(lat, lng)} <= ${params.radius_km}`);
  }
  if (params.area) {
    const { west, south, east, north } = params.area;
    conditions.push(sql`e.lat between ${south} and ${north} and e.lng between ${west} and ${east}`);
  }
  for (const param of FACET_PARAMS) {
    const values = params[param];
    if (param === except || values.length === 0) continue;
    if (param === 'kind') {
      conditions.push(sql`e.kind in (${sql.join(values)})`);
    } else {
      const { table, column } = FACET_SOURCES[param];
      conditions.push(
        sql`exists (select 1 from ${sql.table(table)} s where s.entry_id = e.id and s.${sql.ref(column)} in (${sql.join(values)}))`,
      );
    }
  }
  return sql.join(conditions, sql` and `);
}

function orderClause(params: SearchParams, ranked: boolean): RawBuilder<unknown> {
  switch (params.sort) {
    case 'name':
      return sql`e.name collate nocase, e.id`;
    case 'updated':
      return sql`e.updated_at desc, e.id`;
    case 'distance':
      return sql`${distanceKm(params.near!.lat, params.near!.lng)}, e.id`;
    case 'relevance':
      return ranked ? sql`m.rank, e.id` : sql`e.name collate nocase, e.id`;
  }
}

async function facetCounts(db: DB, params: SearchParams, match: string | null, param: FacetParam) {
  const where = whereClause(params, match, param);
  const query =
    param === 'kind'
      ? sql<{ value: string; n: number }>`select e.kind as value, count(*) as n from entries e where ${where} group by e.kind`
      : sql<{ value: string; n: number }>`select s.${sql.ref(FACET_SOURCES[param].column)} as value, count(distinct s.entry_id) as n
          from ${sql.table(FACET_SOURCES[param].table)} s join entries e on e.id = s.entry_id
          where ${where} group by value`;
  const { rows } = await query.execute(db);
  return Object.fromEntries(rows.map((row) => [row.value, Number(row.n)]));
}

/** An entry card without its topics (read separately), with its distance from `near`. */
type Row = Omit<EntryCard, 'topics'> & { distance_km: number | null };

export async function searchDatabase(db: DB, params: SearchParams): Promise<SearchResult> {
  const match = ftsQuery(params.q);
  const where = whereClause(params, match);
  const ranked = match !== null && params.sort === 'relevance';
  const distance = params.near ? distanceKm(params.near.lat, params.near.lng) : sql`null`;

  const [{ rows: countRows }, { rows }] = await Promise.all([
    sql<{ total: number }>`select count(*) as total from entries e where ${where}`.execute(db),
    ranked
      ? // The match is computed once and drives the join; as a plain join SQLite re-ran it per entry (seconds at 50,000).
        sql<Row>`with m as materialized (select rowid, rank from entries_fts where entries_fts match ${match})
          select e.id, e.slug, e.kind, e.name, e.summary, e.place, e.lat, e.lng, ${distance} as distance_km
          from m cross join entries e on e.id = m.rowid
          where ${whereClause(params, null)}
          order by ${orderClause(params, true)}
          limit ${params.per_page} offset ${(params.page - 1) * params.per_page}`.execute(db)
      : sql<Row>`select e.id, e.slug, e.kind, e.name, e.summary, e.place, e.lat, e.lng, ${distance} as distance_km
          from entries e
          where ${where}
          order by ${orderClause(params, false)}
          limit ${params.per_page} offset ${(params.page - 1) * params.per_page}`.execute(db),
  ]);
  const facets = emptyFacets();
  for (const param of FACET_PARAMS) facets[param] = await facetCounts(db, params, match, param);

  const topics = rows.length
    ? await db
        .selectFrom('entry_topics')
        .select(['entry_id', 'topic_code'])
        .where(
          'entry_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('topic_code')
        .execute()
    : [];
  const total = Number(countRows[0]?.total ?? 0);
  return {
    hits: rows.map((row) => ({
      ...row,
      topics: topics.filter((t) => t.entry_id === row.id).map((t) => t.topic_code as TopicCode),
      distance_km: row.distance_km === null ? null : Math.round(row.distance_km * 10) / 10,
      highlight: { name: plainSegments(row.name), summary: plainSegments(row.summary), snippet: null },
    })),
    total,
    facets,
    page: params.page,
    per_page: params.per_page,
    total_pages: Math.ceil(total / params.per_page),
    degraded: true,
  };
}
