import type { DB } from '~/db/db.server';
import { entriesVersion } from '~/db/data-version.server';
import { hasFormalPartner } from '~/entries/formal-partner.server';
import type { RegionLayer } from '~/regions/region-layers';
import { SUPPORT_TYPE_CODES, THEME_CODES, themeOfTopic, TOPIC_CODES } from '~/taxonomy/taxonomy';
import { loadProfiles } from './matching.server';
import { loadMatchRelations, relationsVersion } from './relations.server';
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
 * the first hit. The answer is kept per data version (entry count and latest update); see snapshotOf.
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

/** The layers an initiative and a coalitie can share, closest first, with the geography score each gives at most. */
const SHARED_LEVELS = [['gemeente', LEVELS.werkgebied] as const, ...SHARED_REGION_LAYERS.map((layer) => [layer, LEVELS[layer]] as const)];

/**
 * An upper bound of the score with any coalitie that shares no region, from the union of all
 * coalities' masks: topics as in pairBound, needs ↔ offers 1 when any coalitie could meet a need
 * either way (a ratio of the union's counts would not bound a single coalitie's), the distance
 * score at 0 km.
 */
function boundOverAll(i: Bits, union: Bits): number {
  const topics = i.topics & union.topics ? 1 : i.themes & union.themes ? MATCH_WEIGHTS.sameThemeCredit : 0;
  const needs = i.needs & union.offers || union.needs & i.offers ? 1 : 0;
  return MATCH_WEIGHTS.topics * topics + MATCH_WEIGHTS.geography * LEVELS.distance + MATCH_WEIGHTS.complementarity * needs + 1e-9;
}

/**
 * Whether any coalitie reaches the threshold for `initiative`. Coalities sharing its gemeente come
 * first, then those sharing a zorgkantoor-, GGD-, COROP-regio or provincie, then the rest: the
 * closest relation first is where a hit usually is, and the first hit ends the search. `seen`
 * (one slot per coalitie) marks the ones already looked at with `stamp`, unique per initiative.
 */
function hasProposalAbove(
  initiative: MatchProfile,
  coalities: MatchProfile[],
  coalitieBits: Bits[],
  anyCoalitie: Bits,
  regionIndex: Map<string, number[]>,
  seen: Int32Array,
  stamp: number,
  context: MatchContext,
): boolean {
  const bits = bitsOf(initiative);
  const reaches = (c: number, geography: number) =>
    pairBound(bits, coalitieBits[c]!, geography) >= WITHOUT_PARTNER_MIN_SCORE &&
    !exclusionOf(initiative, coalities[c]!, context) &&
    scorePair(initiative, coalities[c]!, context).score >= WITHOUT_PARTNER_MIN_SCORE;
  const refs = refsOf(initiative);
  for (const [layer, geography] of SHARED_LEVELS) {
    for (const ref of refs) {
      if (!ref.startsWith(`${layer}:`)) continue;
      for (const c of regionIndex.get(ref) ?? []) {
        if (seen[c] === stamp) continue;
        seen[c] = stamp;
        if (reaches(c, geography)) return true;
      }
    }
  }
  // The coalities sharing no region: skipped whole when no coalitie at all could reach the threshold there.
  if (boundOverAll(bits, anyCoalitie) < WITHOUT_PARTNER_MIN_SCORE) return false;
  for (let c = 0; c < coalities.length; c++) if (seen[c] !== stamp && reaches(c, LEVELS.distance)) return true;
  return false;
}

type SnapshotEntry = WithoutPartnerInitiative & { refs: Set<string>; withoutPartner: boolean };

/** A region (or the country) counted per a layer: computed on first use and kept with the snapshot. */
type Selection = { initiatives: number; listed: SnapshotEntry[]; counts: Array<Omit<WithoutPartnerCount, 'name'>> };

/** Every published initiatief with where it works and whether it needs a verbinder, sorted by name. */
type Snapshot = { entries: SnapshotEntry[]; selections: Map<string, Selection> };

