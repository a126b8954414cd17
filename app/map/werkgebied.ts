import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type * as Leaflet from 'leaflet';

type L = typeof Leaflet;

const STYLE: Leaflet.PathOptions = {
  color: '#14507d',
  weight: 2,
  dashArray: '5 4',
  fillColor: '#14507d',
  fillOpacity: 0.12,
  interactive: false,
};

/**
 * Draws an entry's werkgebied (the union of its gemeenten, from the region module) on a map and
 * returns the layer, or null when it is unknown. Aborting the signal skips drawing.
 */
export async function drawWerkgebied(L: L, map: Leaflet.Map, slug: string, signal: AbortSignal): Promise<Leaflet.GeoJSON | null> {
  const response = await fetch(`/api/entries/${encodeURIComponent(slug)}/coverage`, { signal });
  if (!response.ok) return null;
  const area = (await response.json()) as Feature<Polygon | MultiPolygon>;
  if (signal.aborted) return null;
  const layer = L.geoJSON(area, { style: STYLE }).addTo(map);
  layer.bringToBack();
  return layer;
}
