/**
 * Groups of Dutch words users treat as the same when searching. Meilisearch gets them as
 * mutual synonyms; the SQLite fallback expands a query word to its group.
 */
export const SYNONYM_GROUPS: ReadonlyArray<ReadonlyArray<string>> = [
  ['mantelzorg', 'mantelzorger', 'mantelzorgers'],
  ['dementie', 'geheugenproblemen', 'alzheimer'],
  ['eenzaamheid', 'sociaal isolement', 'vereenzaming'],
  ['ouderen', 'senioren', '65-plussers'],
  ['vrijwilliger', 'vrijwilligers', 'vrijwilligerswerk'],
  ['buurt', 'wijk'],
  ['zorgzame gemeenschap', 'zorgzame gemeenschappen'],
  ['huisarts', 'huisartsen', 'huisartsenpraktijk'],
  ['welzijn', 'welzijnswerk'],
  ['palliatieve zorg', 'laatste levensfase', 'terminale zorg'],
];

/** Meilisearch's synonyms setting: every word of a group maps to the others. */
export function meilisearchSynonyms(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const word of group) synonyms[word] = group.filter((other) => other !== word) as string[];
  }
  return synonyms;
}

/** The synonym group of a single query word, or just the word. */
export function expandWord(word: string): string[] {
  const lower = word.toLowerCase();
  return [...(SYNONYM_GROUPS.find((group) => group.includes(lower)) ?? [lower])];
}

export const DUTCH_STOP_WORDS = ['de', 'het', 'een', 'en', 'van', 'in', 'op', 'voor', 'met', 'aan', 'te', 'bij', 'om', 'door'];
