import type * as Leaflet from 'leaflet';
import { useEffect } from 'react';
import { formatFigure, shadeOf, type RegionOverlay } from '~/map/region-overlay';
import { formatRegionRef } from '~/regions/region-layers';
import { useLeafletMap } from './directory-map';

/**
 * Region boundaries on the directory map. Without a chosen layer, faint provincie outlines give
 * orientation when no tiles load; a chosen layer is shaded and clickable (click = filter on it).
 */
export function RegionShapesLayer({
  overlay,
  interactive,
  selected,
  onSelect,
}: {
  overlay: RegionOverlay;
  interactive: boolean;
  selected: string | null;
  onSelect: (ref: string) => void;
}) {
  const leaflet = useLeafletMap();
  useEffect(() => {
    if (!leaflet || !overlay.shapes) return;
    const { map, L } = leaflet;
    const { stats } = overlay;
    const layer = L.geoJSON(overlay.shapes, {
      interactive,
      style: (feature) => {
        const ref = feature ? formatRegionRef(overlay.layer, feature.properties.code) : '';
        const empty = stats?.metric === 'partnered' && !(stats.counts[feature?.properties.code ?? ''] ?? 0);
        return {
          color: ref === selected ? '#b3411b' : '#3d4b5c',
          weight: ref === selected ? 3 : interactive ? 1 : 0.8,
          opacity: interactive ? 0.9 : 0.5,
          fillColor: stats && !empty ? shadeOf(stats, stats.values[feature?.properties.code ?? '']) : '#ffffff',
          fillOpacity: stats ? 0.65 : interactive ? 0.05 : 0,
        };
      },
      onEachFeature: (feature, path) => {
        if (!interactive) return;
        const { code, name } = feature.properties;
        // Set before the path is added, when Leaflet creates its element: lets tests and styles find a region.
        (path as Leaflet.Path).options.className = `region-shape region-${code}`;
        path.bindTooltip(stats ? `${name}: ${formatFigure(stats, code)}` : name, { sticky: true });
        path.on('click', () => onSelect(formatRegionRef(overlay.layer, code)));
      },
    }).addTo(map);
    // Boundaries stay under the markers.
    layer.bringToBack();
    return () => {
      layer.remove();
    };
  }, [leaflet, overlay, interactive, selected, onSelect]);
  return null;
}
