import type { Meilisearch, SearchResponse } from 'meilisearch';
import type { DB } from '~/db/db.server';
import { regionTablesVersion } from '~/regions/regions.server';
import { ENTRIES_INDEX, MAX_TOTAL_HITS, type SearchDocument } from '~/search/search-index.server';
import { SearchQueryError } from '~/search/search-errors';
import { themesOfTopics, type EntryKind, type SupportTypeCode, type TopicCode } from '~/taxonomy/taxonomy';
import { errorMessage } from '~/utils/error-message';
import type { MatchProposal, MatchResult, ProposalEntry } from './match-types';
import { explainPair, type RegionNames } from './reasons';
import { loadMatchRelations } from './relations.server';
import {
  classUpperBound,
  matchContext,
  matchLabel,
  MATCH_WEIGHTS,
  rankCandidates,
  SHARED_REGION_LAYERS,
  type CandidateClass,
  type MatchContext,
  type MatchProfile,
  type MatchRelations,
  type RankedCandidate,
} from './score';

/**
 * Proposals for one entry: candidates retrieved from Meilisearch by filter classes, re-ranked by
 * the scoring module. Retrieval is exact: a class of candidates is skipped only when the highest
 * score any of its members could reach is below the score already held at rank `limit`, so the
 * result equals brute-force scoring of every entry (docs/matching.md, "Retrieval").
 */

/** Candidates within this radius that share no region form the `near` class; beyond it, `far`. */
const NEAR_RADIUS_KM = 50;
/**
 * Retrieval rounds: each fetches the classes whose bound is at least its cutoff (and the score now
 * at rank `limit`); the last, every class that can still enter the list.
 */
const ROUND_CUTOFFS: Record<EntryKind, number[]> = {
  // Coalities are few (about one in eleven entries): one round for every class that can reach
  // 0.75 usually holds the list, where a round at 0.9 would mostly need a second.
  coalitie: [0.75, 0],
  // Initiatieven are many: a class that can reach 0.75 can hold thousands, and the classes that
  // can reach 0.9 often fill the list by themselves.
  initiatief: [0.9, 0.75, 0],
};

/** The SQLite fallback reads all candidates of the kind rather than a geographic tier larger than this. */
const MAX_TIER_ENTRIES = 20_000;

/** `relations`: partnerships, dismissals and open requests; read from the database when not given. */
export type ProposeOptions = { limit: number; relations?: MatchRelations };

type EntryRef = { id: number; slug: string; kind: EntryKind; status: string };

async function findEntry(db: DB, slugOrId: string | number): Promise<EntryRef | undefined> {
  const query = db.selectFrom('entries').select(['id', 'slug', 'kind', 'status']);
  return (typeof slugOrId === 'number' ? query.where('id', '=', slugOrId) : query.where('slug', '=', slugOrId)).executeTakeFirst();
}

const sortedUnique = <T extends string>(values: T[]): T[] => [...new Set(values)].sort();

/** Which entries `loadProfiles` reads: these ids, or every published entry of a kind. */
export type ProfileSelection = { ids: number[] } | { kind: EntryKind };

/**
 * Published entries of `kind` whose werkgebied shares one of `refs`, through the region index
 * (kind and status checked in code: in SQL they made SQLite walk every published entry of the kind).
 */
async function idsSharing(db: DB, kind: EntryKind, refs: string[]): Promise<number[]> {
  if (refs.length === 0) return [];
  const rows = await db
    .selectFrom('entry_region_refs as r')
    .innerJoin('entries as e', 'e.id', 'r.entry_id')
    .select(['e.id', 'e.kind', 'e.status'])
    .distinct()
    .where('r.ref', 'in', refs)
    .execute();
  return rows.filter((row) => row.kind === kind && row.status === 'published').map((row) => row.id);
}

