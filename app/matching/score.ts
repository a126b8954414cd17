import { themeOfTopic, type EntryKind, type SupportTypeCode, type TopicCode } from '~/taxonomy/taxonomy';

/**
 * The matchmaking score of one initiatief–coalitie pair: pure functions over plain data, shared
 * by the API (app/matching/matching.server.ts), the offline CLI (scripts/match.ts) and the tests.
 * docs/matching.md explains the formula with worked examples; every weight lives in MATCH_WEIGHTS.
 */

/** Every tunable number of the matcher, in one place (docs/matching.md quotes them). */
export const MATCH_WEIGHTS = {
  /** The three components add up to the base score; their weights sum to 1. */
  topics: 0.35,
  geography: 0.45,
  complementarity: 0.2,
  /** Topic credit for a topic the other side lacks but with one of its topics in the same theme. */
  sameThemeCredit: 0.5,
  /** How much of the topic score is the initiative's agenda covered (the rest: the coalitie's agenda covered). */
  initiativeTopicShare: 0.7,
  /** Geography by the closest relation; below a shared provincie only the distance counts. */
  geographyLevels: {
    werkgebied: 1,
    gemeente: 0.85,
    zorgkantoor: 0.7,
    ggd: 0.6,
    corop: 0.5,
    provincie: 0.4,
    /** Distance score at 0 km, falling off as exp(-km / distanceScaleKm). */
    distance: 0.3,
  },
  distanceScaleKm: 25,
  /** Spread: a coalitie's score is lowered by at most this share, approached as its open introductions grow. */
  spreadMax: 0.1,
  spreadScale: 10,
  /** Pairs below this score are not proposed. */
  minimumScore: 0.25,
} as const;

/** Labels in words, from the highest lower bound down. */
export const MATCH_LABELS = [
  { min: 0.7, label: 'sterke match' },
  { min: 0.5, label: 'goede match' },
  { min: 0.35, label: 'mogelijke match' },
  { min: 0, label: 'zwakke match' },
] as const;

export type MatchLabel = (typeof MATCH_LABELS)[number]['label'];

export function matchLabel(score: number): MatchLabel {
  return MATCH_LABELS.find((entry) => score >= entry.min)!.label;
}

/** Region layers above the gemeente, closest relation first: the order in which they count. */
export const SHARED_REGION_LAYERS = ['zorgkantoor', 'ggd', 'corop', 'provincie'] as const;
export type SharedRegionLayer = (typeof SHARED_REGION_LAYERS)[number];

/** How two werkgebieden relate, closest first; `afstand` when they share no region at all. */
export type GeoRelation = 'werkgebied' | 'gemeente' | SharedRegionLayer | 'afstand';

/** What the matcher knows of an entry: only facts the entry states (plus the regions its gemeenten lie in). */
export type MatchProfile = {
  id: string;
  kind: EntryKind;
  name: string;
  published: boolean;
  topics: TopicCode[];
  needs: SupportTypeCode[];
  offers: SupportTypeCode[];
  /** The werkgebied: CBS gemeente codes. */
  gemeenten: string[];
  /** `layer:code` of every zorgkantoor-, GGD-, COROP-regio and provincie a gemeente of the werkgebied lies in. */
  regions: string[];
  location: { lat: number; lng: number };
  /** Partners as the entry names them; one that is another entry's name marks an existing partnership. */
  partnerNames: string[];
};

/** Facts about pairs that come from outside the entries: recorded partnerships, dismissals, open introductions. */
export type MatchRelations = {
  partnerships?: ReadonlyArray<readonly [string, string]>;
  dismissals?: ReadonlyArray<readonly [string, string]>;
  /** Open introductions per entry id (requests not yet accepted or declined). */
  openIntroductions?: Readonly<Record<string, number>>;
};

export type NeedOfferPair = { need: SupportTypeCode; seeker: 'initiatief' | 'coalitie' };

