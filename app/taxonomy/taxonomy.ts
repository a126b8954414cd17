/**
 * The transformation agenda of "Ouder Worden 2040" (seed 002, figure 2), the
 * partner domains (table 1) and the shared needs/offers vocabulary.
 * Pure data with lookups: shared by server code and UI components.
 */

export const THEMES = [
  { code: 'MEE', label: 'Mee doen', subtitle: 'van oud zijn naar goed ouder worden' },
  { code: 'ERTOE', label: 'Ertoe doen', subtitle: 'van betrokken werk naar waardevolle bijdrage' },
  { code: 'SAMEN', label: 'Samen doen', subtitle: 'van eigen huis naar samen-wonen' },
  { code: 'VITAAL', label: 'Vitaal doen', subtitle: 'van liever niet ziek naar meer vitale jaren' },
  { code: 'DIGITAAL', label: 'Digitaal doen', subtitle: 'van individueel innoveren naar digitaal verbonden' },
] as const;

export type ThemeCode = (typeof THEMES)[number]['code'];

/** `coalitionCount`: how many of the 19 inventoried doe-coalities work on the topic. */
export const TOPICS = [
  { code: 'MEE-1', theme: 'MEE', label: 'Stimuleren van het gebruiken van ervaren kracht', coalitionCount: 6 },
  { code: 'MEE-2', theme: 'MEE', label: 'Voorbereiden op de volgende levensfase', coalitionCount: 4 },
  {
    code: 'MEE-3',
    theme: 'MEE',
    label: 'Aandacht voor de laatste 1.000 dagen en de betekenis van sterven voor mensen en hun naasten',
    coalitionCount: 0,
  },
  {
    code: 'MEE-4',
    theme: 'MEE',
    label: 'Ruimte maken voor burgerinitiatieven die bijdragen aan zelf en samen prettig ouder worden',
    coalitionCount: 3,
  },
  { code: 'ERTOE-1', theme: 'ERTOE', label: 'Aantrekkelijker en effectiever werken in zorg en welzijn', coalitionCount: 7 },
  { code: 'ERTOE-2', theme: 'ERTOE', label: 'Ontwikkelen sociaal en publiek-privaat ondernemerschap', coalitionCount: 0 },
  {
    code: 'ERTOE-3',
    theme: 'ERTOE',
    label: 'Integreren van economische en maatschappelijke bijdrage, in het bijzonder voor de mantelzorger',
    coalitionCount: 1,
  },
  { code: 'ERTOE-4', theme: 'ERTOE', label: 'Arbeidsmarkt laten aansluiten bij de levensloop', coalitionCount: 2 },
  { code: 'SAMEN-1', theme: 'SAMEN', label: 'Organiseren burgerparticipatie op lokaal, regionaal en nationaal niveau', coalitionCount: 2 },
  { code: 'SAMEN-2', theme: 'SAMEN', label: 'Versterken van vitale wijkinfrastructuur, mobiliteit en voorzieningen', coalitionCount: 3 },
  { code: 'SAMEN-3', theme: 'SAMEN', label: 'Realiseren diversiteit aan extra woningen', coalitionCount: 3 },
  { code: 'SAMEN-4', theme: 'SAMEN', label: 'Aanpassen wet- en regelgeving voor divers woningaanbod en -gebruik', coalitionCount: 1 },
  { code: 'SAMEN-5', theme: 'SAMEN', label: 'Ontwikkelen duurzaam verpleeg(t)huis van de toekomst', coalitionCount: 1 },
  { code: 'VITAAL-1', theme: 'VITAAL', label: 'Levenslang en levensbreed investeren in vitaliteit', coalitionCount: 15 },
  { code: 'VITAAL-2', theme: 'VITAAL', label: 'Regionale vitaliteit ontwikkelen vanuit de praktijk', coalitionCount: 13 },
  { code: 'VITAAL-3', theme: 'VITAAL', label: 'Ondersteunen van ouderen in de eigen woonomgeving', coalitionCount: 11 },
  { code: 'VITAAL-4', theme: 'VITAAL', label: 'Realiseren van passende en digitale zorg vanuit patiëntperspectief', coalitionCount: 6 },
  { code: 'DIGITAAL-1', theme: 'DIGITAAL', label: 'Stimuleren van digitale inclusie', coalitionCount: 1 },
  { code: 'DIGITAAL-2', theme: 'DIGITAAL', label: 'Investeren in een duurzaam digitaal landschap', coalitionCount: 6 },
  { code: 'DIGITAAL-3', theme: 'DIGITAAL', label: 'Versterken van opschalings- en doorzettingsmacht', coalitionCount: 0 },
] as const satisfies ReadonlyArray<{ code: string; theme: ThemeCode; label: string; coalitionCount: number }>;

