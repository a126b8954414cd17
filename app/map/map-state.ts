import { z } from 'zod';
import { REGION_LAYER_CODES, REGION_METRICS, type RegionLayer, type RegionMetric } from '~/regions/region-layers';
import { DEFAULT_PER_PAGE, serializeSearchParams, type SearchParams } from '~/search/search-params';
import { MAX_ZOOM, MIN_ZOOM } from './netherlands';

/**
 * Map state kept in the URL next to the directory filters, so a shared link shows the same
 * view: `map=zoom/lat/lng`, the region layer shown and how regions are shaded. These change
 * only the map, never the search results.
 */
export const MAP_ONLY_PARAMS = ['map', 'layer', 'shade'] as const;

export type MapView = { zoom: number; lat: number; lng: number };

const viewSchema = z
  .string()
  .regex(/^\d{1,2}\/-?\d{1,2}(\.\d+)?\/-?\d{1,3}(\.\d+)?$/)
  .transform((value) => {
    const [zoom, lat, lng] = value.split('/').map(Number) as [number, number, number];
    return { zoom, lat, lng };
  })
  .refine(({ zoom, lat, lng }) => zoom >= MIN_ZOOM && zoom <= MAX_ZOOM && Math.abs(lat) <= 85 && Math.abs(lng) <= 180);

export type MapState = { view: MapView | null; layer: RegionLayer | null; shade: RegionMetric | null };

/** Reads the map state; anything malformed is ignored rather than refused, since it only affects the view. */
export function readMapState(search: URLSearchParams): MapState {
  const view = viewSchema.safeParse(search.get('map'));
  const layer = z.enum(REGION_LAYER_CODES).safeParse(search.get('layer'));
  const shade = z.enum(REGION_METRICS).safeParse(search.get('shade'));
  return {
    view: view.success ? view.data : null,
    layer: layer.success ? layer.data : null,
    shade: layer.success && shade.success ? shade.data : null,
  };
}

export function formatMapView({ zoom, lat, lng }: MapView): string {
  return `${zoom}/${lat.toFixed(4)}/${lng.toFixed(4)}`;
}

/** The query string without map-only state: two URLs with the same key show the same results. */
export function resultsKey(search: URLSearchParams): string {
  const copy = new URLSearchParams(search);
  for (const name of MAP_ONLY_PARAMS) copy.delete(name);
  copy.sort();
  return copy.toString();
}

/**
 * The filters that decide which entries the map shows, as a query string. Page, order and a
 * reference point without a radius change the list, not the set on the map.
 */
export function mapFilterQuery(params: SearchParams): string {
  return serializeSearchParams({
    ...params,
    page: 1,
    per_page: DEFAULT_PER_PAGE,
    sort: 'relevance',
    near: params.radius_km !== undefined ? params.near : undefined,
  });
}
