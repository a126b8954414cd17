import fs from 'node:fs';
import path from 'node:path';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagMatches, strongEtag } from '~/regions/etag.server';
import { layerFileName, layerTopology, namedGemeenten, unionOfGemeenten } from '~/regions/region-shapes.server';
import { tempPath } from '../support/paths';

/**
 * A synthetic country near Utrecht, built here as a quantized topology the way the prepared
 * files are (shared borders stored once): a 2×2 block of square gemeenten A B / C D, and a
 * gemeente R with a hole that is exactly the enclave E.
 */
const X = 5;
const Y = 52;
const box = (x0: number, y0: number, x1: number, y1: number) => [
  [X + x0, Y + y0],
  [X + x1, Y + y0],
  [X + x1, Y + y1],
  [X + x0, Y + y1],
  [X + x0, Y + y0],
];
const gemeente = (code: string | null, name: string, rings: number[][][]): Feature<Polygon> => ({
  type: 'Feature',
  // The extra properties of the CBS files, which the API must not pass on.
  properties: code
    ? { statcode: code, statnaam: name, jrstatcode: `2040${code}`, rubriek: 'gemeente', FID: `gemeente.${code}` }
    : { naam: name },
  geometry: { type: 'Polygon', coordinates: rings },
});
const features: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [
    gemeente('GM0001', 'Aadorp', [box(0, 0, 0.1, 0.1)]),
    gemeente('GM0002', 'Beekdorp', [box(0.1, 0, 0.2, 0.1)]),
    gemeente('GM0003', 'Cepdorp', [box(0, 0.1, 0.1, 0.2)]),
    gemeente('GM0004', 'Dedorp', [box(0.1, 0.1, 0.2, 0.2)]),
    gemeente('GM0005', 'Ringstad', [box(0.3, 0, 0.6, 0.3), box(0.4, 0.1, 0.5, 0.2).reverse()]),
    gemeente('GM0006', 'Enclave', [box(0.4, 0.1, 0.5, 0.2)]),
    gemeente(null, 'zonder code', [box(1, 1, 1.1, 1.1)]),
  ],
};
const source: Topology = topology({ gemeente_2040: features }, 1e4);

