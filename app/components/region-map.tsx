import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type * as Leaflet from 'leaflet';
import { useEffect, useRef } from 'react';
import { feature as topoFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { isCluster, type ClusterCollection } from '~/map/clusters';
import { clusterMarker, entryMarker } from '~/map/leaflet-markers';
import { MAX_ZOOM, MIN_ZOOM, NETHERLANDS_LATLNG_BOUNDS } from '~/map/netherlands';
import type { RegionLayer } from '~/regions/region-layers';
import type { PartnershipLine } from '~/regions/region-page';

type Shape = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

const BOUNDARY: Leaflet.PathOptions = { color: '#14507d', weight: 3, fillColor: '#14507d', fillOpacity: 0.06, interactive: false };
const PARTNERSHIP_LINE: Leaflet.PolylineOptions = { className: 'partnership-line', interactive: false, weight: 2 };

/** The region's own shape, from the layer's TopoJSON (GET /api/regions/:layer, cacheable). */
async function regionShape(layer: RegionLayer, code: string, signal: AbortSignal): Promise<Shape | null> {
  const response = await fetch(`/api/regions/${layer}`, { signal });
  if (!response.ok) return null;
  const topology = (await response.json()) as Topology;
  const object = Object.values(topology.objects)[0];
  if (!object) return null;
  const shapes = topoFeature(topology, object) as unknown as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  return shapes.features.find((shape) => shape.properties.code === code) ?? null;
}

/**
 * A region on a map: its boundary, its entries (clusters from /api/map/clusters filtered on the
 * region, redrawn as the view changes) and its partnerships as lines. The page's tables list the
 * same entries' figures and partnerships; the map repeats them. Leaflet needs `window`, so it is
 * loaded in an effect, never during server rendering.
 */
export function RegionMap({
  layer,
  code,
  name,
  lines,
  tileUrl,
  tileAttribution,
}: {
  layer: RegionLayer;
  code: string;
  name: string;
  lines: PartnershipLine[];
  tileUrl: string;
  tileAttribution: string;
}) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    let map: Leaflet.Map | undefined;
    void import('leaflet').then(async ({ default: L }) => {
      if (controller.signal.aborted || !container.current) return;
      const leaflet = L.map(container.current, { minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, keyboard: true });
      map = leaflet;
      leaflet.fitBounds(NETHERLANDS_LATLNG_BOUNDS);
      L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: MAX_ZOOM }).addTo(leaflet);
      const shape = await regionShape(layer, code, controller.signal).catch(() => null);
      if (controller.signal.aborted) return;
      if (shape) {
        const boundary = L.geoJSON(shape, { style: BOUNDARY }).addTo(leaflet);
        leaflet.fitBounds(boundary.getBounds(), { padding: [8, 8], animate: false });
      }
      for (const line of lines) {
        L.polyline(
          [
            [line.a.lat, line.a.lng],
            [line.b.lat, line.b.lng],
          ],
          PARTNERSHIP_LINE,
        ).addTo(leaflet);
      }
      const markers = L.layerGroup().addTo(leaflet);
      let request: AbortController | undefined;
      const drawEntries = async () => {
        request?.abort();
        request = new AbortController();
        const bounds = leaflet.getBounds();
        const query = new URLSearchParams({
          bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v) => v.toFixed(5)).join(','),
          zoom: String(leaflet.getZoom()),
          region: `${layer}:${code}`,
        });
        const response = await fetch(`/api/map/clusters?${query}`, { signal: request.signal });
        if (!response.ok) return;
        const collection = (await response.json()) as ClusterCollection;
        markers.clearLayers();
        for (const item of collection.features) {
          const [lng, lat] = item.geometry.coordinates as [number, number];
          const props = item.properties;
          if (isCluster(props)) {
            const marker = clusterMarker(L, lat, lng, props);
            marker.on('click', () => leaflet.setView([lat, lng], props.expansion_zoom));
            markers.addLayer(marker);
          } else {
            markers.addLayer(entryMarker(L, { ...props, lat, lng }));
          }
        }
      };
      leaflet.on('moveend', () => void drawEntries().catch(() => {}));
      await drawEntries().catch(() => {});
      container.current?.setAttribute('data-ready', 'true');
    });
    return () => {
      controller.abort();
      map?.remove();
    };
  }, [layer, code, lines, tileUrl, tileAttribution]);

  return (
    <div
      ref={container}
      className="entry-map region-map"
      role="region"
      aria-label={`Kaart van ${name}: de grens, de vermeldingen die er werken en de partnerschappen als lijnen. De cijfers, de gemeenten en de partnerschappen staan ook in de tabellen op deze pagina.`}
    />
  );
}
