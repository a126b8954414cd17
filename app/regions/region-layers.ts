import type { RegionLayer } from '../../db/schema';

export type { RegionLayer };

/**
 * The regional divisions Samenspel knows. The gemeente is the atom; every other
 * layer is derived from a gemeente → region table. `file` is the CBS/PDOK layer name.
 */
export const REGION_LAYERS = [
  { layer: 'gemeente', file: 'gemeente', label: 'Gemeente', plural: 'Gemeenten' },
  { layer: 'provincie', file: 'provincie', label: 'Provincie', plural: "Provincies" },
  { layer: 'ggd', file: 'ggdregio', label: 'GGD-regio', plural: "GGD-regio's" },
  { layer: 'zorgkantoor', file: 'zorgkantoorregio', label: 'Zorgkantoorregio (IZA-regio)', plural: "Zorgkantoorregio's" },
  { layer: 'corop', file: 'coropgebied', label: 'COROP-regio', plural: "COROP-regio's" },
] as const satisfies ReadonlyArray<{ layer: RegionLayer; file: string; label: string; plural: string }>;

export const REGION_LAYER_CODES = REGION_LAYERS.map((l) => l.layer) as [RegionLayer, ...RegionLayer[]];

/** What a choropleth can shade regions by: the number of entries, or the share of initiatives with a formal partner. */
export const REGION_METRICS = ['count', 'partnered'] as const;
export type RegionMetric = (typeof REGION_METRICS)[number];

/** Layers a gemeente belongs to, besides itself. */
export const PARENT_LAYERS = REGION_LAYERS.filter((l) => l.layer !== 'gemeente');

/** A region as written in URLs and the API: `layer:code`, e.g. `ggd:GG0111`. */
export const REGION_REF = /^(gemeente|provincie|ggd|zorgkantoor|corop):([A-Z]{2}\d{2,4})$/;

export function formatRegionRef(layer: RegionLayer, code: string): string {
  return `${layer}:${code}`;
}

export function parseRegionRef(ref: string): { layer: RegionLayer; code: string } | null {
  const match = REGION_REF.exec(ref);
  if (!match) return null;
  return { layer: match[1] as RegionLayer, code: match[2]! };
}
