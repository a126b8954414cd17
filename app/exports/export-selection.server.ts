import { sql } from 'kysely';
import type { Meilisearch } from 'meilisearch';
import type { DB } from '~/db/db.server';
import { loadEntriesWithRelations } from '~/entries/entries.server';
import type { EntryWithRelations } from '~/entries/entry-types';
import { ftsQuery, whereClause } from '~/search/fallback.server';
import { describeSearchError, isSearchRequestError, searchApiError, searchBreaker } from '~/search/meili.server';
import { SearchQueryError } from '~/search/search-errors';
import { ENTRIES_INDEX, MAX_TOTAL_HITS, type SearchDocument } from '~/search/search-index.server';
import type { SearchParams } from '~/search/search-params';
import { meiliFilter } from '~/search/search.server';
import type { ExportEntry } from './export-entry';

/** Entries read per database round trip: big enough to be quick, small enough to keep memory flat. */
export const EXPORT_BATCH_SIZE = 500;

/**
 * Which entries an export holds. Filters alone are answered exactly by SQLite (the same WHERE
 * clause as the search fallback); with search words the set is Meilisearch's (typo tolerance,
 * synonyms), as for the list and the map, and SQLite's full-text fallback when it is down.
 */
export type Selection = { params: SearchParams; ids: number[] | null; match: string | null; degraded: boolean };

async function idsFromMeilisearch(client: Meilisearch, params: SearchParams): Promise<number[]> {
  const response = await client.index<SearchDocument>(ENTRIES_INDEX).search(params.q, {
    filter: meiliFilter(params),
    limit: MAX_TOTAL_HITS,
    attributesToRetrieve: ['id'],
    attributesToHighlight: [],
  });
  if ((response.estimatedTotalHits ?? 0) > response.hits.length) {
    throw new Error(`more than ${MAX_TOTAL_HITS} matches; the export would drop entries`);
  }
  return response.hits.map((hit) => hit.id).sort((a, b) => a - b);
}

/**
 * Resolves the selection before anything is sent, so that a query Meilisearch refuses is still a
 * 400 (SearchQueryError) and not a broken download.
 */
export async function resolveSelection(client: Meilisearch | null, params: SearchParams): Promise<Selection> {
  if (params.q && client && !searchBreaker(client)?.isOpen) {
    try {
      return { params, ids: await idsFromMeilisearch(client, params), match: null, degraded: false };
    } catch (error) {
      if (isSearchRequestError(error)) throw new SearchQueryError(searchApiError(error)!.message, { cause: error });
      console.warn('export: Meilisearch unavailable, selecting from SQLite:', describeSearchError(error));
    }
  }
  return { params, ids: null, match: ftsQuery(params.q), degraded: params.q !== '' };
}

/** The next batch of ids after `after` (keyset pagination: every batch costs the same, however deep). */
async function nextIds(db: DB, selection: Selection, after: number, size: number): Promise<number[]> {
  if (selection.ids) {
    const start = selection.ids.findIndex((id) => id > after);
    return start === -1 ? [] : selection.ids.slice(start, start + size);
  }
  const { rows } = await sql<{ id: number }>`select e.id from entries e
    where ${whereClause(selection.params, selection.match)} and e.id > ${after}
    order by e.id limit ${size}`.execute(db);
  return rows.map((row) => row.id);
}

/** Only the public fields, listed one by one: a new column stays out of the exports until it is added here. */
function toExportEntry(entry: EntryWithRelations, gemeenteNames: Map<string, string>): ExportEntry {
  return {
    slug: entry.slug,
    kind: entry.kind,
    name: entry.name,
    summary: entry.summary,
    description: entry.description,
    place: entry.place,
    lat: entry.lat,
    lng: entry.lng,
    gemeenten: entry.coverage.map((code) => ({ code, name: gemeenteNames.get(code) ?? code })),
    topics: entry.topics,
    needs: entry.needs,
    offers: entry.offers,
    partners: entry.partners,
    phase: entry.phase,
    legal_form: entry.legal_form,
    founding_year: entry.founding_year,
    target_groups: entry.targetGroups,
    funding_sources: entry.fundingSources,
    contact_role: entry.contact_role,
    website: entry.website,
    email: entry.email,
    phone: entry.phone,
    last_verified_at: entry.last_verified_at,
    is_demo: entry.is_demo === 1,
  };
}

/**
 * The selection's published entries in id order, `size` at a time, each batch loaded with one
 * query per relation. Only one batch is in memory at once (plus, for search words, the list of
 * matching ids: numbers, about 8 bytes an entry).
 */
export async function* exportBatches(db: DB, selection: Selection, size = EXPORT_BATCH_SIZE): AsyncGenerator<ExportEntry[]> {
  let after = 0;
  for (;;) {
    const ids = await nextIds(db, selection, after, size);
    if (ids.length === 0) return;
    after = ids[ids.length - 1]!;
    // Meilisearch may still list an entry that was unpublished a moment ago: SQLite has the last word.
    const published = (await db.selectFrom('entries').select('id').where('id', 'in', ids).where('status', '=', 'published').execute()).map(
      (row) => row.id,
    );
    if (published.length === 0) continue;
    const entries = (await loadEntriesWithRelations(db, published)).sort((a, b) => a.id - b.id);
    const codes = [...new Set(entries.flatMap((entry) => entry.coverage))];
    const names = new Map(
      codes.length
        ? (await db.selectFrom('municipalities').select(['code', 'name']).where('code', 'in', codes).execute()).map((m) => [m.code, m.name])
        : [],
    );
    yield entries.map((entry) => toExportEntry(entry, names));
  }
}