/** Match profiles from SQLite (the source of truth), ordered by id. */
export async function loadProfiles(db: DB, selection: ProfileSelection): Promise<MatchProfile[]> {
  const ids = 'ids' in selection ? (selection.ids.length ? selection.ids : [-1]) : null;
  const kind = 'kind' in selection ? selection.kind : null;
  // The relation tables are read for the selected entries only: an id list, or a subquery for a kind.
  const selected = () =>
    ids ?? db.selectFrom('entries').select('entries.id').where('entries.kind', '=', kind!).where('entries.status', '=', 'published');
  const entries = await db
    .selectFrom('entries')
    .select(['id', 'kind', 'name', 'status', 'lat', 'lng'])
    .where('id', 'in', selected())
    .orderBy('id')
    .execute();
  if (entries.length === 0) return [];
  const [topics, needs, offers, partners, refs] = await Promise.all([
    db.selectFrom('entry_topics').select(['entry_id', 'topic_code as value']).where('entry_id', 'in', selected()).execute(),
    db.selectFrom('entry_needs').select(['entry_id', 'code as value']).where('entry_id', 'in', selected()).execute(),
    db.selectFrom('entry_offers').select(['entry_id', 'code as value']).where('entry_id', 'in', selected()).execute(),
    db.selectFrom('entry_partners').select(['entry_id', 'name as value']).where('entry_id', 'in', selected()).execute(),
    db.selectFrom('entry_region_refs').select(['entry_id', 'ref as value']).where('entry_id', 'in', selected()).execute(),
  ]);
  const group = (rows: Array<{ entry_id: number; value: string }>) => {
    const map = new Map<number, string[]>();
    for (const row of rows) {
      const list = map.get(row.entry_id);
      if (list) list.push(row.value);
      else map.set(row.entry_id, [row.value]);
    }
    return map;
  };
  const [topicsBy, needsBy, offersBy, partnersBy, refsBy] = [topics, needs, offers, partners, refs].map(group) as Array<
    Map<number, string[]>
  >;
  return entries.map((entry) =>
    profileOf({
      id: entry.id,
      kind: entry.kind,
      name: entry.name,
      status: entry.status,
      topics: topicsBy!.get(entry.id) ?? [],
      needs: needsBy!.get(entry.id) ?? [],
      offers: offersBy!.get(entry.id) ?? [],
      partner_names: partnersBy!.get(entry.id) ?? [],
      regions: refsBy!.get(entry.id) ?? [],
      _geo: { lat: entry.lat, lng: entry.lng },
    }),
  );
}

type ProfileSource = Pick<
  SearchDocument,
  'id' | 'kind' | 'name' | 'status' | 'topics' | 'needs' | 'offers' | 'partner_names' | 'regions' | '_geo'
>;

/** One shape from both sources (a search document or SQLite rows), with sorted lists so scores never depend on the source. */
function profileOf(source: ProfileSource): MatchProfile {
  return {
    id: String(source.id),
    kind: source.kind,
    name: source.name,
    published: source.status === 'published',
    topics: sortedUnique(source.topics as TopicCode[]),
    needs: sortedUnique(source.needs as SupportTypeCode[]),
    offers: sortedUnique(source.offers as SupportTypeCode[]),
    gemeenten: sortedUnique(source.regions.filter((ref) => ref.startsWith('gemeente:')).map((ref) => ref.slice('gemeente:'.length))),
    regions: sortedUnique(source.regions.filter((ref) => !ref.startsWith('gemeente:'))),
    location: { lat: source._geo.lat, lng: source._geo.lng },
    partnerNames: sortedUnique(source.partner_names),
  };
}

const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

type Cell = { cls: CandidateClass; filter: string; bound: number };

