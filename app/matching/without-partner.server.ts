import type { DB } from '~/db/db.server';
import { hasFormalPartner } from '~/entries/formal-partner.server';
import type { RegionLayer } from '~/regions/region-layers';
import { SUPPORT_TYPE_CODES, THEME_CODES, themeOfTopic, TOPIC_CODES } from '~/taxonomy/taxonomy';
import { loadProfiles } from './matching.server';
import { exclusionOf, matchContext, MATCH_WEIGHTS, scorePair, SHARED_REGION_LAYERS, type MatchContext, type MatchProfile } from './score';
import {
  WITHOUT_PARTNER_MIN_SCORE,
  WITHOUT_PARTNER_PAGE_SIZE,
  type WithoutPartnerCount,
  type WithoutPartnerInitiative,
  type WithoutPartnerView,
} from './without-partner';

/**
 * Which published initiatieven have neither a formal partner nor a proposal of at least
 * WITHOUT_PARTNER_MIN_SCORE. Asking the matcher once per initiative would be 45,000 retrievals at
 * 50,000 entries; instead one pass over the profiles in memory answers "is there any coalitie at
 * or above the threshold?" for every initiative, with a cheap upper bound per pair (bit masks and a
 * region index) so the exact scorer runs only where the bound reaches the threshold, and stops at
 * the first hit. The answer is kept per data version (entry count and latest update).
 */

type Bits = { topics: number; themes: number; needs: number; offers: number };

const bitOf = <T extends string>(codes: readonly T[]) => new Map(codes.map((code, i) => [code, 1 << i]));
const TOPIC_BITS = bitOf(TOPIC_CODES);
const THEME_BITS = bitOf(THEME_CODES);
const SUPPORT_BITS = bitOf(SUPPORT_TYPE_CODES);
const mask = <T extends string>(bits: Map<T, number>, codes: readonly T[]) => codes.reduce((m, code) => m | (bits.get(code) ?? 0), 0);

function bitsOf(profile: MatchProfile): Bits {
  return {
    topics: mask(TOPIC_BITS, profile.topics),
    themes: mask(THEME_BITS, profile.topics.map(themeOfTopic)),
    needs: mask(SUPPORT_BITS, profile.needs),
    offers: mask(SUPPORT_BITS, profile.offers),
  };
}

function popcount(n: number): number {
  let count = 0;
  for (let v = n; v; v &= v - 1) count++;
  return count;
}

const LEVELS = MATCH_WEIGHTS.geographyLevels;
/** The geography score a shared region of each layer can give at most (a shared gemeente: the whole werkgebied). */
const REF_BOUND: Record<string, number> = {
  gemeente: LEVELS.werkgebied,
  ...Object.fromEntries(SHARED_REGION_LAYERS.map((l) => [l, LEVELS[l]])),
};

/** Every `layer:code` an entry works in, the gemeenten included. */
const refsOf = (profile: MatchProfile) => [...profile.gemeenten.map((code) => `gemeente:${code}`), ...profile.regions];

/**
 * An upper bound of the pair's score: topics 1 with a shared topic, the same-theme credit with only
 * a shared theme, else 0; geography the closest shared layer's value (or the distance score at 0 km);
 * needs ↔ offers exact. No spread: the page, like the detail page, uses no introductions yet.
 */
function pairBound(i: Bits, c: Bits, geography: number): number {
  const topics = i.topics & c.topics ? 1 : i.themes & c.themes ? MATCH_WEIGHTS.sameThemeCredit : 0;
  const stated = popcount(i.needs) + popcount(c.needs);
  const met = popcount(i.needs & c.offers) + popcount(c.needs & i.offers);
  const needs = stated === 0 ? 0 : met / stated;
  // A hair of headroom against rounding, as in classUpperBound.
  return MATCH_WEIGHTS.topics * topics + MATCH_WEIGHTS.geography * geography + MATCH_WEIGHTS.complementarity * needs + 1e-9;
}

/** Whether any coalitie reaches the threshold for `initiative`; `geo` is scratch space of one slot per coalitie. */
function hasProposalAbove(
  initiative: MatchProfile,
  coalities: MatchProfile[],
  coalitieBits: Bits[],
  regionIndex: Map<string, number[]>,
  geo: Float64Array,
  context: MatchContext,
): boolean {
  const bits = bitsOf(initiative);
  const touched: number[] = [];
  for (const ref of refsOf(initiative)) {
    const bound = REF_BOUND[ref.slice(0, ref.indexOf(':'))] ?? 0;
    for (const c of regionIndex.get(ref) ?? []) {
      if (geo[c] === 0) touched.push(c);
      if (bound > geo[c]!) geo[c] = bound;
    }
  }
  const reaches = (c: number) => {
    if (pairBound(bits, coalitieBits[c]!, geo[c] || LEVELS.distance) < WITHOUT_PARTNER_MIN_SCORE) return false;
    const coalitie = coalities[c]!;
    return !exclusionOf(initiative, coalitie, context) && scorePair(initiative, coalitie, context).score >= WITHOUT_PARTNER_MIN_SCORE;
  };
  // Coalities sharing a region first, closest first: where a hit usually is.
  touched.sort((a, b) => geo[b]! - geo[a]!);
  let found = touched.some(reaches);
  if (!found) {
    for (let c = 0; c < coalities.length && !found; c++) if (geo[c] === 0) found = reaches(c);
  }
  for (const c of touched) geo[c] = 0;
  return found;
}

