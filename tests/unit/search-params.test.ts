import { describe, expect, it } from 'vitest';
import { backoffMs } from '~/search/outbox.server';
import { ftsQuery } from '~/search/fallback.server';
import { parseSearchParams, serializeSearchParams } from '~/search/search-params';
import { toSegments } from '~/search/search-result';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('search parameters', () => {
  it('reads repeated and comma-separated values and fills defaults', () => {
    const result = parse(
      'q=dementie&kind=initiatief&topic=VITAAL-3&topic=MEE-2,MEE-1&region=ggd:GG0111&near=51.84,5.86&radius_km=10&sort=distance&page=2&per_page=10',
    );
    expect(result).toEqual({
      ok: true,
      params: {
        q: 'dementie',
        kind: ['initiatief'],
        theme: [],
        topic: ['VITAAL-3', 'MEE-2', 'MEE-1'],
        need: [],
        offer: [],
        domain: [],
        region: ['ggd:GG0111'],
        near: { lat: 51.84, lng: 5.86 },
        radius_km: 10,
        sort: 'distance',
        page: 2,
        per_page: 10,
      },
    });
    expect(parse('').ok && parse('').params).toMatchObject({ q: '', sort: 'relevance', page: 1, per_page: 20 });
    expect(parse('limit=5').params.per_page).toBe(5);
  });

  it('rejects bad values with a Dutch message per parameter and keeps the valid rest', () => {
    const result = parse('kind=bedrijf&topic=VITAAL-9&region=wijk:1&per_page=500&q=zorg');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      kind: "Soort moet 'initiatief' of 'coalitie' zijn.",
      topic: 'Onbekend onderwerp; gebruik een code zoals VITAAL-3.',
      region: 'Geef een regio als laag:code, bijvoorbeeld ggd:GG0111 of gemeente:GM0268.',
      per_page: 'Het aantal per pagina moet tussen 1 en 100 liggen.',
    });
    expect(result.params.q).toBe('zorg');
    expect(parse('sort=distance').ok ? null : parse('sort=distance')).toMatchObject({
      errors: { sort: 'Kies eerst een plaats om op afstand te sorteren.' },
    });
    expect(parse('near=48.85,2.35')).toMatchObject({ ok: false, errors: { near: 'Het punt ligt niet in Nederland.' } });
    expect(parse('area=6,51,5,52')).toMatchObject({
      ok: false,
      errors: { area: 'Het gebied is leeg: west moet kleiner zijn dan oost en zuid kleiner dan noord.' },
    });
    expect(parse('area=noord')).toMatchObject({
      ok: false,
      errors: { area: expect.stringMatching(/^Geef een gebied als west,zuid,oost,noord/) },
    });
    expect(parse('radius_km=5')).toMatchObject({
      ok: false,
      errors: { radius_km: "Een straal werkt alleen samen met 'near' (een punt)." },
    });
  });

  it('serializes a state to a short URL that parses back to the same state', () => {
    const state = parse(
      'q=eenzaamheid&theme=VITAAL&need=financiering&need=rugdekking&region=provincie:PV25&area=5.1,51.9,5.3,52.1&sort=name&page=3',
    ).params;
    const query = serializeSearchParams(state);
    expect(query).toBe(
      'q=eenzaamheid&theme=VITAAL&need=financiering&need=rugdekking&region=provincie%3APV25&area=5.1000%2C51.9000%2C5.3000%2C52.1000&sort=name&page=3',
    );
    expect(parse(query).params).toEqual(state);
  });
});

describe('SQLite fallback query', () => {
  it('requires every word as a prefix, expands synonyms and drops stop words', () => {
    expect(ftsQuery('dementie in Nijmegen')).toBe('("dementie"* OR "geheugenproblemen"* OR "alzheimer"*) AND ("nijmegen"*)');
    expect(ftsQuery('"zorg" -')).toBe('("zorg"*)');
    expect(ftsQuery('  de  ')).toBeNull();
  });
});

describe('highlight segments', () => {
  it('splits marked text into matching and plain parts', () => {
    expect(toSegments('Netwerk \u0002Dementie\u0003 in \u0002Dukenburg\u0003')).toEqual([
      { text: 'Netwerk ', match: false },
      { text: 'Dementie', match: true },
      { text: ' in ', match: false },
      { text: 'Dukenburg', match: true },
    ]);
  });
});

describe('outbox backoff', () => {
  it('doubles per attempt and is capped at five minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffMs(30)).toBe(300_000);
  });
});
