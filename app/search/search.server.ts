import type { Meilisearch } from 'meilisearch';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '~/db/db.server';
import { ENTRY_KIND_CODES, TOPIC_CODES, type EntryKind, type TopicCode } from '~/taxonomy/taxonomy';
import { ENTRIES_INDEX, type SearchDocument } from './search-index.server';

export const searchParamsSchema = z.object({
  q: z.string().trim().max(200, { message: 'De zoekopdracht mag maximaal 200 tekens lang zijn.' }).default(''),
  kind: z.enum(ENTRY_KIND_CODES, { message: "Soort moet 'initiatief' of 'coalitie' zijn." }).optional(),
  topic: z.array(z.enum(TOPIC_CODES, { message: 'Onbekend onderwerp; gebruik een code zoals VITAAL-3.' })).default([]),
  limit: z.coerce
    .number({ message: 'Limiet moet een getal zijn.' })
    .int({ message: 'Limiet moet een heel getal zijn.' })
    .min(1, { message: 'Limiet moet tussen 1 en 100 liggen.' })
    .max(100, { message: 'Limiet moet tussen 1 en 100 liggen.' })
    .default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export type SearchParams = z.infer<typeof searchParamsSchema>;

export type SearchHit = {
  id: number;
  slug: string;
  kind: EntryKind;
  name: string;
  summary: string;
  place: string;
  topics: TopicCode[];
  lat: number;
  lng: number;
};

export type SearchResult = { hits: SearchHit[]; total: number; degraded: boolean };

/** Reads repeated and comma-separated query parameters into the shape the schema expects. */
export function searchParamsFromUrl(url: URL): Record<string, unknown> {
  const single = (name: string) => url.searchParams.get(name) ?? undefined;
  return {
    q: single('q'),
    kind: single('kind') || undefined,
    topic: url.searchParams.getAll('topic').flatMap((value) => value.split(',')).filter(Boolean),
    limit: single('limit'),
    offset: single('offset'),
  };
}

const quote = (value: string) => JSON.stringify(value);

function meiliFilter(params: SearchParams): string[] {
  const filters = ['status = "published"'];
  if (params.kind) filters.push(`kind = ${quote(params.kind)}`);
  for (const topic of params.topic) filters.push(`topics = ${quote(topic)}`);
  return filters;
}

async function searchMeilisearch(client: Meilisearch, params: SearchParams): Promise<SearchResult> {
  const response = await client.index<SearchDocument>(ENTRIES_INDEX).search(params.q, {
    filter: meiliFilter(params),
    limit: params.limit,
    offset: params.offset,
    attributesToRetrieve: ['id', 'slug', 'kind', 'name', 'summary', 'place', 'topics', '_geo'],
  });
  return {
    hits: response.hits.map((hit) => ({
      id: hit.id,
      slug: hit.slug,
      kind: hit.kind,
      name: hit.name,
      summary: hit.summary,
      place: hit.place,
      topics: hit.topics as TopicCode[],
      lat: hit._geo.lat,
      lng: hit._geo.lng,
    })),
    total: response.estimatedTotalHits ?? response.hits.length,
    degraded: false,
  };
}

/** The same query answered from SQLite, for when Meilisearch is unreachable. */
export async function searchDatabase(db: DB, params: SearchParams): Promise<SearchResult> {
  let query = db.selectFrom('entries').where('status', '=', 'published');
  if (params.kind) query = query.where('kind', '=', params.kind);
  for (const topic of params.topic) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entry_topics')
          .select('entry_topics.entry_id')
          .whereRef('entry_topics.entry_id', '=', 'entries.id')
          .where('entry_topics.topic_code', '=', topic),
      ),
    );
  }
  for (const word of params.q.split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or(
        (['name', 'summary', 'place', 'description'] as const).map(
          (column) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(['id', 'slug', 'kind', 'name', 'summary', 'place', 'lat', 'lng'])
      .orderBy('name')
      .limit(params.limit)
      .offset(params.offset)
      .execute(),
  ]);
  const topics = rows.length
    ? await db.selectFrom('entry_topics').selectAll().where('entry_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return {
    hits: rows.map((row) => ({ ...row, topics: topics.filter((t) => t.entry_id === row.id).map((t) => t.topic_code) })),
    total: Number(total),
    degraded: true,
  };
}

/** Searches Meilisearch; when it is not configured or does not answer, falls back to SQLite and says so. */
export async function searchEntries(db: DB, client: Meilisearch | null, params: SearchParams): Promise<SearchResult> {
  if (client) {
    try {
      return await searchMeilisearch(client, params);
    } catch (error) {
      console.warn('search: Meilisearch unavailable, answering from SQLite:', error instanceof Error ? error.message : error);
    }
  }
  return searchDatabase(db, params);
}
