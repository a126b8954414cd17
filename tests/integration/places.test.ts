import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '~/db/db.server';
import { placeIndex, searchPlaces, type Place } from '~/places/places.server';
import { loader } from '~/routes/api.places';
import { hasGeodata, requireGeodataInCi, tempPath } from '../support/paths';
import { haversineKm } from '../support/search-fixtures';
import { testLoadContext } from '../support/load-context';
import { geoSource, useTestDatabase } from '../support/test-database';

/** The place finder against the real region tables and postcode file in db/geo, and its route as Remix calls it. */

requireGeodataInCi();

/** The route as Remix calls it, with the test's database in its load context. */
function placesRoute(db: DB) {
  return async (query: string) => {
    const response = await loader({
      request: new Request(`http://localhost/api/places${query}`),
      params: {},
      context: testLoadContext(db),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as { places?: Place[]; error?: string; errors?: Record<string, string> },
    };
  };
}

describe.runIf(hasGeodata)('the place finder on the real geodata', () => {
  const database = useTestDatabase();
  const get = (query: string) => placesRoute(database.db)(query);

  const search = async (q: string) => {
    const index = await placeIndex(database.db, geoSource);
    return searchPlaces(index!, q);
  };

  it('finds a postcode at its centroid, with or without letters', async () => {
    for (const q of ['6533', '6533AB', '6533 ab']) {
      const [place, ...rest] = await search(q);
      expect(rest).toEqual([]);
      expect(place).toMatchObject({ label: '6533 — Nijmegen', kind: 'postcode', gemeente: { code: 'GM0268', name: 'Nijmegen' } });
      expect(haversineKm(place!, { lat: 51.82, lng: 5.8 })).toBeLessThan(5);
    }
    const partial = await search('653');
    expect(partial.map((p) => p.label.slice(0, 4))).toEqual(['6531', '6532', '6533', '6534', '6535', '6536', '6537', '6538']);
    // Post-office-box range, not in the table: the gemeente of the nearest postcode.
    expect(await search('1000')).toEqual([expect.objectContaining({ label: 'Amsterdam', kind: 'gemeente' })]);
  });

  it('ranks the gemeente first and finds official names by everyday ones', async () => {
    const nijm = await search('nijm');
    expect(nijm[0]).toMatchObject({ label: 'Nijmegen', kind: 'gemeente' });
    expect(haversineKm(nijm[0]!, { lat: 51.845, lng: 5.86 })).toBeLessThan(3); // the town, not the middle of the gemeente
    // A border postcode does not make a second "Nijmegen" in Berg en Dal.
    expect(nijm.filter((p) => p.label.startsWith('Nijmegen'))).toHaveLength(1);
    for (const q of ['den bosch', 's-hertogenbosch', "'s-Hertogenbosch", 'hertogenbosch']) {
      expect((await search(q))[0], q).toMatchObject({ label: "'s-Hertogenbosch", kind: 'gemeente', gemeente: { code: 'GM0796' } });
    }
    expect((await search('Den Haag'))[0]).toMatchObject({ label: "'s-Gravenhage", gemeente: { code: 'GM0518' } });
    expect(await search('Leeuwarden')).toEqual([
      expect.objectContaining({ label: 'Leeuwarden', kind: 'gemeente', gemeente: { code: 'GM0080', name: 'Leeuwarden' } }),
    ]);
    expect((await search('sudwest fryslan'))[0]).toMatchObject({ label: 'Súdwest-Fryslân', kind: 'gemeente' });
  });

  it('finds a woonplaats that is not a gemeente, in its gemeente', async () => {
    const [lemmer] = await search('Lemmer');
    expect(lemmer).toMatchObject({
      label: 'Lemmer (gemeente De Fryske Marren)',
      kind: 'plaats',
      gemeente: { code: 'GM1940', name: 'De Fryske Marren' },
    });
    expect(haversineKm(lemmer!, { lat: 52.846, lng: 5.709 })).toBeLessThan(3);
    expect((await search('De Friese Meren'))[0]).toMatchObject({ label: 'De Fryske Marren', kind: 'gemeente' });
  });

  // Speed is a benchmark's business, not a timed test's: this checks that queries reuse the one index.
  it('builds the index once and reuses it for every query', async () => {
    const index = await placeIndex(database.db, geoSource);
    expect(await placeIndex(database.db, geoSource)).toBe(index);
    const queries = ['6533', '65', 'nijm', 'den bosch', 'a', 'lemmer', 'ams', 's'];
    const answers = await Promise.all(queries.map((q) => get(`?q=${encodeURIComponent(q)}`)));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(await placeIndex(database.db, geoSource)).toBe(index);
  });

  it('answers through the route with at most 8 places, cacheable', async () => {
    const response = await get('?q=ber');
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=3600');
    expect(response.body.places!.length).toBe(8);
    expect(response.body.places![0]).toEqual({
      label: expect.any(String),
      kind: 'gemeente',
      lat: expect.any(Number),
      lng: expect.any(Number),
      gemeente: { code: expect.stringMatching(/^GM\d{4}$/), name: expect.any(String) },
    });
    expect((await get('?q=zzzz')).body).toEqual({ places: [] });
  });

  it('rejects a missing, empty or too long q with a Dutch 400', async () => {
    for (const query of ['', '?q=', '?q=%20%20', `?q=${'a'.repeat(61)}`]) {
      const { status, body } = await get(query);
      expect(status, query).toBe(400);
      expect(body.error).toMatch(/^Ongeldige parameter 'q': /);
      expect(body.errors).toEqual({ q: expect.any(String) });
    }
    expect((await get('?q=')).body.errors!.q).toBe('Typ een plaatsnaam, gemeente of postcode.');
    expect((await get(`?q=${'a'.repeat(61)}`)).body.errors!.q).toBe('Een plaatsnaam is hooguit 60 tekens lang.');
  });
});

describe('the place finder without geodata', () => {
  const databasePath = tempPath('places-nogeo', '.sqlite');
  afterAll(() => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
  });

  it('answers 503 with a Dutch message', async () => {
    const db = openDatabase(databasePath);
    await migrateToLatest(db);
    try {
      const get = placesRoute(db);
      const { status, body } = await get('?q=nijmegen');
      expect(status).toBe(503);
      expect(body.error).toMatch(/^Plaatsen zoeken kan nog niet/);
      expect((await get('?q=')).status).toBe(400);
    } finally {
      await db.destroy();
    }
  });
});
