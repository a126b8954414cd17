import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { MAX_ZOOM, MIN_ZOOM, NETHERLANDS_LATLNG_BOUNDS } from '~/map/netherlands';

type Point = { lat: number; lng: number };

/**
 * The chosen point as hidden fields (so the form works without JavaScript) and, with JavaScript, a
 * map on which a click moves the point. Leaflet needs `window`: it is loaded in an effect.
 */
export function LocationPicker({ initial, tileUrl, tileAttribution }: { initial: Point | null; tileUrl: string; tileAttribution: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [point, setPoint] = useState<Point | null>(initial);

  useEffect(() => {
    let map: Leaflet.Map | undefined;
    let cancelled = false;
    void import('leaflet').then(({ default: L }) => {
      if (cancelled || !container.current) return;
      map = L.map(container.current, { minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM });
      if (initial) map.setView([initial.lat, initial.lng], 12);
      else map.fitBounds(NETHERLANDS_LATLNG_BOUNDS);
      L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: MAX_ZOOM }).addTo(map);
      let marker = initial ? L.circleMarker([initial.lat, initial.lng], { radius: 8 }).addTo(map) : null;
      map.on('click', (event: Leaflet.LeafletMouseEvent) => {
        const chosen = { lat: Math.round(event.latlng.lat * 1e6) / 1e6, lng: Math.round(event.latlng.lng * 1e6) / 1e6 };
        marker?.remove();
        marker = L.circleMarker([chosen.lat, chosen.lng], { radius: 8 }).addTo(map!);
        setPoint(chosen);
      });
      container.current.setAttribute('data-ready', 'true');
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [initial, tileUrl, tileAttribution]);

  return (
    <div className="field">
      <p id="location-map-hint" className="field-hint">
        Of klik op de kaart op de plek van je initiatief of coalitie.
        {point ? ` Gekozen punt: ${point.lat}, ${point.lng}.` : ''}
      </p>
      <div ref={container} className="entry-map entry-map--compact" role="region" aria-label="Kaart: klik om de locatie te kiezen" />
      {point ? (
        <>
          <input type="hidden" name="lat" value={String(point.lat)} />
          <input type="hidden" name="lng" value={String(point.lng)} />
        </>
      ) : null}
    </div>
  );
}