/** Every published initiatief with where it works and whether it needs a verbinder, sorted by name. */
type Snapshot = Array<WithoutPartnerInitiative & { refs: Set<string>; withoutPartner: boolean }>;

async function computeSnapshot(db: DB): Promise<Snapshot> {
  const [initiatives, coalities, formal, rows] = await Promise.all([
    loadProfiles(db, { kind: 'initiatief' }),
    loadProfiles(db, { kind: 'coalitie' }),
    db
      .selectFrom('entries as e')
      .select('e.id')
      .where('e.kind', '=', 'initiatief')
      .where('e.status', '=', 'published')
      .where(hasFormalPartner('e.id'))
      .execute(),
    db.selectFrom('entries').select(['id', 'slug', 'place']).where('kind', '=', 'initiatief').where('status', '=', 'published').execute(),
  ]);
  const partnered = new Set(formal.map((row) => String(row.id)));
  const rowsById = new Map(rows.map((row) => [String(row.id), row]));
  const coalitieBits = coalities.map(bitsOf);
  const regionIndex = new Map<string, number[]>();
  coalities.forEach((coalitie, c) => {
    for (const ref of refsOf(coalitie)) {
      const list = regionIndex.get(ref);
      if (list) list.push(c);
      else regionIndex.set(ref, [c]);
    }
  });
  const geo = new Float64Array(coalities.length);
  const context = matchContext();
  const snapshot: Snapshot = [];
  for (const initiative of initiatives) {
    const row = rowsById.get(initiative.id);
    if (!row) continue;
    const withoutPartner =
      !partnered.has(initiative.id) && !hasProposalAbove(initiative, coalities, coalitieBits, regionIndex, geo, context);
    snapshot.push({
      slug: row.slug,
      name: initiative.name,
      place: row.place,
      topics: initiative.topics,
      needs: initiative.needs,
      refs: new Set(refsOf(initiative)),
      withoutPartner,
    });
  }
  const collator = new Intl.Collator('nl');
  return snapshot.sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
}

/** Per database handle: the snapshot and the data version it was computed for, as a promise so concurrent requests share one pass. */
const snapshots = new WeakMap<DB, { version: string; snapshot: Promise<Snapshot> }>();

async function dataVersion(db: DB): Promise<string> {
  const row = await db
    .selectFrom('entries')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirstOrThrow();
  return `${row.count}|${row.latest ?? ''}`;
}

async function snapshotOf(db: DB): Promise<Snapshot> {
  const version = await dataVersion(db);
  const cached = snapshots.get(db);
  if (cached?.version === version) return cached.snapshot;
  const snapshot = computeSnapshot(db);
  snapshots.set(db, { version, snapshot });
  // A failed pass is not kept: the next request tries again.
  snapshot.catch(() => {
    if (snapshots.get(db)?.snapshot === snapshot) snapshots.delete(db);
  });
  return snapshot;
}

export type WithoutPartnerQuery = {
  /** `layer:code` to look in, or null for the whole country. */
  region: string | null;
  /** The layer to count per. */
  per: RegionLayer;
  page: number;
  /** Region names by `layer:code`, from the region catalog. */
  regionName: (ref: string) => string;
};

/** The initiatieven zonder partner in a region (or the country), counted per region of `per`, one page of them listed. */
export async function initiativesWithoutPartner(db: DB, query: WithoutPartnerQuery): Promise<WithoutPartnerView> {
  const snapshot = await snapshotOf(db);
  const selection = query.region ? snapshot.filter((entry) => entry.refs.has(query.region!)) : snapshot;
  const listed = selection.filter((entry) => entry.withoutPartner);
  const perRegion = new Map<string, { count: number; initiatives: number }>();
  const prefix = `${query.per}:`;
  for (const entry of selection) {
    for (const ref of entry.refs) {
      if (!ref.startsWith(prefix)) continue;
      const tally = perRegion.get(ref) ?? { count: 0, initiatives: 0 };
      tally.initiatives++;
      if (entry.withoutPartner) tally.count++;
      perRegion.set(ref, tally);
    }
  }
  const counts: WithoutPartnerCount[] = [...perRegion]
    .filter(([, tally]) => tally.count > 0)
    .map(([ref, tally]) => ({ ref, name: query.regionName(ref), ...tally }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'nl'));
  const totalPages = Math.max(1, Math.ceil(listed.length / WITHOUT_PARTNER_PAGE_SIZE));
  const page = Math.min(query.page, totalPages);
  const items = listed
    .slice((page - 1) * WITHOUT_PARTNER_PAGE_SIZE, page * WITHOUT_PARTNER_PAGE_SIZE)
    .map(({ slug, name, place, topics, needs }) => ({ slug, name, place, topics, needs }));
  return { total: listed.length, initiatives: selection.length, counts, items, page, totalPages };
}
