import crypto from 'node:crypto';
import type { Meilisearch, Settings } from 'meilisearch';
import type { DB } from '~/db/db.server';
import { loadEntriesWithRelations } from '~/entries/entries.server';
import type { EntryWithRelations } from '~/entries/entry-types';
import { formatRegionRef, type RegionMembership } from '~/regions/region-layers';
import { regionsOfGemeenten } from '~/regions/regions.server';
import { themesOfTopics } from '~/taxonomy/taxonomy';
import { facetValue } from './facet-values';
import { DUTCH_STOP_WORDS, meilisearchSynonyms } from './synonyms';

export const ENTRIES_INDEX = 'entries';

/** Bump when the document shape changes: a start-up then rebuilds the index. */
const DOCUMENT_VERSION = 4;

/** What Meilisearch holds per entry: public fields only, plus every region code the entry covers. */
export type SearchDocument = {
  id: number;
  slug: string;
  kind: EntryWithRelations['kind'];
  status: EntryWithRelations['status'];
  name: string;
  summary: string;
  description: string | null;
  place: string;
  partner_names: string[];
  partner_domains: string[];
  gemeente_names: string[];
  target_groups: string[];
  topics: string[];
  themes: string[];
  needs: string[];
  offers: string[];
  /** `layer:code` for every gemeente and region the coverage falls in. */
  regions: string[];
  /** The values of the small facet groups in one field, `param:value` (docs/decisions/0022). */
  facet_values: string[];
  updated_at: number;
  _geo: { lat: number; lng: number };
};

/** Raised deliberately from Meilisearch's 1,000 so the map can take a text query's whole match set. */
export const MAX_TOTAL_HITS = 100_000;

export const INDEX_SETTINGS: Settings = {
  // Order matters: a match in the name outranks one in the description.
  searchableAttributes: ['name', 'summary', 'partner_names', 'place', 'gemeente_names', 'target_groups', 'description'],
  filterableAttributes: ['kind', 'status', 'topics', 'themes', 'needs', 'offers', 'partner_domains', 'regions', 'facet_values', '_geo'],
  sortableAttributes: ['name', 'updated_at', '_geo'],
  displayedAttributes: [
    'id',
    'slug',
    'kind',
    'status',
    'name',
    'summary',
    'description',
    'place',
    'topics',
    'themes',
    'needs',
    'offers',
    '_geo',
    // The matcher scores candidates from the index alone: werkgebied and named partners.
    'regions',
    'partner_names',
  ],
  // Dutch compounds are long and its function words short: allow a typo from 4 letters, two from 8.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  synonyms: meilisearchSynonyms(),
  stopWords: DUTCH_STOP_WORDS,
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  faceting: { maxValuesPerFacet: 500 },
};

export function toSearchDocument(entry: EntryWithRelations, memberships: Map<string, RegionMembership[]>): SearchDocument {
  const regions = new Set<string>();
  const gemeenteNames: string[] = [];
  for (const code of entry.coverage) {
    regions.add(formatRegionRef('gemeente', code));
    for (const membership of memberships.get(code) ?? []) {
      regions.add(formatRegionRef(membership.layer, membership.code));
      if (membership.layer === 'gemeente') gemeenteNames.push(membership.name);
    }
  }
  const partnerDomains = [...new Set(entry.partners.map((p) => p.domain))];
  const themes = themesOfTopics(entry.topics);
  return {
    id: entry.id,
    slug: entry.slug,
    kind: entry.kind,
    status: entry.status,
    name: entry.name,
    summary: entry.summary,
    description: entry.description,
    place: entry.place,
    partner_names: entry.partners.map((p) => p.name),
    partner_domains: partnerDomains,
    gemeente_names: gemeenteNames,
    target_groups: entry.targetGroups,
    topics: entry.topics,
    themes,
    needs: entry.needs,
    offers: entry.offers,
    regions: [...regions].sort(),
    facet_values: [
      facetValue('kind', entry.kind),
      ...themes.map((code) => facetValue('theme', code)),
      ...entry.topics.map((code) => facetValue('topic', code)),
      ...entry.needs.map((code) => facetValue('need', code)),
      ...entry.offers.map((code) => facetValue('offer', code)),
      ...partnerDomains.map((code) => facetValue('domain', code)),
    ],
    updated_at: Date.parse(entry.updated_at),
    _geo: { lat: entry.lat, lng: entry.lng },
  };
}