export type TopicCode = (typeof TOPICS)[number]['code'];

export const PARTNER_DOMAINS = [
  { code: 'zorgaanbieders', label: 'Zorgaanbieders' },
  { code: 'welzijn', label: 'Welzijn' },
  { code: 'wonen', label: 'Wonen' },
  { code: 'overheid', label: 'Overheid' },
  { code: 'financiers', label: 'Financiers' },
  { code: 'burgers', label: 'Burgers' },
  { code: 'overig', label: 'Overig' },
] as const;

export type PartnerDomainCode = (typeof PARTNER_DOMAINS)[number]['code'];

/** One vocabulary for what initiatives need and what coalitions offer, so they can be matched. */
export const SUPPORT_TYPES = [
  { code: 'financiering', label: 'Financiering (subsidie, fonds, inkoop)' },
  { code: 'expertise', label: 'Professionele kennis en advies' },
  { code: 'rugdekking', label: 'Juridische en bestuurlijke rugdekking (regels, verzekering, kwaliteitskaders)' },
  { code: 'ruimte', label: 'Ruimte of locatie' },
  { code: 'vrijwilligers', label: 'Vrijwilligers' },
  { code: 'netwerk', label: 'Netwerk en bekendheid (introducties, communicatie)' },
  { code: 'scholing', label: 'Scholing en training' },
  { code: 'digitaal', label: 'Digitale ondersteuning en middelen' },
  { code: 'zorgprofessionals', label: 'Inzet van zorg- en welzijnsprofessionals' },
  { code: 'vervoer', label: 'Vervoer en mobiliteit' },
] as const;

export type SupportTypeCode = (typeof SUPPORT_TYPES)[number]['code'];

export const ENTRY_KINDS = [
  { code: 'initiatief', label: 'Burgerinitiatief', plural: 'Burgerinitiatieven' },
  { code: 'coalitie', label: 'Doe-coalitie', plural: 'Doe-coalities' },
] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number]['code'];

const kindByCode = new Map<string, (typeof ENTRY_KINDS)[number]>(ENTRY_KINDS.map((kind) => [kind.code, kind]));

/** The Dutch name of a kind: "Burgerinitiatief", "Doe-coalitie"; an unknown code is returned as it is. */
export function kindLabel(kind: EntryKind | (string & {})): string {
  return kindByCode.get(kind)?.label ?? kind;
}

/** The Dutch plural of a kind: "Burgerinitiatieven", "Doe-coalities". */
export function kindPlural(kind: EntryKind | (string & {})): string {
  return kindByCode.get(kind)?.plural ?? kind;
}

/** Network phases from seed 001. */
export const PHASES = [
  { code: 'verkennen', label: 'Verkennen' },
  { code: 'vormgeven', label: 'Vormgeven' },
  { code: 'verdiepen', label: 'Verdiepen' },
  { code: 'verankeren', label: 'Verankeren' },
] as const;

export type PhaseCode = (typeof PHASES)[number]['code'];

export const ENTRY_STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

type Coded = { readonly code: string };
const codesOf = <T extends Coded>(items: ReadonlyArray<T>) => items.map((item) => item.code) as [T['code'], ...Array<T['code']>];

export const THEME_CODES = codesOf(THEMES);
export const TOPIC_CODES = codesOf(TOPICS);
export const PARTNER_DOMAIN_CODES = codesOf(PARTNER_DOMAINS);
export const SUPPORT_TYPE_CODES = codesOf(SUPPORT_TYPES);
export const ENTRY_KIND_CODES = codesOf(ENTRY_KINDS);
export const PHASE_CODES = codesOf(PHASES);

const topicByCode = new Map<string, (typeof TOPICS)[number]>(TOPICS.map((t) => [t.code, t]));

export function themeOfTopic(code: TopicCode): ThemeCode {
  const topic = topicByCode.get(code);
  if (!topic) throw new Error(`Unknown topic code ${code}`);
  return topic.theme;
}

export function topicsOfTheme(theme: ThemeCode) {
  return TOPICS.filter((topic) => topic.theme === theme);
}

/** The distinct themes a set of topics falls under, in agenda order. */
export function themesOfTopics(codes: ReadonlyArray<TopicCode>): ThemeCode[] {
  const themes = new Set(codes.map(themeOfTopic));
  return THEME_CODES.filter((theme) => themes.has(theme));
}

export function labelOf<T extends { code: string; label: string }>(items: ReadonlyArray<T>, code: string): string {
  return items.find((item) => item.code === code)?.label ?? code;
}
