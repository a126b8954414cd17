import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useEffect, useState } from 'react';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { RegionLayer, RegionMetric, RegionStats } from '~/regions/region-layers';
import { plural } from '~/utils/plural';

export type RegionShapes = FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
export type RegionOverlay = { layer: RegionLayer; shapes: RegionShapes | null; stats: RegionStats | null; failed: boolean };

// Boundaries never change while the page is open: fetch each layer once.
const shapesCache = new Map<RegionLayer, Promise<RegionShapes>>();

function loadShapes(layer: RegionLayer): Promise<RegionShapes> {
  let pending = shapesCache.get(layer);
  if (!pending) {
    pending = fetch(`/api/regions/${layer}`).then(async (response) => {
      if (!response.ok) throw new Error(`regions ${layer}: ${response.status}`);
      const topology = (await response.json()) as Topology;
      const object = Object.values(topology.objects)[0]!;
      return feature(topology, object) as unknown as RegionShapes;
    });
    pending.catch(() => shapesCache.delete(layer));
    shapesCache.set(layer, pending);
  }
  return pending;
}

/** Region boundaries for a layer and, when shading is on, the figures per region for the current filters. */
export function useRegionOverlay(layer: RegionLayer, shade: RegionMetric | null, filterQuery: string): RegionOverlay {
  const [overlay, setOverlay] = useState<RegionOverlay>({ layer, shapes: null, stats: null, failed: false });
  useEffect(() => {
    const controller = new AbortController();
    const stats = shade
      ? fetch(`/api/map/choropleth?${filterQuery}${filterQuery ? '&' : ''}layer=${layer}&metric=${shade}`, {
          signal: controller.signal,
        }).then(async (response) => {
          if (!response.ok) throw new Error(`choropleth: ${response.status}`);
          return (await response.json()) as RegionStats;
        })
      : Promise.resolve(null);
    Promise.all([loadShapes(layer), stats]).then(
      ([shapes, figures]) => setOverlay({ layer, shapes, stats: figures, failed: false }),
      () => {
        if (!controller.signal.aborted) setOverlay({ layer, shapes: null, stats: null, failed: true });
      },
    );
    return () => controller.abort();
  }, [layer, shade, filterQuery]);
  return overlay;
}

/** Five shades of blue, light to dark, each with a label for the legend. */
export const SHADE_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;

export function shadeClasses(stats: RegionStats): Array<{ colour: string; from: number; to: number; label: string }> {
  if (stats.metric === 'partnered') {
    return SHADE_COLOURS.map((colour, i) => ({ colour, from: i / 5, to: (i + 1) / 5, label: `${i * 20}–${(i + 1) * 20}%` }));
  }
  const step = Math.max(1, Math.ceil(stats.max / 5));
  return SHADE_COLOURS.map((colour, i) => ({
    colour,
    from: i * step + (i === 0 ? 0 : 1),
    to: (i + 1) * step,
    label: i === 0 ? `0–${step}` : `${i * step + 1}–${(i + 1) * step}`,
  }));
}

export function shadeOf(stats: RegionStats, value: number | undefined): string {
  if (value === undefined) return '#ffffff';
  const classes = shadeClasses(stats);
  return (classes.find((c) => value <= c.to) ?? classes[classes.length - 1]!).colour;
}

export function formatFigure(stats: RegionStats, code: string): string {
  const value = stats.values[code] ?? 0;
  if (stats.metric === 'count') return plural(value, 'vermelding', 'vermeldingen');
  const initiatives = stats.counts[code] ?? 0;
  if (initiatives === 0) return 'geen initiatieven';
  return `${Math.round(value * 100)}% van ${plural(initiatives, 'initiatief', 'initiatieven')} heeft een formele partner`;
}
