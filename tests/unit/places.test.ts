import { describe, expect, it } from 'vitest';
import { buildPlaceIndex, normalisePlaceName, searchPlaces, type PostcodeRow } from '~/places/places.server';

const gemeenten = [
  { code: 'GM0268', name: 'Nijmegen', lat: 51.84, lng: 5.8 },
  { code: 'GM1945', name: 'Berg en Dal', lat: 51.8, lng: 5.95 },
  { code: 'GM0796', name: "'s-Hertogenbosch", lat: 51.69, lng: 5.3 },
  { code: 'GM0518', name: "'s-Gravenhage", lat: 52.07, lng: 4.3 },
  { code: 'GM0400', name: 'Den Helder', lat: 52.94, lng: 4.76 },
  { code: 'GM1940', name: 'De Fryske Marren', lat: 52.9, lng: 5.75 },
  { code: 'GM0748', name: 'Bergen op Zoom', lat: 51.49, lng: 4.29 },
  { code: 'GM0394', name: 'Haarlemmermeer', lat: 52.3, lng: 4.7 },
];
const row = (pc4: string, lat: number, lon: number, plaats: string, gm_code: string, gm_naam: string): PostcodeRow => ({
  pc4,
  lat: String(lat),
  lon: String(lon),
  plaats,
  gm_code,
  gm_naam,
});
const rows = [
  row('6511', 51.84, 5.86, 'Nijmegen', 'GM0268', 'Nijmegen'),
  row('6512', 51.84, 5.84, 'Nijmegen', 'GM0268', 'Nijmegen'),
  row('6515', 51.86, 5.87, 'Lent|Nijmegen', 'GM0268', 'Nijmegen'),
  // Crosses the border: its Nijmegen part is the same town, not a second Nijmegen in Berg en Dal.
  row('6574', 51.82, 5.9, 'Ubbergen|Nijmegen', 'GM1945', 'Berg en Dal'),
  row('5211', 51.69, 5.3, "'s-Hertogenbosch", 'GM0796', "'s-Hertogenbosch"),
  row('2511', 52.08, 4.31, "'s-Gravenhage", 'GM0518', "'s-Gravenhage"),
  row('8531', 52.84, 5.7, 'Lemmer', 'GM1940', 'De Fryske Marren'),
  row('8532', 52.86, 5.72, 'Lemmer', 'GM1940', 'De Fryske Marren'),
  // Two villages called Den Hoorn, far apart: both are kept.
  row('1797', 53.02, 4.76, 'Den Hoorn', 'GM0400', 'Den Helder'),
  row('2635', 52.0, 4.33, 'Den Hoorn', 'GM0518', "'s-Gravenhage"),
  row('2132', 52.3, 4.7, 'Hoofddorp', 'GM0394', 'Haarlemmermeer'),
  row('1437', 52.28, 4.74, 'Rozenburg', 'GM0394', 'Haarlemmermeer'),
];
const index = buildPlaceIndex(gemeenten, rows);
const labels = (input: string) => searchPlaces(index, input).map((p) => p.label);

describe('normalisePlaceName', () => {
  it('drops case, accents, apostrophes and hyphens', () => {
    expect(normalisePlaceName("'s-Hertogenbosch")).toBe('s hertogenbosch');
    expect(normalisePlaceName('Súdwest-Fryslân')).toBe('sudwest fryslan');
    expect(normalisePlaceName('  Bergen  op   Zoom ')).toBe('bergen op zoom');
  });
});

