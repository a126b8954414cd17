import fs from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { merge } from 'topojson-client';
import { topology as buildTopology } from 'topojson-server';
import type { GeometryCollection, MultiPolygon as TopoMultiPolygon, Polygon as TopoPolygon, Topology } from 'topojson-specification';
import { strongEtag } from './etag.server';
import { boundaryFileCandidates, parseBoundaryFile, type RegionProperties } from './geodata.server';
import { REGION_LAYERS, type RegionLayer } from './region-layers';
import type { GeoSource } from './regions.server';

/** A region layer ready to serve: its topology (one object, named after the layer), the JSON body and its ETag. */
export type LayerTopology = { topology: Topology; body: string; etag: string };

type RegionGeometry = (TopoPolygon<RegionProperties> | TopoMultiPolygon<RegionProperties>) & { id: string };

// For GeoJSON input only: about 4 m on the Dutch extent, finer than the generalised boundaries themselves.
const QUANTIZATION = 1e5;
const cache = new Map<string, LayerTopology>();

/** The file name a layer is expected under, for telling the operator what is missing. */
export function layerFileName(layer: RegionLayer, year: number): string {
  const { file } = REGION_LAYERS.find((l) => l.layer === layer)!;
  return `${file}_${year}.topojson`;
}

type RawGeometry = { type?: unknown; arcs?: unknown; properties?: { statcode?: unknown; statnaam?: unknown } | null };

/**
 * Keeps a prepared topology as it is (arcs, quantization, shared borders) and only reduces each
 * region to `{ code, name }`: the files are already simplified, so re-encoding would only lose detail.
 */
function stripTopology(source: Topology, layer: RegionLayer): Topology {
  const object = Object.values(source.objects)[0] as { geometries?: RawGeometry[] } | undefined;
  const geometries: RegionGeometry[] = [];
  for (const raw of object?.geometries ?? []) {
    const code = raw.properties?.statcode;
    const name = raw.properties?.statnaam;
    if (typeof code !== 'string' || typeof name !== 'string') continue;
    if (raw.type !== 'Polygon' && raw.type !== 'MultiPolygon') continue;
    const properties = { code: code.trim(), name: name.trim() };
    geometries.push({ type: raw.type, arcs: raw.arcs, id: properties.code, properties } as RegionGeometry);
  }
  return {
    type: 'Topology',
    ...(source.bbox ? { bbox: source.bbox } : {}),
    ...(source.transform ? { transform: source.transform } : {}),
    objects: { [layer]: { type: 'GeometryCollection', geometries } },
    arcs: source.arcs,
  };
}

/** Boundaries downloaded as GeoJSON have no topology yet: build one, so neighbours share their borders. */
function topologyFromGeoJson(text: string, layer: RegionLayer): Topology {
  const collection: FeatureCollection<Polygon | MultiPolygon, RegionProperties> = {
    type: 'FeatureCollection',
    features: parseBoundaryFile(text).map((feature) => ({ ...feature, id: feature.properties.code })),
  };
  return buildTopology({ [layer]: collection }, QUANTIZATION);
}

/**
 * One region layer as TopoJSON with properties `{ code, name }`, read once per process from
 * GEO_DIR. Null when the layer's file is missing (not cached, so a copied-in file is picked up).
 */
export function layerTopology(source: GeoSource, layer: RegionLayer): LayerTopology | null {
  const key = `${source.geoDir}|${source.year}|${layer}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { file } = REGION_LAYERS.find((l) => l.layer === layer)!;
  const found = boundaryFileCandidates(source.geoDir, file, source.year).find((candidate) => fs.existsSync(candidate));
  if (!found) return null;
  const text = fs.readFileSync(found, 'utf8');
  const parsed = JSON.parse(text) as { type?: unknown };
  const topology = parsed.type === 'Topology' ? stripTopology(parsed as Topology, layer) : topologyFromGeoJson(text, layer);
  const body = JSON.stringify(topology);
  const entry = { topology, body, etag: strongEtag(body) };
  cache.set(key, entry);
  return entry;
}

function gemeenteGeometries(gemeenten: LayerTopology): RegionGeometry[] {
  return (gemeenten.topology.objects.gemeente as GeometryCollection<RegionProperties>).geometries as RegionGeometry[];
}

/**
 * The union of gemeenten as one MultiPolygon, merged on the topology: shared borders are the
 * same arcs, so they dissolve exactly, without the slivers a polygon union of simplified
 * shapes leaves. Null when the boundaries are missing or none of the codes is known.
 */
export function unionOfGemeenten(source: GeoSource, codes: readonly string[]): MultiPolygon | null {
  const gemeenten = layerTopology(source, 'gemeente');
  if (!gemeenten) return null;
  const wanted = new Set(codes);
  const parts = gemeenteGeometries(gemeenten).filter((geometry) => wanted.has(geometry.id));
  if (parts.length === 0) return null;
  return merge(gemeenten.topology, parts);
}

/** Code and name of the given gemeenten that the boundaries know, in the order asked. */
export function namedGemeenten(source: GeoSource, codes: readonly string[]): RegionProperties[] {
  const gemeenten = layerTopology(source, 'gemeente');
  if (!gemeenten) return [];
  const byCode = new Map(gemeenteGeometries(gemeenten).map((geometry) => [geometry.id, geometry.properties!]));
  return codes.flatMap((code) => byCode.get(code) ?? []);
}