/** The score of a pair with everything that went into it: the source of the reasons and gaps. */
export type PairScore = {
  score: number;
  base: number;
  components: { topics: number; geography: number; complementarity: number; spreadPenalty: number };
  topics: { shared: TopicCode[]; related: Array<{ initiatief: TopicCode; coalitie: TopicCode }> };
  geography: { relation: GeoRelation; gemeenten: string[]; regions: string[]; distanceKm: number };
  complementarity: { met: NeedOfferPair[]; unmet: NeedOfferPair[] };
};

export type Exclusion = 'niet-gepubliceerd' | 'zelfde-soort' | 'zelfde-vermelding' | 'partners' | 'afgewezen';

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Relations as sets for fast look-ups; build once per request or world. */
export type MatchContext = {
  partnerships: Set<string>;
  dismissals: Set<string>;
  openIntroductions: ReadonlyMap<string, number>;
};

export function matchContext(relations: MatchRelations = {}): MatchContext {
  return {
    partnerships: new Set((relations.partnerships ?? []).map(([a, b]) => pairKey(a, b))),
    dismissals: new Set((relations.dismissals ?? []).map(([a, b]) => pairKey(a, b))),
    openIntroductions: new Map(Object.entries(relations.openIntroductions ?? {})),
  };
}

/** A name compared without case, accents and punctuation: "Zorgcoöperatie  Gemert" = "zorgcooperatie gemert". */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** What scoring looks up in a profile, as sets, computed once per profile object rather than once per pair. */
type ProfileFacts = {
  name: string;
  partners: Set<string>;
  topics: Set<TopicCode>;
  themes: Set<string>;
  gemeenten: Set<string>;
  regions: Set<string>;
  regionsByLayer: Record<SharedRegionLayer, string[]>;
  offers: Set<SupportTypeCode>;
};

/** Profiles are plain data that is not changed after it is built, so the facts can be kept with the object. */
const profileFacts = new WeakMap<MatchProfile, ProfileFacts>();

function factsOf(profile: MatchProfile): ProfileFacts {
  let facts = profileFacts.get(profile);
  if (!facts) {
    facts = {
      name: normalizeName(profile.name),
      partners: new Set(profile.partnerNames.map(normalizeName)),
      topics: new Set(profile.topics),
      themes: new Set(profile.topics.map(themeOfTopic)),
      gemeenten: new Set(profile.gemeenten),
      regions: new Set(profile.regions),
      regionsByLayer: Object.fromEntries(
        SHARED_REGION_LAYERS.map((layer) => [layer, profile.regions.filter((ref) => ref.startsWith(`${layer}:`))]),
      ) as Record<SharedRegionLayer, string[]>,
      offers: new Set(profile.offers),
    };
    profileFacts.set(profile, facts);
  }
  return facts;
}

function namesEachOther(a: MatchProfile, b: MatchProfile): boolean {
  if (a.partnerNames.length === 0 && b.partnerNames.length === 0) return false;
  const factsA = factsOf(a);
  const factsB = factsOf(b);
  return factsA.partners.has(factsB.name) || factsB.partners.has(factsA.name);
}

/** Why a pair may never be proposed, or null when it may. */
export function exclusionOf(a: MatchProfile, b: MatchProfile, context: MatchContext): Exclusion | null {
  if (a.id === b.id) return 'zelfde-vermelding';
  if (!a.published || !b.published) return 'niet-gepubliceerd';
  if (a.kind === b.kind) return 'zelfde-soort';
  if (context.partnerships.has(pairKey(a.id, b.id)) || namesEachOther(a, b)) return 'partners';
  if (context.dismissals.has(pairKey(a.id, b.id))) return 'afgewezen';
  return null;
}

