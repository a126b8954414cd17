import { useEffect, useRef } from 'react';
import type { Map as LeafletMap, LayerGroup } from 'leaflet';
import { entryMarker } from '~/map/leaflet-markers';
import type { EntryKind } from '~/taxonomy/taxonomy';

export type MapPoint = { id: number; slug: string; kind: EntryKind; name: string; place: string; lat: number; lng: number };

const NETHERLANDS_CENTER: [number, number] = [52.2, 5.4];

/**
 * Leaflet map of entries. Leaflet touches `window`, so it is loaded in an effect and never
 * during server rendering. Markers work without tiles; the shape (circle or square) and the
 * label carry the kind, not only the colour.
 */
export function EntryMap({
  points,
  tileUrl,
  tileAttribution,
  label = 'Kaart met de gevonden initiatieven en coalities. Dezelfde vermeldingen staan in de lijst.',
  compact = false,
}: {
  points: MapPoint[];
  tileUrl: string;
  tileAttribution: string;
  label?: string;
  compact?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap>();
  const markers = useRef<LayerGroup>();

  useEffect(() => {
    let cancelled = false;
    void import('leaflet').then(({ default: L }) => {
      if (cancelled || !container.current || map.current) return;
      map.current = L.map(container.current, { center: NETHERLANDS_CENTER, zoom: 7, minZoom: 6, maxZoom: 18 });
      L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: 18 }).addTo(map.current);
      markers.current = L.layerGroup().addTo(map.current);
      container.current.dataset.ready = 'true';
      container.current.dispatchEvent(new Event('map-ready'));
    });
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = undefined;
    };
  }, [tileUrl, tileAttribution]);

  useEffect(() => {
    let cancelled = false;
    const draw = () =>
      void import('leaflet').then(({ default: L }) => {
        if (cancelled || !map.current || !markers.current) return;
        markers.current.clearLayers();
        for (const point of points) markers.current.addLayer(entryMarker(L, point));
        if (points.length > 0) {
          map.current.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lng] as [number, number])).pad(0.1), { maxZoom: 12 });
        }
      });
    if (map.current) draw();
    else container.current?.addEventListener('map-ready', draw, { once: true });
    return () => {
      cancelled = true;
    };
  }, [points]);

  return (
    <div
      ref={container}
      className={compact ? 'entry-map entry-map--compact' : 'entry-map'}
      role="region"
      aria-label={label}
    />
  );
}