/** Every candidate class for `query` that can hold anyone, with its Meilisearch filter and score bound. */
export function candidateCells(query: MatchProfile): Cell[] {
  const topics = query.topics;
  const themes = themesOfTopics(topics);
  const allTopics = topics.map((t) => `topics = ${JSON.stringify(t)}`).join(' AND ');
  const topicFilters: Array<[CandidateClass['topics'], string | null]> = topics.length
    ? [
        ['all', allTopics],
        ...(topics.length > 1 ? [['some', `topics IN ${list(topics)} AND NOT (${allTopics})`] as [CandidateClass['topics'], string]] : []),
        ['theme', `themes IN ${list(themes)} AND NOT topics IN ${list(topics)}`],
        ['none', `NOT themes IN ${list(themes)}`],
      ]
    : [['none', null]];

  const levels: Array<[CandidateClass['geography'], string[]]> = [
    ['gemeente', query.gemeenten.map((code) => `gemeente:${code}`)],
    ...SHARED_REGION_LAYERS.map((layer): [CandidateClass['geography'], string[]] => [
      layer,
      query.regions.filter((ref) => ref.startsWith(`${layer}:`)),
    ]),
  ];
  const geoFilters: Array<[CandidateClass['geography'], string]> = [];
  const closer: string[] = [];
  for (const [level, refs] of levels) {
    if (refs.length === 0) continue;
    geoFilters.push([level, [`regions IN ${list(refs)}`, ...(closer.length ? [`NOT regions IN ${list(closer)}`] : [])].join(' AND ')]);
    closer.push(...refs);
  }
  const radius = `_geoRadius(${query.location.lat}, ${query.location.lng}, ${NEAR_RADIUS_KM * 1000})`;
  const noRegion = closer.length ? `NOT regions IN ${list(closer)} AND ` : '';
  geoFilters.push(['near', `${noRegion}${radius}`], ['far', `${noRegion}NOT ${radius}`]);

  const fits = [
    ...(query.needs.length ? [`offers IN ${list(query.needs)}`] : []),
    ...(query.offers.length ? [`needs IN ${list(query.offers)}`] : []),
  ];
  const anyFit = `(${fits.join(' OR ')})`;
  const allNeeds = query.needs.map((need) => `offers = ${JSON.stringify(need)}`).join(' AND ');
  const needFilters: Array<[CandidateClass['needs'], string | null]> =
    fits.length === 0
      ? [['none', null]]
      : query.needs.length === 0
        ? [
            ['full', anyFit],
            ['none', `NOT ${anyFit}`],
          ]
        : [
            ['full', allNeeds],
            ['partial', `${anyFit} AND NOT (${allNeeds})`],
            ['none', `NOT ${anyFit}`],
          ];

  // Meilisearch's circle is not exactly ours: measure `far` from a kilometre inside it.
  const farKm = NEAR_RADIUS_KM - 1;
  const cells: Cell[] = [];
  for (const [topicLevel, topicFilter] of topicFilters) {
    for (const [geoLevel, geoFilter] of geoFilters) {
      for (const [needLevel, needFilter] of needFilters) {
        const cls: CandidateClass = { topics: topicLevel, geography: geoLevel, needs: needLevel };
        const filter = [topicFilter, geoFilter, needFilter].filter(Boolean).join(' AND ');
        cells.push({ cls, filter, bound: classUpperBound(query, cls, farKm) });
      }
    }
  }
  return cells.sort((a, b) => b.bound - a.bound);
}

const PROFILE_ATTRIBUTES = ['id', 'kind', 'name', 'status', 'topics', 'needs', 'offers', 'partner_names', 'regions', '_geo'];

/**
 * Every candidate in `cells`, in one search: the classes are disjoint, so one filter that ORs them
 * returns each candidate once. Measured at 10,000 entries: one OR-ed query 7 ms, the same classes as
 * separate queries of one multi-search 48 ms.
 */
async function fetchCells(client: Meilisearch, query: MatchProfile, cells: Cell[]): Promise<MatchProfile[]> {
  if (cells.length === 0) return [];
  const kind = query.kind === 'initiatief' ? 'coalitie' : 'initiatief';
  const result: SearchResponse<ProfileSource> = await client.index(ENTRIES_INDEX).search<ProfileSource>('', {
    filter: `kind = ${JSON.stringify(kind)} AND status = "published" AND (${cells.map((cell) => `(${cell.filter})`).join(' OR ')})`,
    limit: MAX_TOTAL_HITS,
    attributesToRetrieve: PROFILE_ATTRIBUTES,
  });
  return result.hits.map(profileOf);
}

/** What a retrieval found, and how many candidates it scored to find it (the benchmark reports the latter). */
type Retrieval = { ranked: RankedCandidate[]; scored: number };

const thresholdOf = (ranked: RankedCandidate[], limit: number) =>
  ranked.length === limit ? ranked[limit - 1]!.pair.score : MATCH_WEIGHTS.minimumScore;