/** Great-circle distance in km (mean Earth radius, as Meilisearch's _geoRadius). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function distanceScore(km: number): number {
  return MATCH_WEIGHTS.geographyLevels.distance * Math.exp(-km / MATCH_WEIGHTS.distanceScaleKm);
}

/** Share of `own` topics the other side covers: 1 per shared topic, `sameThemeCredit` per topic with a theme in common. */
function topicCoverage(own: TopicCode[], other: ReadonlySet<TopicCode>, otherThemes: ReadonlySet<string>): number {
  if (own.length === 0) return 0;
  let credit = 0;
  for (const topic of own) {
    if (other.has(topic)) credit += 1;
    else if (otherThemes.has(themeOfTopic(topic))) credit += MATCH_WEIGHTS.sameThemeCredit;
  }
  return credit / own.length;
}

function topicValue(initiatief: MatchProfile, coalitie: MatchProfile): number {
  const i = factsOf(initiatief);
  const c = factsOf(coalitie);
  const share = MATCH_WEIGHTS.initiativeTopicShare;
  return share * topicCoverage(initiatief.topics, c.topics, c.themes) + (1 - share) * topicCoverage(coalitie.topics, i.topics, i.themes);
}

function scoreTopics(initiatief: MatchProfile, coalitie: MatchProfile) {
  const iTopics = factsOf(initiatief).topics;
  const cTopics = factsOf(coalitie).topics;
  const value = topicValue(initiatief, coalitie);
  const shared = initiatief.topics.filter((t) => cTopics.has(t));
  const related = initiatief.topics
    .filter((t) => !cTopics.has(t))
    .flatMap((t) =>
      coalitie.topics.filter((c) => !iTopics.has(c) && themeOfTopic(c) === themeOfTopic(t)).map((c) => ({ initiatief: t, coalitie: c })),
    );
  return { value, shared, related };
}

/** The geography component alone, for the `distance` between the two locations. */
function geographyValue(initiatief: MatchProfile, coalitie: MatchProfile, distance: number): number {
  const weights = MATCH_WEIGHTS.geographyLevels;
  const c = factsOf(coalitie);
  let shared = 0;
  for (const gemeente of initiatief.gemeenten) if (c.gemeenten.has(gemeente)) shared++;
  if (shared > 0) return shared === initiatief.gemeenten.length ? weights.werkgebied : weights.gemeente;
  const byLayer = factsOf(initiatief).regionsByLayer;
  for (const layer of SHARED_REGION_LAYERS) {
    for (const ref of byLayer[layer]) if (c.regions.has(ref)) return weights[layer];
  }
  return distanceScore(distance);
}

function scoreGeography(initiatief: MatchProfile, coalitie: MatchProfile): PairScore['geography'] & { value: number } {
  const distance = distanceKm(initiatief.location, coalitie.location);
  const value = geographyValue(initiatief, coalitie, distance);
  const werkgebied = factsOf(coalitie).gemeenten;
  const shared = initiatief.gemeenten.filter((g) => werkgebied.has(g));
  if (shared.length > 0) {
    const relation = shared.length === initiatief.gemeenten.length ? 'werkgebied' : 'gemeente';
    return { relation, value, gemeenten: shared, regions: [], distanceKm: distance };
  }
  const coalitieRegions = factsOf(coalitie).regions;
  for (const layer of SHARED_REGION_LAYERS) {
    const regions = factsOf(initiatief).regionsByLayer[layer].filter((ref) => coalitieRegions.has(ref));
    if (regions.length > 0) return { relation: layer, value, gemeenten: [], regions, distanceKm: distance };
  }
  return { relation: 'afstand', value, gemeenten: [], regions: [], distanceKm: distance };
}

function scoreComplementarity(initiatief: MatchProfile, coalitie: MatchProfile) {
  const met: NeedOfferPair[] = [];
  const unmet: NeedOfferPair[] = [];
  for (const [seeker, giver] of [
    [initiatief, coalitie],
    [coalitie, initiatief],
  ] as const) {
    const offers = factsOf(giver).offers;
    for (const need of seeker.needs) (offers.has(need) ? met : unmet).push({ need, seeker: seeker.kind });
  }
  return { value: complementarityValue(initiatief, coalitie), met, unmet };
}

