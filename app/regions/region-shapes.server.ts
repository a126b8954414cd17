import crypto from 'node:crypto';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { merge } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { RegionProperties } from './geodata.server';
import type { RegionLayer } from './region-layers';
import { loadBoundaries, type GeoSource } from './regions.server';

export type LayerTopology = { topology: Topology; body: string; etag: string };

// About 4 m on the Dutch extent: finer than the generalised boundaries themselves.
const QUANTIZATION = 1e5;
const cache = new Map<string, LayerTopology>();

/**
 * One region layer as TopoJSON (shared borders stored once, properties reduced to code and
 * name), built once per process from the boundary files, with an ETag for HTTP caching.
 * Null when the layer's file is missing.
 */
export function layerTopology(source: GeoSource, layer: RegionLayer): LayerTopology | null {
  const key = `${source.geoDir}|${source.year}|${layer}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const features = loadBoundaries(source).layers[layer];
  if (!features) return null;
  const collection: FeatureCollection<Polygon | MultiPolygon, RegionProperties> = {
    type: 'FeatureCollection',
    features: features.map((feature) => ({ ...feature, id: feature.properties.code })),
  };
  const built = topology({ [layer]: collection }, QUANTIZATION);
  const body = JSON.stringify(built);
  const entry = { topology: built, body, etag: `"${crypto.createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
  cache.set(key, entry);
  return entry;
}

/**
 * The union of gemeenten as one (Multi)Polygon: merged on the topology, so shared borders
 * dissolve exactly, without slivers. Null when none of the codes is known.
 */
export function unionOfGemeenten(source: GeoSource, codes: readonly string[]): MultiPolygon | null {
  const gemeenten = layerTopology(source, 'gemeente');
  if (!gemeenten) return null;
  const wanted = new Set(codes);
  const object = gemeenten.topology.objects.gemeente as GeometryCollection<RegionProperties>;
  const parts = object.geometries.filter((geometry) => wanted.has((geometry.properties as RegionProperties).code));
  if (parts.length === 0) return null;
  return merge(gemeenten.topology, parts as Parameters<typeof merge>[1]);
}
