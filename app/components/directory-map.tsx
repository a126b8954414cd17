import type * as Leaflet from 'leaflet';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { isCluster, type ClusterCollection, type ClusterProperties, type PointProperties } from '~/map/clusters';
import { clusterMarker, entryMarker } from '~/map/leaflet-markers';
import { formatMapView, type MapView } from '~/map/map-state';
import { MAX_ZOOM, MIN_ZOOM, NETHERLANDS_LATLNG_BOUNDS } from '~/map/netherlands';
import { drawWerkgebied } from '~/map/werkgebied';
import type { Area } from '~/search/search-params';
import { kindLabel } from '~/taxonomy/taxonomy';
import { plural } from '~/utils/plural';

type L = typeof Leaflet;

type Props = {
  /** The directory's filters as a query string; the map shows every entry matching them. */
  filterQuery: string;
  area: Area | null;
  initialView: MapView | null;
  tileUrl: string;
  tileAttribution: string;
  onViewChange: (view: MapView) => void;
  onSearchArea: (bounds: Area) => void;
  /** Overlays (region boundaries, a werkgebied) that draw on the map through `useLeafletMap`. */
  children?: ReactNode;
};

type Status = { loading: boolean; total: number | null; failed: boolean };

const MapContext = createContext<{ map: Leaflet.Map; L: L } | null>(null);

/** The Leaflet map and library for overlays rendered inside a DirectoryMap; null until it is ready. */
export function useLeafletMap() {
  return useContext(MapContext);
}

const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));

/** The view in real degrees, as the API checks them: a map panned past 180° shows longitudes beyond it. */
function boundsOf(map: Leaflet.Map): Area {
  const b = map.wrapLatLngBounds(map.getBounds());
  return { west: clamp(b.getWest(), 180), south: clamp(b.getSouth(), 90), east: clamp(b.getEast(), 180), north: clamp(b.getNorth(), 90) };
}

/**
 * The directory map: clusters and entries from /api/map/clusters for the current view and
 * filters, drawn with Leaflet (loaded in an effect: it needs `window`). Works without tiles.
 */