/** Needs met either way over all stated needs; 0 without needs. */
function complementarityValue(initiatief: MatchProfile, coalitie: MatchProfile): number {
  const stated = initiatief.needs.length + coalitie.needs.length;
  if (stated === 0) return 0;
  let met = 0;
  const coalitieOffers = factsOf(coalitie).offers;
  for (const need of initiatief.needs) if (coalitieOffers.has(need)) met++;
  const initiatiefOffers = factsOf(initiatief).offers;
  for (const need of coalitie.needs) if (initiatiefOffers.has(need)) met++;
  return met / stated;
}

/** The share by which a coalitie with `open` open introductions is lowered: 0 without any, below spreadMax always. */
export function spreadPenalty(open: number): number {
  return open <= 0 ? 0 : MATCH_WEIGHTS.spreadMax * (1 - Math.exp(-open / MATCH_WEIGHTS.spreadScale));
}

/**
 * Scores a pair of one initiatief and one coalitie, in either order: the same pair gets the same
 * score from both sides. Exclusions are checked separately (`exclusionOf`).
 */
export function scorePair(a: MatchProfile, b: MatchProfile, context: MatchContext): PairScore {
  const [initiatief, coalitie] = a.kind === 'initiatief' ? [a, b] : [b, a];
  const topics = scoreTopics(initiatief, coalitie);
  const geography = scoreGeography(initiatief, coalitie);
  const complementarity = scoreComplementarity(initiatief, coalitie);
  const base = baseScore(topics.value, geography.value, complementarity.value);
  const penalty = spreadPenalty(context.openIntroductions.get(coalitie.id) ?? 0);
  return {
    score: base * (1 - penalty),
    base,
    components: { topics: topics.value, geography: geography.value, complementarity: complementarity.value, spreadPenalty: penalty },
    topics: { shared: topics.shared, related: topics.related },
    geography: {
      relation: geography.relation,
      gemeenten: geography.gemeenten,
      regions: geography.regions,
      distanceKm: geography.distanceKm,
    },
    complementarity: { met: complementarity.met, unmet: complementarity.unmet },
  };
}

const baseScore = (topics: number, geography: number, complementarity: number) =>
  MATCH_WEIGHTS.topics * topics + MATCH_WEIGHTS.geography * geography + MATCH_WEIGHTS.complementarity * complementarity;

/**
 * The score and distance of a pair without the details: the same arithmetic as `scorePair`, so the
 * same number to the last bit, but no lists built. Ranking scores every candidate this way and
 * explains only the ones it keeps.
 */
function quickScore(a: MatchProfile, b: MatchProfile, context: MatchContext): { score: number; distanceKm: number } {
  const [initiatief, coalitie] = a.kind === 'initiatief' ? [a, b] : [b, a];
  const distance = distanceKm(initiatief.location, coalitie.location);
  const base = baseScore(
    topicValue(initiatief, coalitie),
    geographyValue(initiatief, coalitie, distance),
    complementarityValue(initiatief, coalitie),
  );
  const penalty = spreadPenalty(context.openIntroductions.get(coalitie.id) ?? 0);
  return { score: base * (1 - penalty), distanceKm: distance };
}

export type RankedCandidate = { candidate: MatchProfile; pair: PairScore };

/** Best first; ties by distance, then name, then id, so every run gives the same order. */
export function compareRanked(x: RankedCandidate, y: RankedCandidate): number {
  return compareScored(
    { candidate: x.candidate, score: x.pair.score, distanceKm: x.pair.geography.distanceKm },
    { candidate: y.candidate, score: y.pair.score, distanceKm: y.pair.geography.distanceKm },
  );
}

type Scored = { candidate: MatchProfile; score: number; distanceKm: number };

function compareScored(x: Scored, y: Scored): number {
  return (
    y.score - x.score ||
    x.distanceKm - y.distanceKm ||
    x.candidate.name.localeCompare(y.candidate.name, 'nl') ||
    (x.candidate.id < y.candidate.id ? -1 : x.candidate.id > y.candidate.id ? 1 : 0)
  );
}