let dir: string;
let gemeenteFile: string;
beforeAll(() => {
  dir = tempPath('shapes-fixture');
  fs.mkdirSync(dir, { recursive: true });
  gemeenteFile = path.join(dir, 'gemeente_2040.topojson');
  fs.writeFileSync(gemeenteFile, JSON.stringify(source));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const geo = () => ({ geoDir: dir, year: 2040 });
const areaOf = (...codes: string[]) => {
  const shapes = layerTopology(geo(), 'gemeente')!;
  const all = topoFeature(shapes.topology, shapes.topology.objects.gemeente as GeometryCollection<{ code: string }>);
  return all.features.filter((f) => codes.includes(f.properties.code)).reduce((sum, f) => sum + area(f), 0);
};

describe('a layer as served to the map', () => {
  it('keeps the prepared topology (arcs and quantization) and reduces properties to code and name', () => {
    const shapes = layerTopology(geo(), 'gemeente')!;
    expect(shapes.topology.arcs).toEqual(source.arcs);
    expect(shapes.topology.transform).toEqual(source.transform);
    expect(Object.keys(shapes.topology.objects)).toEqual(['gemeente']);
    const object = shapes.topology.objects.gemeente as GeometryCollection<{ code: string; name: string }>;
    // The geometry without a CBS code is left out; ids are the codes, for Leaflet and the client.
    expect(object.geometries.map((g) => [g.id, g.properties])).toEqual([
      ['GM0001', { code: 'GM0001', name: 'Aadorp' }],
      ['GM0002', { code: 'GM0002', name: 'Beekdorp' }],
      ['GM0003', { code: 'GM0003', name: 'Cepdorp' }],
      ['GM0004', { code: 'GM0004', name: 'Dedorp' }],
      ['GM0005', { code: 'GM0005', name: 'Ringstad' }],
      ['GM0006', { code: 'GM0006', name: 'Enclave' }],
    ]);
    expect(shapes.body).not.toMatch(/statcode|FID|rubriek/);
    expect(JSON.parse(shapes.body)).toEqual(shapes.topology);
    expect(shapes.body.length).toBeLessThan(fs.statSync(gemeenteFile).size);
  });

  it('decodes on the client to the same shapes as the source file', () => {
    const shapes = layerTopology(geo(), 'gemeente')!;
    const served = topoFeature(shapes.topology, shapes.topology.objects.gemeente as GeometryCollection);
    const original = topoFeature(source, source.objects.gemeente_2040 as GeometryCollection);
    expect(served.features.map((f) => f.geometry)).toEqual(original.features.slice(0, 6).map((f) => f.geometry));
  });

  it('is built once, with a strong ETag of its bytes, and missing layers are reported by file name', () => {
    const shapes = layerTopology(geo(), 'gemeente')!;
    expect(layerTopology(geo(), 'gemeente')).toBe(shapes);
    expect(shapes.etag).toBe(strongEtag(shapes.body));
    expect(shapes.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(layerTopology(geo(), 'ggd')).toBeNull();
    expect(layerFileName('ggd', 2040)).toBe('ggdregio_2040.topojson');
    expect(layerFileName('zorgkantoor', 2025)).toBe('zorgkantoorregio_2025.topojson');
  });
});

describe('the werkgebied: a union of gemeenten', () => {
  it('dissolves the shared border of two neighbours into one polygon of their combined area', () => {
    const union = unionOfGemeenten(geo(), ['GM0001', 'GM0002'])!;
    expect(union.coordinates).toHaveLength(1);
    expect(union.coordinates[0]).toHaveLength(1); // one outer ring, no hole
    expect(area(union)).toBeCloseTo(areaOf('GM0001', 'GM0002'), 0);
  });

  it('leaves no trace of inner borders when a block of four is merged', () => {
    const union = unionOfGemeenten(geo(), ['GM0001', 'GM0002', 'GM0003', 'GM0004'])!;
    expect(union.coordinates).toHaveLength(1);
    const ring = union.coordinates[0]![0]!;
    // The corner all four share lies inside the union, not on its outline.
    expect(ring.some(([x, y]) => Math.abs(x! - (X + 0.1)) < 1e-4 && Math.abs(y! - (Y + 0.1)) < 1e-4)).toBe(false);
    expect(booleanPointInPolygon([X + 0.1, Y + 0.1], union)).toBe(true);
    expect(area(union)).toBeCloseTo(areaOf('GM0001', 'GM0002', 'GM0003', 'GM0004'), 0);
  });

  it('keeps gemeenten that only touch at a corner as separate parts', () => {
    const union = unionOfGemeenten(geo(), ['GM0001', 'GM0004'])!;
    expect(union.coordinates).toHaveLength(2);
  });

  it('fills a hole with its enclave, and keeps the hole without it', () => {
    const ring = unionOfGemeenten(geo(), ['GM0005'])!;
    expect(ring.coordinates[0]).toHaveLength(2);
    expect(booleanPointInPolygon([X + 0.45, Y + 0.15], ring)).toBe(false);
    const filled = unionOfGemeenten(geo(), ['GM0005', 'GM0006'])!;
    expect(filled.coordinates).toEqual([[expect.any(Array)]]);
    expect(booleanPointInPolygon([X + 0.45, Y + 0.15], filled)).toBe(true);
    expect(area(filled)).toBeCloseTo(areaOf('GM0005', 'GM0006'), 0);
  });

  it('ignores codes the boundaries do not know, and is null when none is known', () => {
    expect(unionOfGemeenten(geo(), ['GM0001', 'GM9999'])).toEqual(unionOfGemeenten(geo(), ['GM0001']));
    expect(unionOfGemeenten(geo(), ['GM9999'])).toBeNull();
    expect(unionOfGemeenten(geo(), [])).toBeNull();
    expect(unionOfGemeenten({ geoDir: dir, year: 2041 }, ['GM0001'])).toBeNull();
  });

  it('names the gemeenten it is made of', () => {
    expect(namedGemeenten(geo(), ['GM0006', 'GM9999', 'GM0001'])).toEqual([
      { code: 'GM0006', name: 'Enclave' },
      { code: 'GM0001', name: 'Aadorp' },
    ]);
    expect(namedGemeenten({ geoDir: dir, year: 2041 }, ['GM0001'])).toEqual([]);
  });
});

describe('conditional requests', () => {
  const tag = strongEtag('{"a":1}');

  it('matches the tag alone, in a list, weakened by a proxy, or as *', () => {
    expect(etagMatches(tag, tag)).toBe(true);
    expect(etagMatches(`"other", ${tag}`, tag)).toBe(true);
    expect(etagMatches(`W/${tag}`, tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
  });

  it('does not match another tag or no header', () => {
    expect(etagMatches(strongEtag('{"a":2}'), tag)).toBe(false);
    expect(etagMatches(null, tag)).toBe(false);
    expect(etagMatches('', tag)).toBe(false);
  });
});
