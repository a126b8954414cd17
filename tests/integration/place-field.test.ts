import { describe, expect, it } from 'vitest';
import { placeIndex, searchPlaces } from '~/places/places.server';
import { loader as home } from '~/routes/_index';
import { formatNear } from '~/search/search-params';
import { testLoadContext } from '../support/load-context';
import { hasGeodata, requireGeodataInCi } from '../support/paths';
import { callLoader } from '../support/route-call';
import { geoSource, useTestDatabase } from '../support/test-database';

/**
 * The directory form's "Afstand vanaf" field (`plaats`) through the home page's loader, on the real
 * geodata: typed text becomes the URL's `near` point by a redirect, an emptied field removes it,
 * unchanged text keeps it, and text that names no place is refused with a Dutch message.
 */

requireGeodataInCi();

type Loaded = { errors: Record<string, string>; placeLabel: string; params: { near?: { lat: number; lng: number } } };

describe.runIf(hasGeodata)('the place field of the directory form', () => {
  const database = useTestDatabase();
  const call = (query: string) => callLoader(home, `/${query}`, testLoadContext(database.db));
  /** Where a redirect of the home loader goes, as a query of the home page. */
  const redirectOf = async (query: string) => {
    const outcome = await call(query);
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(302);
    return outcome.location;
  };
  const pointOf = async (text: string) => {
    const [place] = searchPlaces((await placeIndex(database.db, geoSource))!, text);
    return formatNear(place!);
  };

  it('turns a gemeente, a woonplaats or a postcode into the point of the URL, keeping the other filters', async () => {
    const nijmegen = await pointOf('Nijmegen');
    expect(await redirectOf('?plaats=Nijmegen&kind=initiatief&page=3')).toBe(`/?kind=initiatief&near=${encodeURIComponent(nijmegen)}`);
    expect(await redirectOf('?plaats=6533+AB')).toBe(`/?near=${encodeURIComponent(await pointOf('6533'))}`);
    expect(await redirectOf('?plaats=den+bosch')).toBe(`/?near=${encodeURIComponent(await pointOf("'s-Hertogenbosch"))}`);
    // Always to the home page's own path, whatever path the request came in on ('//' would name another host).
    const oss = await callLoader(home, 'http://localhost//?plaats=Oss', testLoadContext(database.db));
    expect(oss.location).toBe(`/?near=${encodeURIComponent(await pointOf('Oss'))}`);
  });

  it('names the current point in the field, and keeps the point when the field is submitted unchanged', async () => {
    const nijmegen = await pointOf('Nijmegen');
    const page = await call(`?near=${nijmegen}&sort=distance`);
    expect(page.status).toBe(200);
    expect((page.body as Loaded).placeLabel).toBe('Nijmegen');
    expect(await redirectOf(`?near=${nijmegen}&sort=distance&plaats=Nijmegen`)).toBe(
      `/?near=${encodeURIComponent(nijmegen)}&sort=distance`,
    );
    const postcode = await call(`?near=${await pointOf('6533')}`);
    expect((postcode.body as Loaded).placeLabel).toBe('6533 — Nijmegen');
    // A point picked on the map is no place: the field stays empty, and empty keeps the point.
    const picked = await call('?near=51.9,5.9');
    expect((picked.body as Loaded).placeLabel).toBe('');
    expect(await redirectOf('?near=51.9,5.9&plaats=')).toBe('/?near=51.9%2C5.9');
  });

  it('removes the point, its radius and the distance sort when the field is emptied', async () => {
    const nijmegen = await pointOf('Nijmegen');
    expect(await redirectOf(`?q=zorg&near=${nijmegen}&radius_km=10&sort=distance&plaats=`)).toBe('/?q=zorg');
    expect(await redirectOf(`?near=${nijmegen}&sort=name&plaats=+`)).toBe('/?sort=name');
  });

  it('refuses text that names no place with a Dutch message on the field, and keeps the current point', async () => {
    const nijmegen = await pointOf('Nijmegen');
    for (const [text, message] of [
      ['Atlantis', /^Geen plaats, gemeente of postcode gevonden voor “Atlantis”\.$/],
      ['x'.repeat(61), /^Een plaatsnaam of postcode is hooguit 60 tekens lang\.$/],
    ] as const) {
      const outcome = await call(`?near=${nijmegen}&plaats=${encodeURIComponent(text)}`);
      expect(outcome.status, text).toBe(400);
      const loaded = outcome.body as Loaded;
      expect(loaded.errors.near).toMatch(message);
      expect(loaded.params.near).toEqual({ lat: Number(nijmegen.split(',')[0]), lng: Number(nijmegen.split(',')[1]) });
    }
    // What was typed stays in the field, to be corrected.
    expect(((await call('?plaats=Atlantis')).body as Loaded).placeLabel).toBe('Atlantis');
  });
});