/**
 * The `limit` best candidates from Meilisearch, best classes first: each round fetches the classes
 * whose bound is at least its cutoff (and the score now at rank `limit`), the last round every class
 * that can still enter the list. Most entries are done after the first round or two, having fetched
 * a few hundred candidates instead of every one that can reach 0.7; see the module comment.
 */
async function retrieveFromIndex(client: Meilisearch, query: MatchProfile, context: MatchContext, limit: number): Promise<Retrieval> {
  const cells = candidateCells(query);
  const candidates: MatchProfile[] = [];
  let ranked: RankedCandidate[] = [];
  let next = 0;
  for (const cutoff of ROUND_CUTOFFS[query.kind === 'initiatief' ? 'coalitie' : 'initiatief']) {
    const lower = Math.max(cutoff, thresholdOf(ranked, limit));
    let end = next;
    while (end < cells.length && cells[end]!.bound >= lower) end++;
    if (end === next) {
      if (next === cells.length || cells[next]!.bound < thresholdOf(ranked, limit)) break;
      continue;
    }
    candidates.push(...(await fetchCells(client, query, cells.slice(next, end))));
    ranked = rankCandidates(query, candidates, context, limit);
    next = end;
  }
  return { ranked, scored: candidates.length };
}

/**
 * The same proposals from SQLite, in tiers by geography: first the candidates that share a gemeente
 * with the entry, then a gemeente or zorgkantoorregio, then any region, then all. A tier is enough when
 * the score at rank `limit` is above the best any candidate outside it could reach (topics and needs
 * perfect, geography at most the next level), so the result is exactly brute force's.
 */
async function retrieveFromDatabase(db: DB, query: MatchProfile, context: MatchContext, limit: number): Promise<Retrieval> {
  const kind = query.kind === 'initiatief' ? 'coalitie' : 'initiatief';
  const levels = MATCH_WEIGHTS.geographyLevels;
  const outside = (geography: number) => MATCH_WEIGHTS.topics + MATCH_WEIGHTS.geography * geography + MATCH_WEIGHTS.complementarity + 1e-9;
  const refs = (layers: string[]) => [
    ...query.gemeenten.filter(() => layers.includes('gemeente')).map((code) => `gemeente:${code}`),
    ...query.regions.filter((ref) => layers.includes(ref.slice(0, ref.indexOf(':')))),
  ];
  const tiers = [
    { refs: refs(['gemeente']), outsideBound: outside(levels.zorgkantoor) },
    { refs: refs(['gemeente', 'zorgkantoor']), outsideBound: outside(levels.ggd) },
    { refs: refs(['gemeente', ...SHARED_REGION_LAYERS]), outsideBound: outside(levels.distance) },
  ];
  // Each tier reads only the entries the previous ones did not.
  const loaded: MatchProfile[] = [];
  const seen = new Set<number>();
  for (const tier of tiers) {
    if (tier.refs.length === 0) continue;
    const ids = (await idsSharing(db, kind, tier.refs)).filter((id) => !seen.has(id));
    // A tier this large is no cheaper than reading the kind whole, and its id list would near SQLite's parameter limit.
    if (seen.size + ids.length > MAX_TIER_ENTRIES) break;
    for (const id of ids) seen.add(id);
    if (ids.length) loaded.push(...(await loadProfiles(db, { ids })));
    const ranked = rankCandidates(query, loaded, context, limit);
    if (ranked.length === limit && thresholdOf(ranked, limit) > tier.outsideBound) return { ranked, scored: loaded.length };
  }
  const candidates = await loadProfiles(db, { kind });
  return { ranked: rankCandidates(query, candidates, context, limit), scored: candidates.length };
}

/** Per database handle: region names, read once per version of the region tables (its geodata fingerprint). */
const regionNameCache = new WeakMap<DB, { version: string; names: Promise<Map<string, string>> }>();

/** Names of gemeenten (by code) and regions (by `layer:code`) for the reasons. */
async function regionNames(db: DB): Promise<RegionNames> {
  const version = await regionTablesVersion(db);
  let cached = regionNameCache.get(db);
  if (cached?.version !== version) {
    cached = { version, names: readRegionNames(db) };
    regionNameCache.set(db, cached);
    // A failed read is not kept: the next call tries again.
    cached.names.catch(() => regionNameCache.delete(db));
  }
  const names = await cached.names;
  return (codeOrRef) => names.get(codeOrRef) ?? codeOrRef;
}

