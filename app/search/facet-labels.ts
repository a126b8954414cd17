import { REGION_LAYERS, parseRegionRef } from '~/regions/region-layers';
import { PARTNER_DOMAINS, SUPPORT_TYPES, THEMES, TOPICS, kindPlural, labelOf } from '~/taxonomy/taxonomy';
import type { FacetParam } from './search-params';

export const FACET_TITLES: Record<FacetParam, string> = {
  kind: 'Soort',
  theme: 'Thema',
  topic: 'Onderwerp',
  need: 'Zoekt',
  offer: 'Biedt',
  domain: 'Partnerdomein',
  region: 'Regio',
};

/** The Dutch label of a facet value; region names come from the region table. */
export function facetValueLabel(param: FacetParam, value: string, regionNames: Record<string, string> = {}): string {
  switch (param) {
    case 'kind':
      return kindPlural(value);
    case 'theme':
      return labelOf(THEMES, value);
    case 'topic':
      return `${value}: ${labelOf(TOPICS, value)}`;
    case 'need':
    case 'offer':
      return labelOf(SUPPORT_TYPES, value);
    case 'domain':
      return labelOf(PARTNER_DOMAINS, value);
    case 'region': {
      const ref = parseRegionRef(value);
      const layer = REGION_LAYERS.find((l) => l.layer === ref?.layer)?.label ?? '';
      return `${regionNames[value] ?? ref?.code ?? value} (${layer})`;
    }
  }
}
