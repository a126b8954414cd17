import type * as Leaflet from 'leaflet';
import { useEffect, useRef } from 'react';
import { entryMarker, type MarkerPoint } from '~/map/leaflet-markers';
import { MAX_ZOOM, MIN_ZOOM } from '~/map/netherlands';
import { drawWerkgebied } from '~/map/werkgebied';

/**
 * A small map of one entry: its location and its werkgebied (the gemeenten it works in).
 * Leaflet needs `window`, so it is loaded in an effect, never during server rendering.
 */
export function EntryLocationMap({ entry, tileUrl, tileAttribution }: { entry: MarkerPoint; tileUrl: string; tileAttribution: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    let map: Leaflet.Map | undefined;
    void import('leaflet').then(async ({ default: L }) => {
      if (controller.signal.aborted || !container.current) return;
      map = L.map(container.current, { center: [entry.lat, entry.lng], zoom: 11, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM });
      L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: MAX_ZOOM }).addTo(map);
      entryMarker(L, entry).addTo(map);
      const werkgebied = await drawWerkgebied(L, map, entry.slug, controller.signal).catch(() => null);
      if (werkgebied && map) map.fitBounds(werkgebied.getBounds().extend([entry.lat, entry.lng]), { padding: [8, 8], animate: false });
      container.current?.setAttribute('data-ready', 'true');
    });
    return () => {
      controller.abort();
      map?.remove();
    };
  }, [entry, tileUrl, tileAttribution]);

  return (
    <div
      ref={container}
      className="entry-map entry-map--compact"
      role="region"
      aria-label={`Kaart met de locatie van ${entry.name} in ${entry.place} en het werkgebied (omlijnd). Het werkgebied staat ook in de tabel hieronder.`}
    />
  );
}