/** The pass yields to the event loop this often, so other requests are served while it runs. */
const YIELD_EVERY = 500;

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
  const anyCoalitie = coalitieBits.reduce(
    (union, bits) => ({
      topics: union.topics | bits.topics,
      themes: union.themes | bits.themes,
      needs: union.needs | bits.needs,
      offers: union.offers | bits.offers,
    }),
    { topics: 0, themes: 0, needs: 0, offers: 0 },
  );
  const regionIndex = new Map<string, number[]>();
  coalities.forEach((coalitie, c) => {
    for (const ref of refsOf(coalitie)) {
      const list = regionIndex.get(ref);
      if (list) list.push(c);
      else regionIndex.set(ref, [c]);
    }
  });
  const seen = new Int32Array(coalities.length);
  const context = matchContext(await loadMatchRelations(db));
  const entries: SnapshotEntry[] = [];
  for (const [index, initiative] of initiatives.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const row = rowsById.get(initiative.id);
    if (!row) continue;
    const withoutPartner =
      !partnered.has(initiative.id) &&
      !hasProposalAbove(initiative, coalities, coalitieBits, anyCoalitie, regionIndex, seen, index + 1, context);
    entries.push({
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
  entries.sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  return { entries, selections: new Map() };
}

/**
 * Per database handle: the pass for the latest data version (as a promise, so concurrent requests
 * share it) and the last finished snapshot. While a new pass runs, requests get the last finished
 * one, marked `updating`, instead of waiting seconds at 50,000 entries; only the very first waits.
 */
const passes = new WeakMap<DB, { version: string; pending: Promise<Snapshot> }>();
const finished = new WeakMap<DB, { version: string; snapshot: Snapshot }>();

async function snapshotOf(db: DB): Promise<{ snapshot: Snapshot; updating: boolean }> {
  const version = `${await entriesVersion(db)}|${await relationsVersion(db)}`;
  let pass = passes.get(db);
  if (pass?.version !== version) {
    const pending = computeSnapshot(db);
    pass = { version, pending };
    passes.set(db, pass);
    pending.then(
      (snapshot) => {
        if (passes.get(db)?.pending === pending) finished.set(db, { version, snapshot });
      },
      // A failed pass is not kept: the next request tries again.
      () => {
        if (passes.get(db)?.pending === pending) passes.delete(db);
      },
    );
  }
  const last = finished.get(db);
  if (last) return { snapshot: last.snapshot, updating: last.version !== version };
  return { snapshot: await pass.pending, updating: false };
}

function selectionOf(snapshot: Snapshot, region: string | null, per: RegionLayer): Selection {
  const key = `${region ?? ''}|${per}`;
  const known = snapshot.selections.get(key);
  if (known) return known;
  const entries = region ? snapshot.entries.filter((entry) => entry.refs.has(region)) : snapshot.entries;
  const perRegion = new Map<string, { count: number; initiatives: number }>();
  const prefix = `${per}:`;
  for (const entry of entries) {
    for (const ref of entry.refs) {
      if (!ref.startsWith(prefix)) continue;
      const tally = perRegion.get(ref) ?? { count: 0, initiatives: 0 };
      tally.initiatives++;
      if (entry.withoutPartner) tally.count++;
      perRegion.set(ref, tally);
    }
  }
  const selection: Selection = {
    initiatives: entries.length,
    listed: entries.filter((entry) => entry.withoutPartner),
    counts: [...perRegion].filter(([, tally]) => tally.count > 0).map(([ref, tally]) => ({ ref, ...tally })),
  };
  snapshot.selections.set(key, selection);
  return selection;
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
  const { snapshot, updating } = await snapshotOf(db);
  const { initiatives, listed, counts } = selectionOf(snapshot, query.region, query.per);
  const totalPages = Math.max(1, Math.ceil(listed.length / WITHOUT_PARTNER_PAGE_SIZE));
  const page = Math.min(query.page, totalPages);
  const items = listed
    .slice((page - 1) * WITHOUT_PARTNER_PAGE_SIZE, page * WITHOUT_PARTNER_PAGE_SIZE)
    .map(({ slug, name, place, topics, needs }) => ({ slug, name, place, topics, needs }));
  return {
    total: listed.length,
    initiatives,
    counts: counts
      .map((count) => ({ ...count, name: query.regionName(count.ref) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'nl')),
    items,
    page,
    totalPages,
    updating,
  };
}