async function readRegionNames(db: DB): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const region of await db.selectFrom('regions').select(['layer', 'code', 'name']).execute()) {
    names.set(`${region.layer}:${region.code}`, region.name);
    if (region.layer === 'gemeente') names.set(region.code, region.name);
  }
  return names;
}

async function toProposals(db: DB, viewer: EntryKind, ranked: RankedCandidate[]): Promise<MatchProposal[]> {
  if (ranked.length === 0) return [];
  const rows = await db
    .selectFrom('entries')
    .select(['id', 'slug', 'kind', 'name', 'summary', 'place', 'lat', 'lng', 'status'])
    .where(
      'id',
      'in',
      ranked.map((r) => Number(r.candidate.id)),
    )
    .execute();
  // Status checked here, not in SQL: with it there SQLite walks the status index (every published
  // entry, 10 ms at 50,000) instead of looking up the ids.
  const byId = new Map(rows.flatMap(({ status, ...row }) => (status === 'published' ? [[String(row.id), row] as const] : [])));
  const names = await regionNames(db);
  // An entry unpublished or deleted a moment ago can linger in the index until the outbox catches up: leave it out.
  return ranked.flatMap(({ candidate, pair }) => {
    const row = byId.get(candidate.id);
    if (!row) return [];
    const entry: ProposalEntry = { ...row, topics: candidate.topics };
    const score = Math.round(pair.score * 1000) / 1000;
    return [{ entry, score, label: matchLabel(pair.score), ...explainPair(pair, viewer, names) }];
  });
}

export type ProposeResult = MatchResult | { status: 'not-found' };

/**
 * Proposals for the published entry `slugOrId` (an initiatief gets coalities, a coalitie gets
 * initiatieven), best first. Meilisearch picks the candidates; when it does not answer, SQLite
 * gives the same proposals, marked `degraded`.
 */
export async function proposeMatches(
  db: DB,
  client: Meilisearch | null,
  slugOrId: string | number,
  options: ProposeOptions,
): Promise<ProposeResult> {
  const ref = await findEntry(db, slugOrId);
  if (!ref || ref.status !== 'published') return { status: 'not-found' };
  const [query] = await loadProfiles(db, { ids: [ref.id] });
  const context = matchContext(options.relations ?? (await loadMatchRelations(db, ref.id)));
  let retrieval: Retrieval | null = null;
  if (client) {
    try {
      retrieval = await retrieveFromIndex(client, query!, context, options.limit);
    } catch (error) {
      if (error instanceof SearchQueryError) throw error;
      console.warn('matching: Meilisearch unavailable, scoring from SQLite:', errorMessage(error));
    }
  }
  const degraded = retrieval === null;
  retrieval ??= await retrieveFromDatabase(db, query!, context, options.limit);
  const proposals = await toProposals(db, ref.kind, retrieval.ranked);
  return { status: 'found', slug: ref.slug, kind: ref.kind, proposals, degraded, scored: retrieval.scored };
}

/** Brute force over every published entry of the other kind in SQLite: the reference for tests and the benchmark. */
export async function bruteForceMatches(db: DB, slugOrId: string | number, options: ProposeOptions): Promise<ProposeResult> {
  const ref = await findEntry(db, slugOrId);
  if (!ref || ref.status !== 'published') return { status: 'not-found' };
  const [query] = await loadProfiles(db, { ids: [ref.id] });
  // Every candidate, not the fallback's tiers: this is the reference both retrievals are tested against.
  const candidates = await loadProfiles(db, { kind: ref.kind === 'initiatief' ? 'coalitie' : 'initiatief' });
  const relations = options.relations ?? (await loadMatchRelations(db, ref.id));
  const ranked = rankCandidates(query!, candidates, matchContext(relations), options.limit);
  const proposals = await toProposals(db, ref.kind, ranked);
  return { status: 'found', slug: ref.slug, kind: ref.kind, proposals, degraded: false, scored: candidates.length };
}
