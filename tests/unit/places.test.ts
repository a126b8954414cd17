import { describe, expect, it } from 'vitest';
import { buildPlaceIndex, normalisePlaceName, searchPlaces } from '~/places/places.server';

const gemeenten = [
  { code: 'GM0268', name: 'Nijmegen', lat: 51.84, lng: 5.85 },
  { code: 'GM0796', name: "'s-Hertogenbosch", lat: 51.69, lng: 5.3 },
  { code: 'GM1940', name: 'De Fryske Marren', lat: 52.9, lng: 5.75 },
  { code: 'GM0748', name: 'Bergen op Zoom', lat: 51.49, lng: 4.29 },
];
const row = (pc4: string, lat: number, lon: number, plaats: string, gm_code: string, gm_naam: string) => ({
  pc4,
  lat: String(lat),
  lon: String(lon),
  plaats,
  gm_code,
  gm_naam,
});
const index = buildPlaceIndex(gemeenten, [
  row('6511', 51.84, 5.86, 'Nijmegen', 'GM0268', 'Nijmegen'),
  row('6515', 51.86, 5.87, 'Lent|Nijmegen', 'GM0268', 'Nijmegen'),
  row('5211', 51.69, 5.3, "'s-Hertogenbosch", 'GM0796', "'s-Hertogenbosch"),
  row('8531', 52.84, 5.7, 'Lemmer', 'GM1940', 'De Fryske Marren'),
  row('8532', 52.86, 5.72, 'Lemmer', 'GM1940', 'De Fryske Marren'),
]);

describe('the offline place finder', () => {
  it('normalises names without accents, apostrophes and hyphens', () => {
    expect(normalisePlaceName("'s-Hertogenbosch")).toBe('s hertogenbosch');
    expect(normalisePlaceName('Súdwest-Fryslân')).toBe('sudwest fryslan');
  });

  it('finds a postcode area by its four digits, with or without letters', () => {
    for (const input of ['6511', '6511AB', '6511 ab']) {
      expect(searchPlaces(index, input)).toEqual([
        { label: '6511 — Nijmegen', kind: 'postcode', lat: 51.84, lng: 5.86, gemeente: { code: 'GM0268', name: 'Nijmegen' } },
      ]);
    }
    expect(searchPlaces(index, '9999')).toEqual([]);
    expect(searchPlaces(index, '65').map((p) => p.label)).toEqual(['6511 — Nijmegen', '6515 — Lent, Nijmegen']);
  });

  it('ranks the gemeente first, then woonplaatsen, and knows everyday names', () => {
    expect(searchPlaces(index, 'nijm').map((p) => [p.label, p.kind])).toEqual([['Nijmegen', 'gemeente']]);
    expect(searchPlaces(index, 'Den Bosch')[0]).toMatchObject({ label: "'s-Hertogenbosch", kind: 'gemeente' });
    expect(searchPlaces(index, 'hertogenbosch')[0]).toMatchObject({ label: "'s-Hertogenbosch" });
    expect(searchPlaces(index, 'zoom')[0]).toMatchObject({ label: 'Bergen op Zoom' });
    expect(searchPlaces(index, 'lent')[0]).toMatchObject({ label: 'Lent (gemeente Nijmegen)', kind: 'plaats' });
  });

  it('places a woonplaats at the mean of its postcode centroids', () => {
    const [lemmer] = searchPlaces(index, 'Lemmer');
    expect(lemmer).toMatchObject({ kind: 'plaats', gemeente: { code: 'GM1940', name: 'De Fryske Marren' } });
    expect(lemmer!.lat).toBeCloseTo(52.85, 5);
    expect(lemmer!.lng).toBeCloseTo(5.71, 5);
  });
});
