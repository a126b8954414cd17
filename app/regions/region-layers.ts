/**
 * The regional divisions Samenspel knows, and the region shapes the API and the UI exchange.
 * Plain data and types: shared by server code and UI components.
 */

/** The layer codes; the gemeente is the atom, every other layer is derived from a gemeente → region table. */
export const REGION_LAYER_CODES = ['gemeente', 'provincie', 'ggd', 'zorgkantoor', 'corop'] as const;
export type RegionLayer = (typeof REGION_LAYER_CODES)[number];

/** Every layer with its Dutch names; `file` is the CBS/PDOK layer name. */
export const REGION_LAYERS = [
  { layer: 'gemeente', file: 'gemeente', label: 'Gemeente', plural: 'Gemeenten' },
  { layer: 'provincie', file: 'provincie', label: 'Provincie', plural: 'Provincies' },
  { layer: 'ggd', file: 'ggdregio', label: 'GGD-regio', plural: "GGD-regio's" },
  { layer: 'zorgkantoor', file: 'zorgkantoorregio', label: 'Zorgkantoorregio (IZA-regio)', plural: "Zorgkantoorregio's" },
  { layer: 'corop', file: 'coropgebied', label: 'COROP-regio', plural: "COROP-regio's" },
] as const satisfies ReadonlyArray<{ layer: RegionLayer; file: string; label: string; plural: string }>;

/** What a choropleth can shade regions by: the number of entries, or the share of initiatives with a formal partner. */
export const REGION_METRICS = ['count', 'partnered'] as const;
export type RegionMetric = (typeof REGION_METRICS)[number];

/**
 * Figures per region for a choropleth (GET /api/map/choropleth). Regions without any matching
 * entry (for `partnered`: without any matching initiative) are absent, not 0, so the map can tell
 * "nothing here" from "0%". `counts` is the number of entries each value is based on (for
 * `partnered` the denominator: "3 van 7"); `max` is the largest value (a share is at most 1).
 */
export type RegionStats = {
  layer: RegionLayer;
  metric: RegionMetric;
  values: Record<string, number>;
  counts: Record<string, number>;
  max: number;
};

/** A region a gemeente lies in (or the gemeente itself), with its name. */
export type RegionMembership = { layer: RegionLayer; code: string; name: string };

/** Layers a gemeente belongs to, besides itself. */
export const PARENT_LAYERS = REGION_LAYERS.filter((l) => l.layer !== 'gemeente');

/** A region as written in URLs and the API: `layer:code`, e.g. `ggd:GG0111`. */
export const REGION_REF = new RegExp(`^(${REGION_LAYER_CODES.join('|')}):([A-Z]{2}\\d{2,4})$`);

export function formatRegionRef(layer: RegionLayer, code: string): string {
  return `${layer}:${code}`;
}

export function parseRegionRef(ref: string): { layer: RegionLayer; code: string } | null {
  const match = REGION_REF.exec(ref);
  if (!match) return null;
  return { layer: match[1] as RegionLayer, code: match[2]! };
}
