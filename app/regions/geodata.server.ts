import fs from 'node:fs';
import path from 'node:path';
import area from '@turf/area';
import bbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { PARENT_LAYERS, REGION_LAYERS, type RegionLayer } from './region-layers';

/**
 * Reads the CBS boundary layers (TopoJSON as prepared, or GeoJSON as downloaded from PDOK)
 * and derives the gemeente → region table from them: one interior point per gemeente,
 * tested against each region layer's polygons.
 */

export type RegionProperties = { code: string; name: string };
export type RegionFeature = Feature<Polygon | MultiPolygon, RegionProperties>;
type BBox = [number, number, number, number];

export type Boundaries = {
  year: number;
  layers: Partial<Record<RegionLayer, RegionFeature[]>>;
  missing: string[];
};

export type MunicipalityRecord = {
  code: string;
  name: string;
  lat: number;
  lng: number;
  regions: Partial<Record<RegionLayer, string>>;
};

export type RegionTable = {
  year: number;
  municipalities: MunicipalityRecord[];
  regions: Array<{ layer: RegionLayer; code: string; name: string }>;
  /** Gemeenten whose interior point fell in no region of a layer (should be empty). */
  unassigned: Array<{ gemeente: string; layer: RegionLayer }>;
};

type RawProperties = { statcode?: unknown; statnaam?: unknown };

function toRegionFeature(raw: Feature<Polygon | MultiPolygon | null, RawProperties | null>): RegionFeature | null {
  const code = raw.properties?.statcode;
  const name = raw.properties?.statnaam;
  if (typeof code !== 'string' || typeof name !== 'string' || !raw.geometry) return null;
  if (raw.geometry.type !== 'Polygon' && raw.geometry.type !== 'MultiPolygon') return null;
  return { type: 'Feature', geometry: raw.geometry, properties: { code: code.trim(), name: name.trim() } };
}

/** Parses one layer file: a TopoJSON topology (first object) or a GeoJSON FeatureCollection. */
export function parseBoundaryFile(text: string): RegionFeature[] {
  const data = JSON.parse(text) as Topology | FeatureCollection;
  let collection: FeatureCollection<Polygon | MultiPolygon | null, RawProperties | null>;
  if (data.type === 'Topology') {
    const objectName = Object.keys(data.objects)[0];
    if (!objectName) return [];
    collection = topoFeature(data, data.objects[objectName] as GeometryCollection<RawProperties>) as FeatureCollection<
      Polygon | MultiPolygon | null,
      RawProperties | null
    >;
  } else if (data.type === 'FeatureCollection') {
    collection = data as FeatureCollection<Polygon | MultiPolygon | null, RawProperties | null>;
  } else {
    throw new Error('Not a TopoJSON topology or GeoJSON FeatureCollection');
  }
  return collection.features.map(toRegionFeature).filter((f): f is RegionFeature => f !== null);
}

export function boundaryFileCandidates(geoDir: string, file: string, year: number): string[] {
  return [`${file}_${year}.topojson`, `${file}_${year}.geojson`, `${file}_${year}.json`].map((name) => path.join(geoDir, name));
}

export function readBoundaries(geoDir: string, year: number): Boundaries {
  const boundaries: Boundaries = { year, layers: {}, missing: [] };
  for (const { layer, file } of REGION_LAYERS) {
    const found = boundaryFileCandidates(geoDir, file, year).find((candidate) => fs.existsSync(candidate));
    if (!found) {
      boundaries.missing.push(`${file}_${year}.topojson`);
      continue;
    }
    boundaries.layers[layer] = parseBoundaryFile(fs.readFileSync(found, 'utf8'));
  }
  return boundaries;
}

function largestPolygon(geometry: Polygon | MultiPolygon): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  let best: Position[][] = geometry.coordinates[0] ?? [];
  let bestArea = -1;
  for (const rings of geometry.coordinates) {
    const size = area({ type: 'Polygon', coordinates: rings });
    if (size > bestArea) {
      bestArea = size;
      best = rings;
    }
  }
  return best;
}

/** A point guaranteed inside the feature (pole of inaccessibility of its largest part), unlike a centroid. */
export function interiorPoint(feature: RegionFeature): { lng: number; lat: number } {
  const rings = largestPolygon(feature.geometry).map((ring) => ring.map(([x, y]) => [x!, y!] as [number, number]));
  const [lng, lat] = polylabel(rings, 0.0005);
  return { lng: Math.round(lng * 1e5) / 1e5, lat: Math.round(lat * 1e5) / 1e5 };
}

/** Point-in-polygon lookup over one layer, with a bounding-box pre-check. */
export class RegionLocator {
  private readonly items: Array<{ feature: RegionFeature; box: BBox }>;

  constructor(features: RegionFeature[]) {
    this.items = features.map((feature) => ({ feature, box: bbox(feature) as BBox }));
  }

  locate(lng: number, lat: number): RegionProperties | null {
    for (const { feature, box } of this.items) {
      if (lng < box[0] || lat < box[1] || lng > box[2] || lat > box[3]) continue;
      if (booleanPointInPolygon([lng, lat], feature)) return feature.properties;
    }
    return null;
  }
}

export function computeRegionTable(boundaries: Boundaries): RegionTable {
  const gemeenten = boundaries.layers.gemeente ?? [];
  const locators = PARENT_LAYERS.flatMap(({ layer }) => {
    const features = boundaries.layers[layer];
    return features ? [{ layer, locator: new RegionLocator(features) }] : [];
  });
  const table: RegionTable = { year: boundaries.year, municipalities: [], regions: [], unassigned: [] };

  for (const { layer } of REGION_LAYERS) {
    for (const feature of boundaries.layers[layer] ?? []) {
      table.regions.push({ layer, code: feature.properties.code, name: feature.properties.name });
    }
  }
  for (const gemeente of gemeenten) {
    const point = interiorPoint(gemeente);
    const regions: MunicipalityRecord['regions'] = {};
    for (const { layer, locator } of locators) {
      const region = locator.locate(point.lng, point.lat);
      if (region) regions[layer] = region.code;
      else table.unassigned.push({ gemeente: gemeente.properties.code, layer });
    }
    table.municipalities.push({ ...gemeente.properties, ...point, regions });
  }
  table.municipalities.sort((a, b) => a.code.localeCompare(b.code));
  return table;
}
