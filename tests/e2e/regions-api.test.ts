import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, inject, it } from 'vitest';
import { hasGeodata } from '../support/paths';

const baseUrl = inject('baseUrl');

/** The region endpoints through the built app's HTTP stack (compression included). */
describe.runIf(hasGeodata)('region layers, choropleth and werkgebied over HTTP', () => {
  it('serves each layer compressed, cacheable for a day, and 304 on revalidation', async () => {
    for (const [layer, regions] of [
      ['gemeente', 342],
      ['provincie', 12],
      ['ggd', 25],
      ['zorgkantoor', 31],
      ['corop', 40],
    ] as const) {
      const response = await fetch(`${baseUrl}/api/regions/${layer}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Encoding')).toBe('gzip');
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=86400');
      const etag = response.headers.get('ETag')!;
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      const topology = (await response.json()) as Topology;
      expect(feature(topology, topology.objects[layer] as GeometryCollection).features).toHaveLength(regions);
      const again = await fetch(`${baseUrl}/api/regions/${layer}`, { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
    }
  });

  it('answers an unknown layer with a Dutch 404', async () => {
    const response = await fetch(`${baseUrl}/api/regions/wijk`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Onbekende regiolaag 'wijk'/);
  });

  it('gives figures per region for the filters, and a Dutch 400 for bad ones', async () => {
    const response = await fetch(`${baseUrl}/api/map/choropleth?layer=provincie&metric=count&kind=coalitie`);
    expect(response.status).toBe(200);
    const stats = (await response.json()) as {
      layer: string;
      metric: string;
      values: Record<string, number>;
      counts: Record<string, number>;
      max: number;
    };
    expect(stats).toMatchObject({ layer: 'provincie', metric: 'count' });
    const coalities = (await (await fetch(`${baseUrl}/api/entries?kind=coalitie&limit=1`)).json()) as {
      facets: { region: Record<string, number> };
    };
    for (const [code, n] of Object.entries(stats.values)) expect(coalities.facets.region[`provincie:${code}`]).toBe(n);
    expect(stats.max).toBe(Math.max(...Object.values(stats.values)));

    const bad = await fetch(`${baseUrl}/api/map/choropleth?layer=buurt&metric=partnered`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; errors: Record<string, string> };
    expect(body.error).toMatch(/^Ongeldige parameter 'layer'/);
    expect(Object.keys(body.errors)).toEqual(['layer']);
  });

  it('draws the werkgebied of a coalitie and says 404 for an unknown one', async () => {
    const { hits } = (await (await fetch(`${baseUrl}/api/entries?kind=coalitie&limit=1`)).json()) as {
      hits: Array<{ slug: string; name: string }>;
    };
    const response = await fetch(`${baseUrl}/api/entries/${hits[0]!.slug}/coverage`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/geo\+json/);
    const werkgebied = (await response.json()) as {
      type: string;
      geometry: { type: string };
      properties: { slug: string; name: string; gemeenten: Array<{ code: string; name: string }> };
    };
    expect(werkgebied).toMatchObject({
      type: 'Feature',
      geometry: { type: 'MultiPolygon' },
      properties: { slug: hits[0]!.slug, name: hits[0]!.name },
    });
    expect(werkgebied.properties.gemeenten.length).toBeGreaterThan(0);
    expect(
      (await fetch(`${baseUrl}/api/entries/${hits[0]!.slug}/coverage`, { headers: { 'If-None-Match': response.headers.get('ETag')! } }))
        .status,
    ).toBe(304);

    const unknown = await fetch(`${baseUrl}/api/entries/bestaat-niet/coverage`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/bestaat niet/);
  });
});
