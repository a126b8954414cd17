import fs from 'node:fs';
import path from 'node:path';
import area from '@turf/area';
import type { Feature, Polygon } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeRegionTable,
  interiorPoint,
  parseBoundaryFile,
  readBoundaries,
  RegionLocator,
  type RegionFeature,
} from '~/regions/geodata.server';
import { parseRegionRef } from '~/regions/region-layers';
import { layerTopology, unionOfGemeenten } from '~/regions/region-shapes.server';
import { tempPath } from '../support/paths';

/** A synthetic country: two provinces side by side, three gemeenten, one of them U-shaped. */
const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const gemeente = (code: string, name: string, rings: number[][][]): Feature<Polygon> => ({
  type: 'Feature',
  properties: { statcode: code, statnaam: name },
  geometry: { type: 'Polygon', coordinates: rings },
});
// U shape: its centroid (5, ~3.9) lies in the notch, outside the polygon.
const uShape = [
  [
    [0, 0],
    [10, 0],
    [10, 10],
    [7, 10],
    [7, 2],
    [3, 2],
    [3, 10],
    [0, 10],
    [0, 0],
  ],
];
const gemeenten = [
  gemeente('GM0001', 'Hoefijzer', uShape),
  gemeente('GM0002', 'Oostdorp', [square(10, 0, 20, 10)]),
  gemeente('GM0003', 'Ringstad', [square(20, 0, 30, 10), square(24, 4, 26, 6).reverse()]),
];
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const region = (code: string, name: string, ring: number[][]) => ({
  type: 'Feature',
  properties: { statcode: code, statnaam: name },
  geometry: { type: 'Polygon', coordinates: [ring] },
});
// A hand-made TopoJSON without quantization: arcs hold absolute coordinates.
const provincieTopology = JSON.stringify({
  type: 'Topology',
  objects: {
    provincie_2030: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[0]], properties: { statcode: 'PV01', statnaam: 'West' } },
        { type: 'Polygon', arcs: [[1]], properties: { statcode: 'PV02', statnaam: 'Oost' } },
      ],
    },
  },
  arcs: [square(-1, -1, 10.5, 11), square(10.5, -1, 31, 11)],
});

let dir: string;
beforeAll(() => {
  dir = tempPath('geo-fixture');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'gemeente_2030.geojson'), collection(gemeenten));
  fs.writeFileSync(path.join(dir, 'provincie_2030.topojson'), provincieTopology);
  fs.writeFileSync(path.join(dir, 'ggdregio_2030.geojson'), collection([region('GG0001', 'GGD Alles', square(-1, -1, 31, 11))]));
  fs.writeFileSync(
    path.join(dir, 'coropgebied_2030.geojson'),
    collection([region('CR01', 'Links', square(-1, -1, 17, 11)), region('CR02', 'Rechts', square(17, -1, 31, 11))]),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('boundary files', () => {
  it('reads TopoJSON and GeoJSON into features with CBS code and name', () => {
    const provincies = parseBoundaryFile(provincieTopology);
    expect(provincies.map((f) => f.properties)).toEqual([
      { code: 'PV01', name: 'West' },
      { code: 'PV02', name: 'Oost' },
    ]);
    expect(provincies[0]!.geometry.type).toBe('Polygon');
    expect(parseBoundaryFile(collection(gemeenten)).map((f) => f.properties.code)).toEqual(['GM0001', 'GM0002', 'GM0003']);
    expect(() => parseBoundaryFile('{"type":"Point","coordinates":[0,0]}')).toThrow();
  });

  it('reports the layers it could not find', () => {
    const boundaries = readBoundaries(dir, 2030);
    expect(Object.keys(boundaries.layers).sort()).toEqual(['corop', 'gemeente', 'ggd', 'provincie']);
    expect(boundaries.missing).toEqual(['zorgkantoorregio_2030.topojson']);
    expect(readBoundaries(dir, 2031).missing).toHaveLength(5);
  });
});

describe('interior point and point-in-polygon', () => {
  const features = parseBoundaryFile(collection(gemeenten));
  const locator = new RegionLocator(features);

  it('puts the interior point of a concave gemeente inside it, where a centroid would not be', () => {
    const point = interiorPoint(features[0] as RegionFeature);
    expect(locator.locate(point.lng, point.lat)?.code).toBe('GM0001');
    expect(locator.locate(5, 4)).toBeNull(); // the centroid of the U lies in its notch
  });

  it('honours holes and reports points outside every polygon', () => {
    expect(locator.locate(21, 1)?.code).toBe('GM0003');
    expect(locator.locate(25, 5)).toBeNull(); // inside the hole of Ringstad
    expect(locator.locate(15, 5)?.code).toBe('GM0002');
    expect(locator.locate(50, 50)).toBeNull();
  });
});

describe('gemeente → region table', () => {
  it('assigns every gemeente to the region that contains its interior point', () => {
    const table = computeRegionTable(readBoundaries(dir, 2030));
    expect(table.municipalities.map((m) => [m.code, m.regions])).toEqual([
      ['GM0001', { provincie: 'PV01', ggd: 'GG0001', corop: 'CR01' }],
      ['GM0002', { provincie: 'PV02', ggd: 'GG0001', corop: 'CR01' }],
      ['GM0003', { provincie: 'PV02', ggd: 'GG0001', corop: 'CR02' }],
    ]);
    expect(table.unassigned).toEqual([]);
    expect(table.regions.filter((r) => r.layer === 'gemeente')).toHaveLength(3);
  });
});

describe('region references', () => {
  it('parses layer:code and rejects anything else', () => {
    expect(parseRegionRef('ggd:GG0111')).toEqual({ layer: 'ggd', code: 'GG0111' });
    expect(parseRegionRef('gemeente:GM0268')).toEqual({ layer: 'gemeente', code: 'GM0268' });
    expect(parseRegionRef('wijk:WK1')).toBeNull();
    expect(parseRegionRef('gemeente:GM0268; drop table')).toBeNull();
  });
});

describe('region shapes for the map', () => {
  it('turns a layer into a topology with only code and name, and leaves missing layers out', () => {
    const source = { geoDir: dir, year: 2030 };
    const shapes = layerTopology(source, 'gemeente')!;
    const regions = topoFeature(shapes.topology, shapes.topology.objects.gemeente as GeometryCollection);
    expect(regions.features.map((f) => f.properties)).toEqual([
      { code: 'GM0001', name: 'Hoefijzer' },
      { code: 'GM0002', name: 'Oostdorp' },
      { code: 'GM0003', name: 'Ringstad' },
    ]);
    expect(JSON.parse(shapes.body)).toEqual(shapes.topology);
    expect(layerTopology(source, 'zorgkantoor')).toBeNull();
  });

  it('merges neighbouring gemeenten into one shape whose area is the sum of theirs', () => {
    const source = { geoDir: dir, year: 2030 };
    const union = unionOfGemeenten(source, ['GM0001', 'GM0002'])!;
    // The shared border at x = 10 dissolves: one polygon, not two.
    expect(union.coordinates).toHaveLength(1);
    const separate = area(gemeenten[0]!) + area(gemeenten[1]!);
    expect(Math.abs(area(union) - separate) / separate).toBeLessThan(0.001);
    // Ringstad keeps its hole.
    expect(unionOfGemeenten(source, ['GM0003'])!.coordinates[0]).toHaveLength(2);
    expect(unionOfGemeenten(source, ['GM9999'])).toBeNull();
  });
});
