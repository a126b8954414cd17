import type { FacetParam } from './search-params';

/**
 * The small facet groups (all but `region`) share one search-document field of `param:value`
 * strings. Meilisearch counts the facets of a few thousand matches by reading each match's values
 * per field, so one field instead of six makes those counts several times cheaper
 * (docs/decisions/0022). Filters still use the groups' own fields.
 */
export const FACET_VALUES_FIELD = 'facet_values';

export type SmallFacetParam = Exclude<FacetParam, 'region'>;

export const facetValue = (param: SmallFacetParam, value: string) => `${param}:${value}`;

/** Splits a counted `param:value` back into its group and value. */
export function readFacetValue(combined: string): { param: SmallFacetParam; value: string } {
  const colon = combined.indexOf(':');
  return { param: combined.slice(0, colon) as SmallFacetParam, value: combined.slice(colon + 1) };
}