export function DirectoryMap({ filterQuery, area, initialView, tileUrl, tileAttribution, onViewChange, onSearchArea, children }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<{ map: Leaflet.Map; L: L } | null>(null);
  const [status, setStatus] = useState<Status>({ loading: true, total: null, failed: false });
  const markers = useRef<Leaflet.LayerGroup>();
  const request = useRef<AbortController>();
  // Fit to the matching entries on the first load without a saved view, and after a filter change.
  const fitPending = useRef(initialView === null);
  const callbacks = useRef({ onViewChange });
  callbacks.current = { onViewChange };
  // The view travels with the directory form, so changing a filter keeps the map where it is in the URL.
  const viewInput = useRef<HTMLInputElement>(null);
  const query = useRef(filterQuery);

  useEffect(() => {
    let cancelled = false;
    let created: Leaflet.Map | undefined;
    void import('leaflet').then(({ default: L }) => {
      if (cancelled || !container.current) return;
      created = L.map(container.current, { minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, keyboard: true });
      if (initialView) created.setView([initialView.lat, initialView.lng], initialView.zoom);
      else created.fitBounds(NETHERLANDS_LATLNG_BOUNDS);
      L.tileLayer(tileUrl, { attribution: tileAttribution, maxZoom: MAX_ZOOM }).addTo(created);
      markers.current = L.layerGroup().addTo(created);
      setMap({ map: created, L });
    });
    return () => {
      cancelled = true;
      created?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once per tile source: later views come from the user, so initialView is read only here.
  }, [tileUrl, tileAttribution]);

  useEffect(() => {
    if (!map) return;
    const { map: leaflet, L } = map;

    // Markers are keyed and only added or removed as the view changes, so a marker with keyboard
    // focus or an open card survives panning.
    const shown = new Map<string, Leaflet.Marker>();
    const draw = (collection: ClusterCollection) => {
      const keep = new Set<string>();
      for (const feature of collection.features) {
        const [lng, lat] = feature.geometry.coordinates as [number, number];
        const props = feature.properties;
        // A cluster id is only unique within one filter set, so its place and counts are part of the key.
        const key = isCluster(props)
          ? `cluster:${props.cluster_id}:${props.coalitie}:${props.initiatief}:${lat}:${lng}`
          : `entry:${props.id}`;
        keep.add(key);
        if (shown.has(key)) continue;
        const marker = isCluster(props) ? expandableCluster(lat, lng, props) : entryWithWerkgebied({ ...props, lat, lng });
        shown.set(key, marker);
        markers.current!.addLayer(marker);
      }
      for (const [key, marker] of shown) {
        if (keep.has(key)) continue;
        markers.current!.removeLayer(marker);
        shown.delete(key);
      }
    };

    // Opening a doe-coalitie's card shows the gemeenten it works in.
    const entryWithWerkgebied = (point: PointProperties & { lat: number; lng: number }) => {
      const marker = entryMarker(L, point);
      if (point.kind !== 'coalitie') return marker;
      let shown: { controller: AbortController; layer: Promise<Leaflet.GeoJSON | null> } | null = null;
      marker.on('popupopen', () => {
        const controller = new AbortController();
        shown = { controller, layer: drawWerkgebied(L, leaflet, point.slug, controller.signal).catch(() => null) };
      });
      marker.on('popupclose remove', () => {
        if (!shown) return;
        shown.controller.abort();
        void shown.layer.then((layer) => layer?.remove());
        shown = null;
      });
      return marker;
    };

    const expandableCluster = (lat: number, lng: number, props: ClusterProperties) => {
      const marker = clusterMarker(L, lat, lng, props);
      const expand = () => {
        leaflet.setView([lat, lng], props.expansion_zoom, { animate: false });
        // The cluster is gone after expanding: keep keyboard focus on the map, not on <body>.
        leaflet.getContainer().focus({ preventScroll: true });
      };
      marker.on('click', expand);
      // Leaflet turns Enter into a click only for markers with a popup; clusters are buttons too.
      marker.on('keypress', (event) => {
        const { key } = (event as Leaflet.LeafletKeyboardEvent).originalEvent;
        if (key === 'Enter' || key === ' ') expand();
      });
      return marker;
    };

    const load = async () => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      const b = boundsOf(leaflet);
      const view = new URLSearchParams(query.current);
      view.set('bbox', [b.west, b.south, b.east, b.north].map((n) => n.toFixed(5)).join(','));
      view.set('zoom', String(leaflet.getZoom()));
      setStatus((previous) => ({ ...previous, loading: true }));
      try {
        const response = await fetch(`/api/map/clusters?${view}`, { signal: controller.signal });
        if (!response.ok) throw new Error(`clusters: ${response.status}`);
        const collection = (await response.json()) as ClusterCollection;
        if (fitPending.current) {
          fitPending.current = false;
          if (collection.bounds) {
            const [west, south, east, north] = collection.bounds;
            const target = L.latLngBounds([south, west], [north, east]).pad(0.05);
            if (!leaflet.getBounds().equals(target)) {
              leaflet.fitBounds(target, { maxZoom: 12, animate: false });
              return; // the move triggers another load for the new view
            }
          }
        }
        draw(collection);
        setStatus({ loading: false, total: collection.total, failed: false });
      } catch {
        if (!controller.signal.aborted) setStatus((previous) => ({ ...previous, loading: false, failed: true }));
      }
    };

    const onMoveEnd = () => {
      const center = leaflet.getCenter();
      const view = { zoom: leaflet.getZoom(), lat: center.lat, lng: center.lng };
      if (viewInput.current) viewInput.current.value = formatMapView(view);
      callbacks.current.onViewChange(view);
      void load();
    };
    leaflet.on('moveend', onMoveEnd);
    void load();
    return () => {
      leaflet.off('moveend', onMoveEnd);
      request.current?.abort();
    };
  }, [map]);

  // A new filter set: show it, fitted to its entries unless the user limited the search to this area.
  useEffect(() => {
    if (!map || query.current === filterQuery) return;
    query.current = filterQuery;
    fitPending.current = area === null;
    map.map.fire('moveend');
  }, [map, filterQuery, area]);

  useEffect(() => {
    if (!map || !area) return;
    const rectangle = map.L.rectangle(
      [
        [area.south, area.west],
        [area.north, area.east],
      ],
      { color: '#14507d', weight: 2, dashArray: '6 4', fill: false, interactive: false },
    ).addTo(map.map);
    return () => {
      rectangle.remove();
    };
  }, [map, area]);

  return (
    <div className="directory-map-frame">
      <input ref={viewInput} type="hidden" name="map" defaultValue={initialView ? formatMapView(initialView) : ''} />
      <div
        ref={container}
        className="entry-map"
        role="region"
        aria-label="Kaart met clusters en vermeldingen. Gebruik de pijltjestoetsen om te schuiven, plus en min om te zoomen. Dezelfde vermeldingen staan in de lijst."
        aria-busy={status.loading}
        data-ready={map && !status.loading ? 'true' : undefined}
      />
      {map ? <MapContext.Provider value={map}>{children}</MapContext.Provider> : null}
      <div className="map-toolbar">
        <button type="button" onClick={() => map && onSearchArea(boundsOf(map.map))} disabled={!map}>
          Zoek in dit gebied
        </button>
        {/* Announces results, not every pan: the text changes only when the outcome does. */}
        <p className="map-status" role="status">
          {status.failed
            ? 'De kaart kon niet worden bijgewerkt. De lijst is wel actueel.'
            : status.total === null
              ? 'Kaart laden…'
              : `Op de kaart: ${plural(status.total, 'vermelding', 'vermeldingen')}.`}
        </p>
      </div>
      <p className="map-legend">
        <span className="legend-item">
          <span className="entry-marker entry-marker--coalitie legend-swatch" aria-hidden="true">
            C
          </span>{' '}
          {kindLabel('coalitie')}
        </span>
        <span className="legend-item">
          <span className="entry-marker entry-marker--initiatief legend-swatch" aria-hidden="true">
            I
          </span>{' '}
          {kindLabel('initiatief')}
        </span>
        <span className="legend-item">
          <span className="cluster-pill legend-cluster" aria-hidden="true">
            <span className="cluster-part cluster-part--coalitie">
              <span className="cluster-shape" />2
            </span>
            <span className="cluster-part cluster-part--initiatief">
              <span className="cluster-shape" />5
            </span>
          </span>
          Cluster: klik of druk op Enter om in te zoomen
        </span>
      </p>
    </div>
  );
}
