import { describe, expect, it } from 'vitest';
import { backoffMs } from '~/search/outbox.server';
import { ftsQuery } from '~/search/fallback.server';
import { SEARCH_REFUSED, searchResponse, unlessRefused } from '~/api/search-refusal';
import { SearchQueryError } from '~/search/search-errors';
import { MAX_FILTER_VALUES, MAX_VALUES_PER_PARAMETER, parseSearchParams, serializeSearchParams } from '~/search/search-params';
import { toSegments } from '~/search/search-result';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));
const errorsOf = (query: string) => {
  const parsed = parse(query);
  return parsed.ok ? {} : parsed.errors;
};

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

  it('refuses a one-value parameter given twice with different values, and numbers not plainly written', () => {
    expect(errorsOf('q=zorg&q=wonen')).toEqual({ q: 'Geef deze parameter één keer mee.' });
    expect(errorsOf('near=51.84,5.86&near=52.1,5.1')).toMatchObject({ near: 'Geef deze parameter één keer mee.' });
    expect(parse('q=zorg&q=zorg&q=')).toMatchObject({ ok: true, params: { q: 'zorg' } });
    for (const radius of ['0x1F', '%201e1%20', '5.', '-5', '1e1', '+3']) {
      expect(errorsOf(`near=51.84,5.86&radius_km=${radius}`), radius).toEqual({ radius_km: 'De straal moet een getal zijn.' });
    }
    expect(errorsOf('page=0x2')).toEqual({ page: 'De pagina moet een getal zijn.' });
    expect(parse('near=51.84,5.86&radius_km=2.5&page=3&limit=10')).toMatchObject({
      ok: true,
      params: { radius_km: 2.5, page: 3, per_page: 10 },
    });
  });

  it('removes control characters from the search words', () => {
    expect(parse('q=zorg%00').params.q).toBe('zorg');
    expect(parse('q=%01zorg%09thuis%0D%0A%7F%1F').params.q).toBe('zorg thuis');
    expect(parse('q=%00%00').params.q).toBe('');
    expect(parse('q=%20%20mantel%00zorg%20%C2%85%20Nijmegen%02%20').params.q).toBe('mantel zorg Nijmegen');
    // The length counts what is left: padding with control characters does not refuse a query.
    expect(parse(`q=${'%00'.repeat(300)}zorg`)).toMatchObject({ ok: true, params: { q: 'zorg' } });
    expect(parse(`q=${'a'.repeat(201)}`)).toMatchObject({ ok: false, errors: { q: 'De zoekopdracht mag maximaal 200 tekens lang zijn.' } });
  });

  it('checks every coordinate of near and area', () => {
    expect(errorsOf('area=999,51,6,52')).toEqual({ area: 'Lengtegraden (west en oost) liggen tussen -180 en 180.' });
    expect(errorsOf('area=5,51,6,90.5')).toEqual({ area: 'Breedtegraden (zuid en noord) liggen tussen -90 en 90.' });
    expect(errorsOf('area=5,52,6,51')).toEqual({
      area: 'Het gebied is leeg: west moet kleiner zijn dan oost en zuid kleiner dan noord.',
    });
    for (const bad of ['NaN,51,6,52', 'Infinity,51,6,52', '5,51,6,1e2', '5,51,6'])
      expect(Object.keys(errorsOf(`area=${bad}`))).toEqual(['area']);
    expect(parse('area=-180,-90,180,90')).toMatchObject({ ok: true, params: { area: { west: -180, south: -90, east: 180, north: 90 } } });
    expect(errorsOf('near=91,5')).toEqual({ near: 'De breedtegraad moet tussen -90 en 90 liggen.' });
    expect(errorsOf('near=52,200')).toEqual({ near: 'De lengtegraad moet tussen -180 en 180 liggen.' });
    expect(errorsOf('near=NaN,5')).toEqual({ near: "Geef 'near' als breedtegraad,lengtegraad, bijvoorbeeld 51.84,5.86." });
  });

  it('collapses repeated filter values and caps them per parameter and in total', () => {
    const repeated = parse(`${'kind=coalitie&'.repeat(500)}topic=MEE-1,MEE-1&topic=MEE-2&topic=MEE-1`);
    expect(repeated).toMatchObject({ ok: true, params: { kind: ['coalitie'], topic: ['MEE-1', 'MEE-2'] } });
    const regions = Array.from({ length: MAX_VALUES_PER_PARAMETER + 1 }, (_, i) => `region=gemeente:GM${String(i).padStart(4, '0')}`);
    expect(parse(regions.slice(1).join('&')).ok).toBe(true);
    expect(parse(`${regions.join('&')}&kind=coalitie`)).toMatchObject({
      ok: false,
      errors: { region: `Kies hooguit ${MAX_VALUES_PER_PARAMETER} waarden voor dit filter.` },
      params: { region: [], kind: ['coalitie'] },
    });
    const many = [
      'kind=coalitie,initiatief',
      'theme=MEE,ERTOE,SAMEN,VITAAL,DIGITAAL',
      'topic=MEE-1,MEE-2,MEE-3,MEE-4,ERTOE-1,ERTOE-2,ERTOE-3,ERTOE-4,SAMEN-1,SAMEN-2,SAMEN-3,SAMEN-4,SAMEN-5,VITAAL-1,VITAAL-2,VITAAL-3,VITAAL-4,DIGITAAL-1,DIGITAAL-2,DIGITAAL-3',
      'need=financiering,expertise,rugdekking,ruimte,vrijwilligers,netwerk,scholing,digitaal,zorgprofessionals,vervoer',
      'offer=financiering,expertise',
      'domain=welzijn',
    ];
    expect(parse(many.join('&')).ok).toBe(true); // 40 values: exactly the total cap
    const over = parse(`${many.join('&')}&region=ggd:GG0111&domain=wonen`);
    // The group that crosses the total and every later one are refused; the rest is kept.
    expect(over).toMatchObject({
      ok: false,
      errors: {
        domain: `Te veel filterwaarden: kies er samen hooguit ${MAX_FILTER_VALUES}.`,
        region: `Te veel filterwaarden: kies er samen hooguit ${MAX_FILTER_VALUES}.`,
      },
      params: { domain: [], region: [], offer: ['financiering', 'expertise'] },
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

describe('a search refused because of the request', () => {
  it('is a Dutch 400, not an exception; other failures stay exceptions', async () => {
    const refused = await searchResponse(Promise.reject(new SearchQueryError('invalid_search_filter')));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: SEARCH_REFUSED });
    expect(await unlessRefused(Promise.resolve(3))).toEqual({ ok: true, value: 3 });
    await expect(unlessRefused(Promise.reject(new Error('down')))).rejects.toThrow('down');
    const answered = await searchResponse(Promise.resolve({ total: 1 }));
    expect([answered.status, await answered.json()]).toEqual([200, { total: 1 }]);
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
