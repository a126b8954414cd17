import { sql, type RawBuilder } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Meilisearch } from 'meilisearch';
import type { DB } from '~/db/db.server';
import { hasFormalPartner } from '~/entries/formal-partner.server';
import type { FollowUpAnswerCode } from '~/introductions/introduction-schema';
import { proposeMatches } from '~/matching/matching.server';
import { toProposalView } from '~/matching/proposal-view';
import { PARTNER_DOMAIN_CODES, TOPIC_CODES, type EntryKind, type PartnerDomainCode, type TopicCode } from '~/taxonomy/taxonomy';
import { errorMessage } from '~/utils/error-message';
import { isoDate } from '~/utils/iso-date';
import { formatRegionRef, REGION_LAYER_CODES, type RegionLayer, type RegionMembership } from './region-layers';
import {
  FUNDING_ENDS_WITHIN_MONTHS,
  matrixStatus,
  overlapRelation,
  PARTNERSHIPS_SHOWN,
  staleBefore,
  WITHOUT_PARTNER_SHOWN,
  type KeyFigures,
  type Overlap,
  type PartnershipLine,
  type RegionPageData,
} from './region-page';
import { regionsOfGemeenten } from './regions.server';
import { entriesVersion } from '~/db/data-version.server';
import { relationsVersion } from '~/matching/relations.server';

/**
 * The figures of a region page. Every figure is one aggregate query over the region's entries
 * (entry_region_refs seeked by its `ref` index), grouped by kind, topic or domain, not a query per
 * topic: the whole page is about ten statements whatever the number of topics and domains. The
 * national figures are the same queries without the region and are kept per data version.
 */

type Dates = { today: string; staleBefore: string; fundingUntil: string };

function datesOf(now: Date): Dates {
  return { today: isoDate(now), staleBefore: staleBefore(now), fundingUntil: isoDate(now, FUNDING_ENDS_WITHIN_MONTHS) };
}

/**
 * The published entries a figure counts, with `e` as their alias: those working in the region
 * (any coverage gemeente in it), or all of them without a region.
 */
function publishedIn(ref: string | null): RawBuilder<unknown> {
  return ref === null
    ? sql`entries e where e.status = 'published'`
    : sql`entry_region_refs r cross join entries e where e.id = r.entry_id and r.ref = ${ref} and e.status = 'published'`;
}

type FigureRow = { kind: EntryKind; n: number; partnered: number; stale: number; ending: number };

async function keyFigures(db: DB, ref: string | null, dates: Dates): Promise<KeyFigures> {
  // Verification and funding dates are stored as ISO dates or timestamps: a string comparison orders both.
  const { rows } = await sql<FigureRow>`select e.kind as kind, count(*) as n,
      sum(case when e.kind = 'initiatief' and ${hasFormalPartner('e.id')} then 1 else 0 end) as partnered,
      sum(case when e.last_verified_at is null or e.last_verified_at < ${dates.staleBefore} then 1 else 0 end) as stale,
      sum(case when e.funding_ends_on >= ${dates.today} and e.funding_ends_on <= ${dates.fundingUntil} then 1 else 0 end) as ending
    from ${publishedIn(ref)}
    group by e.kind`.execute(db);
  const figures: KeyFigures = {
    coalities: 0,
    initiatieven: 0,
    partnerships: 0,
    partneredInitiatieven: 0,
    stale: 0,
    fundingEnding: 0,
    followUps: { ja: 0, 'nog-bezig': 0, nee: 0 },
  };
  for (const row of rows) {
    if (row.kind === 'coalitie') figures.coalities = Number(row.n);
    else figures.initiatieven = Number(row.n);
    figures.partneredInitiatieven += Number(row.partnered);
    figures.stale += Number(row.stale);
    figures.fundingEnding += Number(row.ending);
  }
  figures.partnerships = await partnershipCount(db, ref);
  for (const { answer, n } of await followUpAnswers(db, ref)) figures.followUps[answer] = Number(n);
  return figures;
}

