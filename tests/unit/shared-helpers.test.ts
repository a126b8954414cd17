import { describe, expect, it } from 'vitest';
import { jsonError, jsonNoStore } from '~/api/responses';
import { badRequest } from '~/api/parameter-errors';
import { clusterLabel } from '~/map/leaflet-markers';
import { isInNetherlands, NETHERLANDS_BBOX, NETHERLANDS_BOUNDS } from '~/map/netherlands';
import { kindLabel, kindPlural } from '~/taxonomy/taxonomy';
import { describeRouteError } from '~/utils/route-error';

describe('the Netherlands box', () => {
  it('holds the corners of the country and nothing beyond its neighbours', () => {
    for (const point of [
      { lat: 50.76, lng: 6.02 }, // Vaals
      { lat: 53.55, lng: 6.58 }, // Rottumerplaat
      { lat: 51.37, lng: 3.37 }, // Cadzand
      { lat: 53.17, lng: 7.22 }, // Bad Nieuweschans
    ]) {
      expect(isInNetherlands(point)).toBe(true);
    }
    expect(isInNetherlands({ lat: 48.85, lng: 2.35 })).toBe(false); // Paris
    expect(isInNetherlands({ lat: 50.63, lng: 5.57 })).toBe(false); // Liège
    expect(NETHERLANDS_BBOX).toEqual([
      NETHERLANDS_BOUNDS.west,
      NETHERLANDS_BOUNDS.south,
      NETHERLANDS_BOUNDS.east,
      NETHERLANDS_BOUNDS.north,
    ]);
  });
});

describe('kind labels', () => {
  it('come from the taxonomy, singular and plural', () => {
    expect([kindLabel('coalitie'), kindLabel('initiatief')]).toEqual(['Doe-coalitie', 'Burgerinitiatief']);
    expect([kindPlural('coalitie'), kindPlural('initiatief')]).toEqual(['Doe-coalities', 'Burgerinitiatieven']);
    expect(kindLabel('bedrijf')).toBe('bedrijf');
  });

  it('name a cluster with counts per kind', () => {
    expect(clusterLabel({ point_count: 3, coalitie: 1, initiatief: 2 })).toBe(
      'Cluster van 3 vermeldingen: 1 doe-coalitie en 2 burgerinitiatieven. Activeer om in te zoomen.',
    );
  });
});

describe('API responses', () => {
  it('answers JSON that no cache keeps', async () => {
    const response = jsonNoStore({ ok: true }, 503);
    expect(response.status).toBe(503);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('gives errors as { error } with their status, and bad input with every parameter message', async () => {
    const notFound = jsonError(404, 'Deze vermelding bestaat niet of is niet openbaar.');
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('Cache-Control')).toBe('no-store');
    expect(await notFound.json()).toEqual({ error: 'Deze vermelding bestaat niet of is niet openbaar.' });

    const bad = badRequest({ zoom: 'Het zoomniveau moet een getal zijn.', bbox: 'Deze parameter is verplicht.' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Cache-Control')).toBe('no-store');
    expect(await bad.json()).toEqual({
      error: "Ongeldige parameter 'zoom': Het zoomniveau moet een getal zijn.",
      errors: { zoom: 'Het zoomniveau moet een getal zijn.', bbox: 'Deze parameter is verplicht.' },
    });
  });
});

describe('the error page', () => {
  const routeError = (status: number, data: unknown) => ({ status, statusText: '', internal: false, data });

  it('shows the message a route threw with its response', () => {
    expect(describeRouteError(routeError(404, { message: 'Deze vermelding bestaat niet of is niet openbaar.' }))).toEqual({
      heading: 'Pagina niet gevonden',
      message: 'Deze vermelding bestaat niet of is niet openbaar.',
    });
    expect(describeRouteError(routeError(503, { message: 'De zoekmachine is niet bereikbaar.' }))).toEqual({
      heading: 'Er ging iets mis',
      message: 'De zoekmachine is niet bereikbaar.',
    });
  });

  it('falls back to a general Dutch text, never internals or a stack trace', () => {
    const noRoute = { ...routeError(404, 'Error: No route matches URL "/nergens"'), internal: true };
    expect(describeRouteError(noRoute)).toEqual({
      heading: 'Pagina niet gevonden',
      message: 'Deze pagina bestaat niet (meer). Misschien is de vermelding verplaatst of gearchiveerd.',
    });
    expect(describeRouteError(new Error('SQLITE_BUSY: database is locked'))).toEqual({
      heading: 'Er ging iets mis',
      message: 'Probeer het later opnieuw. Blijft het misgaan, laat het ons dan weten.',
    });
  });
});
