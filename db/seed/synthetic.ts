import { fakerNL } from '@faker-js/faker';
import type { DB } from '../../app/db/db.server';
import type { EntryInput } from '../../app/entries/entry-schema';
import type { GemeentePoint } from '../../app/places/places';
import { listMunicipalities, locateGemeente, type GeoSource } from '../../app/regions/regions.server';
import { PARTNER_DOMAIN_CODES, PHASE_CODES, SUPPORT_TYPE_CODES, TOPICS, type SupportTypeCode } from '../../app/taxonomy/taxonomy';
import { insertMissing } from './seed';

const INITIATIVE_PATTERNS = [
  (street: string) => `Buurtkring ${street}`,
  (street: string) => `Zorgzaam ${street}`,
  (street: string) => `Samen Ouder aan de ${street}`,
  (street: string) => `Huiskamer ${street}`,
  (street: string) => `Vrijwillige Hulpdienst ${street}`,
  (street: string) => `Maaltijdkring ${street}`,
];
const INITIATIVE_ACTIVITIES = [
  'organiseert wekelijkse ontmoetingen voor thuiswonende ouderen',
  'brengt vrijwilligers en hulpvragers in de buurt bij elkaar',
  'ondersteunt mantelzorgers met een luisterend oor en praktische hulp',
  'biedt vervoer naar huisarts, ziekenhuis en activiteiten',
  'gaat eenzaamheid tegen met huisbezoeken en samen eten',
  'helpt ouderen digitaal vaardig te worden',
];
const COALITION_PATTERNS = [
  (place: string) => `Netwerk Integrale Ouderenzorg ${place}`,
  (place: string) => `Coalitie Vitaal Ouder Worden ${place}`,
  (place: string) => `Wijkzorgalliantie ${place}`,
  (place: string) => `Regionaal Zorgpunt ${place}`,
];
const PARTNER_EXAMPLES: Record<(typeof PARTNER_DOMAIN_CODES)[number], string[]> = {
  zorgaanbieders: ['Thuiszorgorganisatie', 'Huisartsencoöperatie', 'Ziekenhuis', 'VVT-aanbieder'],
  welzijn: ['Welzijnsstichting', 'Vrijwilligerscentrale', 'Ouderenbond'],
  wonen: ['Woningcorporatie'],
  overheid: ['Gemeente'],
  financiers: ['Zorgverzekeraar', 'Zorgkantoor'],
  burgers: ['Seniorenraad', 'Wijkraad'],
  overig: ['Hogeschool', 'Bibliotheek'],
};

function nearest(all: GemeentePoint[], from: GemeentePoint, count: number): string[] {
  return all
    .map((m) => ({ code: m.code, d: (m.lat - from.lat) ** 2 + ((m.lng - from.lng) * 0.62) ** 2 }))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((m) => m.code);
}

/**
 * Deterministic synthetic entries for scale tests, spread over all gemeenten: about one
 * coalitie per ten initiatieven, each placed inside its gemeente. The same `count` and
 * `seed` give the same entries, with stable slugs, so re-running adds nothing.
 */
export function syntheticEntries(municipalities: GemeentePoint[], count: number, seed: number, geo?: GeoSource) {
  if (municipalities.length === 0) throw new Error('Synthetic entries need the gemeente table: load the geodata first (GEO_DIR).');
  const faker = fakerNL;
  faker.seed(seed);
  const topicWeights = TOPICS.map((t) => ({ value: t.code, weight: t.coalitionCount + 1 }));
  const entries: Array<{ slug: string; input: EntryInput }> = [];
  for (let i = 0; i < count; i++) {
    const home = faker.helpers.arrayElement(municipalities);
    const kind = i % 11 === 10 ? 'coalitie' : 'initiatief';
    let lat = home.lat;
    let lng = home.lng;
    for (let attempt = 0; attempt < 10; attempt++) {
      const candidateLat = home.lat + faker.number.float({ min: -0.03, max: 0.03 });
      const candidateLng = home.lng + faker.number.float({ min: -0.05, max: 0.05 });
      if (!geo || locateGemeente(geo, candidateLng, candidateLat)?.code === home.code) {
        lat = Math.round(candidateLat * 1e5) / 1e5;
        lng = Math.round(candidateLng * 1e5) / 1e5;
        break;
      }
    }
    const topics = [
      ...new Set(Array.from({ length: faker.number.int({ min: 1, max: 4 }) }, () => faker.helpers.weightedArrayElement(topicWeights))),
    ];
    const support = (min: number, max: number): SupportTypeCode[] => faker.helpers.arrayElements([...SUPPORT_TYPE_CODES], { min, max });
    const street = faker.location.street();
    const name =
      kind === 'initiatief'
        ? `${faker.helpers.arrayElement(INITIATIVE_PATTERNS)(street)} (${home.name})`
        : `${faker.helpers.arrayElement(COALITION_PATTERNS)(home.name)} ${Math.floor(i / 11) + 1}`;
    const domains = faker.helpers.arrayElements([...PARTNER_DOMAIN_CODES], { min: 2, max: 5 });
    entries.push({
      slug: `synthetisch-${seed}-${i}`,
      input: {
        kind,
        name,
        summary:
          kind === 'initiatief'
            ? `Burgerinitiatief in ${home.name} dat ${faker.helpers.arrayElement(INITIATIVE_ACTIVITIES)}.`
            : `Samenwerkingsverband van zorg, welzijn en gemeente in de regio ${home.name}.`,
        description: 'Synthetische vermelding voor schaaltests; geen echte organisatie.',
        legalForm:
          kind === 'initiatief' ? faker.helpers.arrayElement(['Stichting', 'Vereniging', 'Coöperatie', null]) : 'Netwerk (geen rechtsvorm)',
        foundingYear: faker.number.int({ min: 2005, max: 2025 }),
        place: `${home.name}, ${street}`,
        lat,
        lng,
        coverage: kind === 'initiatief' ? [home.code] : nearest(municipalities, home, faker.number.int({ min: 2, max: 8 })),
        topics,
        partners:
          kind === 'coalitie'
            ? domains.map((domain) => ({ domain, name: `${faker.helpers.arrayElement(PARTNER_EXAMPLES[domain])} ${home.name}` }))
            : [],
        needs: kind === 'initiatief' ? support(1, 3) : [],
        offers: kind === 'coalitie' ? support(2, 5) : [],
        targetGroups: ['Thuiswonende ouderen'],
        phase: faker.helpers.arrayElement(PHASE_CODES),
        contactRole: kind === 'initiatief' ? 'Coördinator' : 'Kartrekker',
        status: 'published',
        source: `Synthetisch (seed ${seed})`,
        isDemo: true,
      },
    });
  }
  return entries;
}

export async function seedSynthetic(db: DB, count: number, seed: number, geo?: GeoSource) {
  return insertMissing(db, syntheticEntries(await listMunicipalities(db), count, seed, geo));
}