describe('the offline place finder', () => {
  it('finds a postcode area by its four digits, with or without letters', () => {
    for (const input of ['6511', '6511AB', '6511 ab', ' 6511 AB ']) {
      expect(searchPlaces(index, input)).toEqual([
        { label: '6511 — Nijmegen', kind: 'postcode', lat: 51.84, lng: 5.86, gemeente: { code: 'GM0268', name: 'Nijmegen' } },
      ]);
    }
    expect(labels('65')).toEqual(['6511 — Nijmegen', '6512 — Nijmegen', '6515 — Lent, Nijmegen', '6574 — Ubbergen, Nijmegen']);
    expect(labels('651')).toEqual(['6511 — Nijmegen', '6512 — Nijmegen', '6515 — Lent, Nijmegen']);
  });

  it('answers a postcode missing from the table with the gemeente of its nearest neighbour', () => {
    expect(searchPlaces(index, '6513')).toEqual([expect.objectContaining({ label: 'Nijmegen', kind: 'gemeente' })]);
    expect(searchPlaces(index, '6599')).toEqual([expect.objectContaining({ label: 'Berg en Dal', kind: 'gemeente' })]);
    expect(searchPlaces(index, '9999')).toEqual([]);
    expect(searchPlaces(index, '0')).toEqual([]);
  });

  it('matches names case- and accent-insensitively, from the start of the name or of a word', () => {
    expect(labels('nijm')).toEqual(['Nijmegen']);
    expect(labels('HERTOGENBOSCH')).toEqual(["'s-Hertogenbosch"]);
    expect(labels("'s-hertogenbosch")).toEqual(["'s-Hertogenbosch"]);
    expect(labels('zoom')).toEqual(['Bergen op Zoom']);
    expect(labels('lemmer')).toEqual(['Lemmer (gemeente De Fryske Marren)', 'Haarlemmermeer']);
  });

  it('knows everyday names: Den Bosch, Den Haag, De Friese Meren', () => {
    expect(labels('Den Bosch')).toEqual(["'s-Hertogenbosch"]);
    expect(labels('den haag')).toEqual(["'s-Gravenhage"]);
    expect(labels('de friese')).toEqual(['De Fryske Marren']);
  });

  it('ranks exact before prefix before word start before infix, gemeente before plaats, then alphabetically', () => {
    expect(labels('den h')).toEqual([
      "'s-Gravenhage",
      'Den Helder',
      "Den Hoorn (gemeente 's-Gravenhage)",
      'Den Hoorn (gemeente Den Helder)',
    ]);
    expect(labels('berg')).toEqual(['Berg en Dal', 'Bergen op Zoom', 'Ubbergen (gemeente Berg en Dal)']);
    expect(labels('hoo')).toEqual([
      'Hoofddorp (gemeente Haarlemmermeer)',
      "Den Hoorn (gemeente 's-Gravenhage)",
      'Den Hoorn (gemeente Den Helder)',
    ]);
  });

  it('returns at most 8 suggestions', () => {
    const many = buildPlaceIndex(
      gemeenten,
      Array.from({ length: 20 }, (_, i) => row(String(1000 + i), 52, 5, `Dorp ${i}`, 'GM0394', 'Haarlemmermeer')),
    );
    expect(searchPlaces(many, 'dorp')).toHaveLength(8);
    expect(searchPlaces(many, '10')).toHaveLength(8);
  });

  it('places a woonplaats at the mean of its postcode centroids and a gemeente at its namesake town', () => {
    const [lemmer] = searchPlaces(index, 'Lemmer');
    expect(lemmer).toMatchObject({ kind: 'plaats', gemeente: { code: 'GM1940', name: 'De Fryske Marren' } });
    expect(lemmer!.lat).toBeCloseTo(52.85, 5);
    expect(lemmer!.lng).toBeCloseTo(5.71, 5);
    const [nijmegen] = searchPlaces(index, 'Nijmegen');
    expect(nijmegen!.lat).toBeCloseTo(51.8467, 3);
    expect(nijmegen!.lng).toBeCloseTo(5.8567, 3);
    // No namesake town: the gemeente's own point.
    expect(searchPlaces(index, 'Berg en Dal')[0]).toMatchObject({ lat: 51.8, lng: 5.95 });
  });

  it('puts a postcode of another division in the gemeente that contains it, and searches gemeenten without postcodes', () => {
    const located = buildPlaceIndex(gemeenten, [row('6541', 51.85, 5.8, 'Nijmegen', 'GM9999', 'Oud-Nijmegen')], () => ({
      code: 'GM0268',
      name: 'Nijmegen',
    }));
    expect(searchPlaces(located, '6541')[0]).toMatchObject({ gemeente: { code: 'GM0268', name: 'Nijmegen' } });
    const dropped = buildPlaceIndex(gemeenten, [row('6541', 51.85, 5.8, 'Nijmegen', 'GM9999', 'Oud-Nijmegen')]);
    expect(searchPlaces(dropped, '6541')).toEqual([]);
    expect(searchPlaces(buildPlaceIndex(gemeenten, []), 'nijm')).toEqual([
      expect.objectContaining({ label: 'Nijmegen', lat: 51.84, lng: 5.8 }),
    ]);
  });
});