/**
 * Search documents for the published entries among `ids`. Drafts, entries in review and archived
 * ones never reach the search engine; the outbox deletes them from it when they leave "published".
 */
export async function buildSearchDocuments(db: DB, ids: number[]): Promise<SearchDocument[]> {
  const entries = (await loadEntriesWithRelations(db, ids)).filter((entry) => entry.status === 'published');
  const memberships = await regionsOfGemeenten(db, [...new Set(entries.flatMap((e) => e.coverage))]);
  return entries.map((entry) => toSearchDocument(entry, memberships));
}

/** Creates the index if needed and applies the settings; safe to call at every start. */
export async function ensureIndex(client: Meilisearch, uid = ENTRIES_INDEX): Promise<void> {
  const existing = await client.getIndexes({ limit: 1000 });
  if (!existing.results.some((index) => index.uid === uid)) {
    await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
  }
  await client.index(uid).updateSettings(INDEX_SETTINGS).waitTask({ timeout: 60_000 });
}

const REINDEX_BATCH = 1_000;

function indexVersion(): string {
  return crypto
    .createHash('sha256')
    .update(`${DOCUMENT_VERSION}:${JSON.stringify(INDEX_SETTINGS)}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * Brings the index in line with the database at start-up: a full rebuild when the document
 * shape or settings changed or the document count differs, otherwise just the outbox.
 */
export async function syncIndexAtStart(db: DB, client: Meilisearch): Promise<{ rebuilt: boolean; documents: number }> {
  await ensureIndex(client);
  const [stats, entries, stored] = await Promise.all([
    client.index(ENTRIES_INDEX).getStats(),
    db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
    db.selectFrom('app_meta').select('value').where('key', '=', 'search_index_version').executeTakeFirst(),
  ]);
  if (stats.numberOfDocuments === Number(entries.count) && stored?.value === indexVersion()) {
    return { rebuilt: false, documents: stats.numberOfDocuments };
  }
  const { documents } = await reindexAll(db, client);
  return { rebuilt: true, documents };
}

/**
 * Rebuilds the index from SQLite into a fresh index and swaps it in atomically, so searches
 * never see an empty or half-filled index. Outbox rows written before the rebuild began are
 * covered by it and removed; later ones stay for the worker.
 */
export async function reindexAll(db: DB, client: Meilisearch): Promise<{ documents: number }> {
  const last = await db
    .selectFrom('search_outbox')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  const staging = `${ENTRIES_INDEX}_rebuild_${Date.now()}`;
  await ensureIndex(client, staging);
  const ids = (await db.selectFrom('entries').select('id').where('status', '=', 'published').orderBy('id').execute()).map((row) => row.id);
  for (let offset = 0; offset < ids.length; offset += REINDEX_BATCH) {
    const documents = await buildSearchDocuments(db, ids.slice(offset, offset + REINDEX_BATCH));
    await client.index(staging).addDocuments(documents).waitTask({ timeout: 300_000 });
  }
  await ensureIndex(client, ENTRIES_INDEX);
  await client.swapIndexes([{ indexes: [ENTRIES_INDEX, staging], rename: false }]).waitTask({ timeout: 60_000 });
  await client.deleteIndex(staging).waitTask({ timeout: 60_000 });
  if (last?.max != null) await db.deleteFrom('search_outbox').where('id', '<=', Number(last.max)).execute();
  const version = indexVersion();
  await db
    .insertInto('app_meta')
    .values({ key: 'search_index_version', value: version })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: version }))
    .execute();
  return { documents: ids.length };
}