/**
 * The best `limit` proposals for `query` among `candidates`: exclusions removed, pairs below the
 * minimum score left out, best first. Brute force over whatever it is given; retrieval hands it a
 * pre-selected set that provably holds the same top. Every candidate gets a quick score; only the
 * `limit` kept are scored in full with their reasons.
 */
export function rankCandidates(
  query: MatchProfile,
  candidates: Iterable<MatchProfile>,
  context: MatchContext,
  limit: number,
): RankedCandidate[] {
  if (limit <= 0) return [];
  // The best so far, best first; at most `limit` long, so an insertion is cheap.
  const top: Scored[] = [];
  for (const candidate of candidates) {
    if (exclusionOf(query, candidate, context)) continue;
    const { score, distanceKm } = quickScore(query, candidate, context);
    if (score < MATCH_WEIGHTS.minimumScore) continue;
    const scored = { candidate, score, distanceKm };
    if (top.length === limit && compareScored(scored, top[limit - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareScored(scored, top[at - 1]!) < 0) at--;
    top.splice(at, 0, scored);
    if (top.length > limit) top.pop();
  }
  return top.map(({ candidate }) => ({ candidate, pair: scorePair(query, candidate, context) }));
}

/**
 * What a retrieval query knows about the candidates of one class, from filters alone:
 * - topics: shares every topic of the query (`all`), some but not all (`some`), only a theme (`theme`), nothing;
 * - geography: the closest shared region level, else within the near radius (`near`) or beyond it (`far`);
 * - needs: offers every need of the query (`full`; with a query without needs: meets a need of the
 *   candidate), meets a need either way but not every need of the query (`partial`), or neither.
 */
export type CandidateClass = {
  topics: 'all' | 'some' | 'theme' | 'none';
  geography: Exclude<GeoRelation, 'werkgebied' | 'afstand'> | 'near' | 'far';
  needs: 'full' | 'partial' | 'none';
};

type QueryFacts = Pick<MatchProfile, 'kind' | 'topics' | 'needs' | 'offers'>;

/**
 * The highest score any candidate of a class can reach for `query` (before the query coalitie's own
 * spread penalty); `farKm` is the radius beyond which `far` candidates lie. Retrieval skips a class
 * whose bound is below the score it already has at rank `limit`. docs/matching.md derives each part.
 */
export function classUpperBound(query: QueryFacts, cls: CandidateClass, farKm: number): number {
  const theme = MATCH_WEIGHTS.sameThemeCredit;
  const share = MATCH_WEIGHTS.initiativeTopicShare;
  // Not every topic shared: at least one of the query's topics earns at most the same-theme credit.
  const partial = query.topics.length === 0 ? 0 : 1 - (1 - theme) / query.topics.length;
  const someTopics = query.kind === 'initiatief' ? share * partial + (1 - share) : share + (1 - share) * partial;
  const topics = { all: 1, some: someTopics, theme, none: 0 }[cls.topics];
  const levels = MATCH_WEIGHTS.geographyLevels;
  const geo =
    cls.geography === 'gemeente'
      ? levels.werkgebied
      : cls.geography === 'near'
        ? levels.distance
        : cls.geography === 'far'
          ? distanceScore(farKm)
          : levels[cls.geography];
  // Not every need of the query met: (needs − 1 + offers) / (needs + offers) at most, whatever the candidate needs.
  const needs = query.needs.length;
  const offers = query.offers.length;
  const complementarity = { full: 1, partial: needs === 0 ? 1 : (needs - 1 + offers) / (needs + offers), none: 0 }[cls.needs];
  // A hair of headroom against rounding, so a bound never falls below a score it should cover.
  return MATCH_WEIGHTS.topics * topics + MATCH_WEIGHTS.geography * geo + MATCH_WEIGHTS.complementarity * complementarity + 1e-9;
}
