import type * as Leaflet from 'leaflet';
import { useEffect, useRef } from 'react';
import { entryMarker, type MarkerPoint } from '~/map/leaflet-markers';
import { MAX_ZOOM, MIN_ZOOM } from '~/map/netherlands';
import { drawWerkgebied } from '~/map/werkgebied';
import { plural } from '~/utils/plural';

/** A line from the entry to a proposed partner; styled by the `match-line` class, not inline. */
const MATCH_LINE: Leaflet.PolylineOptions = { className: 'match-line', interactive: false, weight: 2, dashArray: '6 4' };

/** A line to a partner through Samenspel: solid, where a proposal's is dashed. */
const PARTNERSHIP_LINE: Leaflet.PolylineOptions = { className: 'partnership-line', interactive: false, weight: 3 };

/** One array for every render without partners, so the map is not redrawn for a new empty one. */
const NO_PARTNERS: MarkerPoint[] = [];

/**
 * A small map of one entry: its location, its werkgebied (the gemeenten it works in) and, when
 * given, its proposed partners with a line to each. The list on the page is the primary way to
 * read both; the map repeats them. Leaflet needs `window`, so it is loaded in an effect, never
 * during server rendering.
 */
export function EntryLocationMap({
  entry,
  partners = NO_PARTNERS,
  partnered = NO_PARTNERS,
  tileUrl,
  tileAttribution,
}: {
  entry: MarkerPoint;
  partners?: MarkerPoint[];
  /** Entries it has a partnership with. */
  partnered?: MarkerPoint[];
  tileUrl: string;
  tileAttribution: string;
}) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    let map: Leaflet.Map | undefined;
    void import('leaflet').then(async ({ default: L }) => {
      if (controller.signal.aborted || !container.current) return;
      map = L.map(container.current, { center: [entry.lat, entry.lng], zoom: 11, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM });
      L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: MAX_ZOOM }).addTo(map);
      const bounds = L.latLngBounds([[entry.lat, entry.lng]]);
      const lines: Array<[MarkerPoint[], Leaflet.PolylineOptions]> = [
        [partners, MATCH_LINE],
        [partnered, PARTNERSHIP_LINE],
      ];
      for (const [others, style] of lines) {
        for (const other of others) {
          L.polyline(
            [
              [entry.lat, entry.lng],
              [other.lat, other.lng],
            ],
            style,
          ).addTo(map);
          entryMarker(L, other).addTo(map);
          bounds.extend([other.lat, other.lng]);
        }
      }
      // The entry's own marker last, so it stays on top of its partners'.
      entryMarker(L, entry).addTo(map);
      if (partners.length || partnered.length) map.fitBounds(bounds, { padding: [16, 16], animate: false, maxZoom: 13 });
      const werkgebied = await drawWerkgebied(L, map, entry.slug, controller.signal).catch(() => null);
      if (werkgebied && map) map.fitBounds(werkgebied.getBounds().extend(bounds), { padding: [16, 16], animate: false });
      container.current?.setAttribute('data-ready', 'true');
    });
    return () => {
      controller.abort();
      map?.remove();
    };
  }, [entry, partners, partnered, tileUrl, tileAttribution]);

  const partnerText =
    (partners.length
      ? `, ${plural(partners.length, 'voorgestelde partner', 'voorgestelde partners')} met een stippellijn (ook in de lijst Mogelijke partners)`
      : '') +
    (partnered.length
      ? `, ${plural(partnered.length, 'samenwerking', 'samenwerkingen')} via Samenspel met een doorgetrokken lijn (ook in de lijst Samenwerkingen)`
      : '');
  return (
    <div
      ref={container}
      className="entry-map entry-map--compact"
      role="region"
      aria-label={`Kaart met de locatie van ${entry.name} in ${entry.place}, het werkgebied (omlijnd)${partnerText}. Het werkgebied staat ook in de tabel hieronder.`}
    />
  );
}
