import { labelOf, THEMES, themeOfTopic, TOPICS, type EntryKind, type SupportTypeCode, type TopicCode } from '~/taxonomy/taxonomy';
import type { GeoRelation, PairScore, SharedRegionLayer } from './score';

/**
 * Reasons and gaps of a proposal, as Dutch sentences and as structured data, written from the
 * side of the entry the proposals are for (the viewer). Only stated facts: topics, werkgebied,
 * needs and offers, distance.
 */

/** A need or offer as it reads inside a sentence ("Zoekt vervoer"). */
const SUPPORT_PHRASES: Record<SupportTypeCode, string> = {
  financiering: 'financiering',
  expertise: 'professionele kennis en advies',
  rugdekking: 'juridische en bestuurlijke rugdekking',
  ruimte: 'ruimte of een locatie',
  vrijwilligers: 'vrijwilligers',
  netwerk: 'netwerk en bekendheid',
  scholing: 'scholing en training',
  digitaal: 'digitale ondersteuning',
  zorgprofessionals: 'inzet van zorg- en welzijnsprofessionals',
  vervoer: 'vervoer',
};

export type MatchReasons = {
  topics: {
    shared: Array<{ code: TopicCode; label: string }>;
    related: Array<{ own: TopicCode; partner: TopicCode; theme: string }>;
  };
  region: { relation: GeoRelation; gemeenten: Array<{ code: string; name: string }>; regions: Array<{ ref: string; name: string }> };
  needsMet: Array<{ need: SupportTypeCode; label: string; seeker: 'zelf' | 'partner' }>;
  distanceKm: number;
  sentences: string[];
};

export type MatchGap = { need: SupportTypeCode; label: string; sentence: string };

/** Names of gemeenten (by code) and regions (by `layer:code`); an unknown one shows its code. */
export type RegionNames = (codeOrRef: string) => string;

const partnerPhrase = (kind: EntryKind) => (kind === 'coalitie' ? 'deze coalitie' : 'dit initiatief');
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const topicLabel = (code: TopicCode) => labelOf(TOPICS, code);
const LAYER_PHRASES: Record<SharedRegionLayer, string> = {
  zorgkantoor: 'zorgkantoorregio',
  ggd: 'GGD-regio',
  corop: 'COROP-regio',
  provincie: 'provincie',
};

export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

export function formatKm(km: number): string {
  return km < 10 ? km.toFixed(1).replace('.', ',') : String(Math.round(km));
}

function regionSentence(pair: PairScore, viewer: EntryKind, names: RegionNames): string {
  const { relation, gemeenten, regions, distanceKm } = pair.geography;
  const gemeenteNames = listing(gemeenten.map(names));
  switch (relation) {
    case 'werkgebied':
      return viewer === 'initiatief'
        ? `Het werkgebied van deze coalitie omvat ${gemeenteNames}`
        : `Dit initiatief werkt binnen je werkgebied: ${gemeenteNames}`;
    case 'gemeente':
      return `Beide werken in ${gemeenteNames}`;
    case 'afstand':
      return `Geen gedeelde regio; ${formatKm(distanceKm)} km uit elkaar`;
    default:
      return `Beide in ${listing(regions.map((ref) => `${LAYER_PHRASES[relation]} ${names(ref)}`))}`;
  }
}

export function explainPair(pair: PairScore, viewer: EntryKind, names: RegionNames): { reasons: MatchReasons; gaps: MatchGap[] } {
  const partner = partnerPhrase(viewer === 'initiatief' ? 'coalitie' : 'initiatief');
  const own = (initiatief: TopicCode, coalitie: TopicCode) =>
    viewer === 'initiatief' ? { own: initiatief, partner: coalitie } : { own: coalitie, partner: initiatief };
  const related = pair.topics.related.map(({ initiatief, coalitie }) => ({
    ...own(initiatief, coalitie),
    theme: labelOf(THEMES, themeOfTopic(initiatief)),
  }));
  const sentences: string[] = [];
  if (pair.topics.shared.length) {
    sentences.push(`Beide werken aan ${listing(pair.topics.shared.map((code) => `${code} ${topicLabel(code)}`))}`);
  }
  for (const theme of [...new Set(related.map((r) => r.theme))]) {
    const inTheme = related.filter((r) => r.theme === theme);
    sentences.push(
      `Verwant binnen het thema ${theme}: ${listing([...new Set(inTheme.map((r) => r.own))])} en bij ${partner} ${listing([
        ...new Set(inTheme.map((r) => r.partner)),
      ])}`,
    );
  }
  sentences.push(regionSentence(pair, viewer, names));
  const needsMet = pair.complementarity.met.map(({ need, seeker }) => ({
    need,
    label: SUPPORT_PHRASES[need],
    seeker: seeker === viewer ? ('zelf' as const) : ('partner' as const),
  }));
  for (const met of needsMet) {
    sentences.push(
      met.seeker === 'zelf' ? `Zoekt ${met.label} — ${partner} biedt dat` : `${capitalize(partner)} zoekt ${met.label} — dat kun je bieden`,
    );
  }
  if (pair.geography.relation !== 'afstand') sentences.push(`${formatKm(pair.geography.distanceKm)} km uit elkaar`);
  const gaps = pair.complementarity.unmet
    .filter(({ seeker }) => seeker === viewer)
    .map(({ need }) => ({ need, label: SUPPORT_PHRASES[need], sentence: `Zoekt ${SUPPORT_PHRASES[need]} — ${partner} biedt dat niet` }));
  return {
    reasons: {
      topics: { shared: pair.topics.shared.map((code) => ({ code, label: topicLabel(code) })), related },
      region: {
        relation: pair.geography.relation,
        gemeenten: pair.geography.gemeenten.map((code) => ({ code, name: names(code) })),
        regions: pair.geography.regions.map((ref) => ({ ref, name: names(ref) })),
      },
      needsMet,
      distanceKm: Math.round(pair.geography.distanceKm * 10) / 10,
      sentences,
    },
    gaps,
  };
}