/** Partnerships between two published entries, in a region when at least one side works there. */
function partnershipsIn(ref: string | null): RawBuilder<unknown> {
  const inRegion =
    ref === null
      ? sql``
      : sql`and (exists (select 1 from entry_region_refs r where r.entry_id = s.entry_low_id and r.ref = ${ref})
          or exists (select 1 from entry_region_refs r where r.entry_id = s.entry_high_id and r.ref = ${ref}))`;
  return sql`partnerships s cross join entries a cross join entries b
    where a.id = s.entry_low_id and a.status = 'published' and b.id = s.entry_high_id and b.status = 'published' ${inRegion}`;
}

async function partnershipCount(db: DB, ref: string | null): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${partnershipsIn(ref)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The follow-up answers given for the partnerships of `partnershipsIn(ref)`, per answer. */
async function followUpAnswers(db: DB, ref: string | null): Promise<Array<{ answer: FollowUpAnswerCode; n: number }>> {
  const { rows } = await sql<{ answer: FollowUpAnswerCode; n: number }>`select f.answer as answer, count(*) as n
    from partnership_followups f cross join ${partnershipsIn(ref)} and f.partnership_id = s.id and f.answer is not null
    group by f.answer`.execute(db);
  return rows;
}

async function partnershipLines(db: DB, ref: string): Promise<PartnershipLine[]> {
  type Row = { id: number } & Record<`${'a' | 'b'}_${'slug' | 'name' | 'kind' | 'place' | 'lat' | 'lng'}`, string | number>;
  const { rows } = await sql<Row>`select s.id as id,
      a.slug as a_slug, a.name as a_name, a.kind as a_kind, a.place as a_place, a.lat as a_lat, a.lng as a_lng,
      b.slug as b_slug, b.name as b_name, b.kind as b_kind, b.place as b_place, b.lat as b_lat, b.lng as b_lng
    from ${partnershipsIn(ref)}
    order by s.created_at desc, s.id desc
    limit ${PARTNERSHIPS_SHOWN}`.execute(db);
  const end = (row: Row, side: 'a' | 'b') => ({
    slug: String(row[`${side}_slug`]),
    name: String(row[`${side}_name`]),
    kind: row[`${side}_kind`] as EntryKind,
    place: String(row[`${side}_place`]),
    lat: Number(row[`${side}_lat`]),
    lng: Number(row[`${side}_lng`]),
  });
  return rows.map((row) => ({ id: Number(row.id), a: end(row, 'a'), b: end(row, 'b') }));
}

/** Per topic and kind: how many published entries work on it. */
async function topicCounts(db: DB, ref: string | null): Promise<Map<TopicCode, { formal: number; informal: number }>> {
  const counts = new Map<TopicCode, { formal: number; informal: number }>();
  const joined = await sql<{ topic: TopicCode; kind: EntryKind; n: number }>`select t.topic_code as topic, e.kind as kind, count(*) as n
    from ${ref === null ? sql`entries e` : sql`entry_region_refs r cross join entries e`}
    cross join entry_topics t
    where t.entry_id = e.id and e.status = 'published' ${ref === null ? sql`` : sql`and e.id = r.entry_id and r.ref = ${ref}`}
    group by t.topic_code, e.kind`.execute(db);
  for (const row of joined.rows) {
    const cell = counts.get(row.topic) ?? { formal: 0, informal: 0 };
    if (row.kind === 'coalitie') cell.formal = Number(row.n);
    else cell.informal = Number(row.n);
    counts.set(row.topic, cell);
  }
  return counts;
}

/** Per partner domain: how many published coalities have at least one partner from it. */
async function domainCounts(db: DB, ref: string | null): Promise<Map<PartnerDomainCode, number>> {
  const { rows } = await sql<{ domain: PartnerDomainCode; n: number }>`select p.domain as domain, count(distinct p.entry_id) as n
    from ${ref === null ? sql`entries e` : sql`entry_region_refs r cross join entries e`}
    cross join entry_partners p
    where p.entry_id = e.id and e.status = 'published' and e.kind = 'coalitie' ${ref === null ? sql`` : sql`and e.id = r.entry_id and r.ref = ${ref}`}
    group by p.domain`.execute(db);
  return new Map(rows.map((row) => [row.domain, Number(row.n)]));
}

type National = { figures: KeyFigures; domains: Map<PartnerDomainCode, number> };

/**
 * A data version: the entries, the recorded partnerships and dismissals (they change the figures and
 * the best proposals), the follow-up answers and the day (the stale and funding cut-offs move with it).
 */
async function dataVersion(db: DB, today: string): Promise<string> {
  const answers = await db
    .selectFrom('partnership_followups')
    .select((eb) => [eb.fn.count<number>('answer').as('count'), eb.fn.max('answered_at').as('latest')])
    .executeTakeFirstOrThrow();
  return `${today}|${await entriesVersion(db)}|${await relationsVersion(db)}|${answers.count}.${answers.latest ?? ''}`;
}

/**
 * Figures per database handle, data version and region (`national` for the country), kept as
 * promises so concurrent requests share one computation. The national figures cost a pass over
 * every entry and a provincie's about a tenth of it; a page is read far more often than the data
 * changes, and any write starts a new version. A failed computation is not kept.
 */
const figureCache = new WeakMap<DB, LRUCache<string, Promise<unknown>>>();

function cached<T>(db: DB, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = figureCache.get(db);
  if (!cache) figureCache.set(db, (cache = new LRUCache<string, Promise<unknown>>({ max: 200 })));
  const hit = cache.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const pending = compute();
  cache.set(key, pending);
  pending.catch(() => {
    if (cache.get(key) === pending) cache.delete(key);
  });
  return pending;
}

const nationalFigures = (db: DB, dates: Dates, version: string): Promise<National> =>
  cached(db, `${version}|national`, async () => {
    const [figures, domains] = await Promise.all([keyFigures(db, null, dates), domainCounts(db, null)]);
    return { figures, domains };
  });

/** How a region (not a gemeente) overlaps the regions of every other layer, in shared gemeenten. */
async function overlapsOf(db: DB, layer: RegionLayer, code: string, ownTotal: number): Promise<Overlap[]> {
  const { rows } = await sql<{ layer: RegionLayer; code: string; name: string; shared: number; total: number }>`
    select o.layer as layer, o.region_code as code, g.name as name, count(*) as shared,
      (select count(*) from municipality_regions t where t.layer = o.layer and t.region_code = o.region_code) as total
    from municipality_regions m
    join municipality_regions o on o.gemeente_code = m.gemeente_code and o.layer <> m.layer
    join regions g on g.layer = o.layer and g.code = o.region_code
    where m.layer = ${layer} and m.region_code = ${code}
    group by o.layer, o.region_code, g.name`.execute(db);
  return rows
    .map((row) => {
      const shared = Number(row.shared);
      const total = Number(row.total);
      return { layer: row.layer, code: row.code, name: row.name, shared, total, relation: overlapRelation(shared, ownTotal, total) };
    })
    .sort((a, b) => b.shared - a.shared || a.name.localeCompare(b.name, 'nl'));
}

/** The regions a gemeente lies in, in the order of the layers. */
async function membershipsOf(db: DB, code: string): Promise<RegionMembership[]> {
  const regions = (await regionsOfGemeenten(db, [code])).get(code) ?? [];
  const order = (layer: RegionLayer) => REGION_LAYER_CODES.indexOf(layer);
  return regions.filter((r) => r.layer !== 'gemeente').sort((a, b) => order(a.layer) - order(b.layer));
}

async function gemeentenOf(db: DB, layer: RegionLayer, code: string): Promise<Array<{ code: string; name: string }>> {
  if (layer === 'gemeente') {
    return db.selectFrom('municipalities').select(['code', 'name']).where('code', '=', code).execute();
  }
  const rows = await db
    .selectFrom('municipality_regions as mr')
    .innerJoin('municipalities as m', 'm.code', 'mr.gemeente_code')
    .select(['m.code', 'm.name'])
    .where('mr.layer', '=', layer)
    .where('mr.region_code', '=', code)
    .execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** The first initiatieven without a formal partner, by name, each with its best proposal. */
async function withoutPartner(db: DB, search: Meilisearch | null, ref: string): Promise<Omit<RegionPageData['withoutPartner'], 'total'>> {
  const rows = await db
    .selectFrom('entry_region_refs as r')
    .innerJoin('entries as e', 'e.id', 'r.entry_id')
    .select(['e.slug', 'e.name', 'e.place'])
    .where('r.ref', '=', ref)
    .where('e.status', '=', 'published')
    .where('e.kind', '=', 'initiatief')
    .where((eb) => eb.not(hasFormalPartner('e.id')))
    .orderBy('e.name')
    .orderBy('e.slug')
    .limit(WITHOUT_PARTNER_SHOWN)
    .execute();
  let degraded = false;
  // In parallel: each is a Meilisearch retrieval (or the SQLite fallback) of its own.
  const items = await Promise.all(
    rows.map(async (row) => {
      const result = await proposeMatches(db, search, row.slug, { limit: 1 }).catch((error: unknown) => {
        console.warn(`region page: no proposal for ${row.slug}:`, errorMessage(error));
        return null;
      });
      if (result?.status === 'found' && result.degraded) degraded = true;
      const best = result?.status === 'found' ? result.proposals[0] : undefined;
      return { ...row, proposal: best ? toProposalView(best) : null };
    }),
  );
  return { items, degraded };
}

/** The figures of a region page, next to the national ones. */
export type RegionFigures = Pick<RegionPageData, 'figures' | 'matrix' | 'domains' | 'asOf'>;

/** The key figures, the agenda matrix and the partner-domain mix of the region `ref` (`layer:code`) and of the country. */
export async function regionFigures(db: DB, ref: string, now: Date): Promise<RegionFigures> {
  const dates = datesOf(now);
  const version = await dataVersion(db, dates.today);
  return cached(db, `${version}|${ref}`, async () => {
    const [figures, national, topics, domains] = await Promise.all([
      keyFigures(db, ref, dates),
      nationalFigures(db, dates, version),
      topicCounts(db, ref),
      domainCounts(db, ref),
    ]);
    return {
      figures: { region: figures, national: national.figures },
      matrix: TOPIC_CODES.map((topic) => {
        const { formal, informal } = topics.get(topic) ?? { formal: 0, informal: 0 };
        return { topic, formal, informal, status: matrixStatus(formal, informal) };
      }),
      domains: {
        rows: PARTNER_DOMAIN_CODES.map((domain) => ({
          domain,
          region: domains.get(domain) ?? 0,
          national: national.domains.get(domain) ?? 0,
        })),
        coalities: { region: figures.coalities, national: national.figures.coalities },
      },
      asOf: dates.today,
    };
  });
}

/** Drops every kept figure and proposal of this database handle: the benchmark times the work itself this way. */
export function forgetRegionFigures(db: DB): void {
  figureCache.delete(db);
}

export type RegionPageDeps = { db: DB; search: Meilisearch | null; now?: Date };

/** Everything a region page shows, or null when the region does not exist in the loaded geodata. */
export async function regionPage(
  { db, search, now = new Date() }: RegionPageDeps,
  layer: RegionLayer,
  code: string,
): Promise<RegionPageData | null> {
  const region = await db
    .selectFrom('regions')
    .select(['layer', 'code', 'name'])
    .where('layer', '=', layer)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!region) return null;
  const ref = formatRegionRef(layer, code);
  const version = await dataVersion(db, datesOf(now).today);
  const gemeenten = await gemeentenOf(db, layer, code);
  const [memberships, overlaps, figures, lines, listed] = await Promise.all([
    layer === 'gemeente' ? membershipsOf(db, code) : [],
    layer === 'gemeente' ? [] : overlapsOf(db, layer, code, gemeenten.length),
    regionFigures(db, ref, now),
    partnershipLines(db, ref),
    // Proposals are the slowest part (a retrieval each): kept per data version like the figures.
    cached(db, `${version}|${ref}|without-partner`, () => withoutPartner(db, search, ref)).then((listed) => {
      // Proposals from the fallback are not kept: the next page asks Meilisearch again.
      if (listed.degraded) figureCache.get(db)?.delete(`${version}|${ref}|without-partner`);
      return listed;
    }),
  ]);
  const { region: counts } = figures.figures;
  return {
    region: { layer, code, name: region.name },
    gemeenten,
    memberships,
    overlaps,
    ...figures,
    withoutPartner: { ...listed, total: counts.initiatieven - counts.partneredInitiatieven },
    partnerships: { total: counts.partnerships, lines },
  };
}
