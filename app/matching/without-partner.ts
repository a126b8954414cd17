import { z } from 'zod';
import { REGION_LAYER_CODES, REGION_REF, type RegionLayer } from '~/regions/region-layers';
import type { SupportTypeCode, TopicCode } from '~/taxonomy/taxonomy';
import { MATCH_LABELS, type MatchLabel } from './score';

/**
 * "Zonder partner": published initiatieven without a formal partner and without a proposal
 * labelled at least WITHOUT_PARTNER_LABEL — where a verbinder is needed. Plain data and types,
 * shared by the service, the page and the tests; docs/matching.md explains the choice.
 */

/** An initiatief with a proposal of at least this label has a partner in sight; below it, it needs a verbinder. */
export const WITHOUT_PARTNER_LABEL: MatchLabel = 'goede match';
export const WITHOUT_PARTNER_MIN_SCORE = MATCH_LABELS.find((entry) => entry.label === WITHOUT_PARTNER_LABEL)!.min;
export const WITHOUT_PARTNER_PAGE_SIZE = 50;
/** Deep pages are never needed to find a region: the counts lead there. */
const MAX_PAGE = 1000;

const pageMessage = `Geef een paginanummer van 1 tot en met ${MAX_PAGE}.`;

/** The page's URL state: a region to look in (`layer:code`), the layer to count per, and the page of the list. */
export const withoutPartnerParamsSchema = z.object({
  region: z
    .string()
    .regex(REGION_REF, { message: 'Kies een regio als laag:code, bijvoorbeeld provincie:PV25 of gemeente:GM0268.' })
    .optional(),
  per: z.enum(REGION_LAYER_CODES, { message: 'Tel per gemeente, provincie, ggd, zorgkantoor of corop.' }).optional(),
  page: z.coerce
    .number({ message: pageMessage })
    .int({ message: pageMessage })
    .min(1, { message: pageMessage })
    .max(MAX_PAGE, { message: pageMessage })
    .default(1),
});

export type WithoutPartnerParams = z.infer<typeof withoutPartnerParamsSchema>;

/** Nationally the counts are per provincie; inside a region per gemeente. */
export function defaultCountLayer(region: string | undefined): RegionLayer {
  return region ? 'gemeente' : 'provincie';
}

export type WithoutPartnerInitiative = {
  slug: string;
  name: string;
  place: string;
  topics: TopicCode[];
  needs: SupportTypeCode[];
};

/** Per region of the counting layer: initiatieven zonder partner (`count`) out of all published initiatieven there (`initiatives`). */
export type WithoutPartnerCount = { ref: string; name: string; count: number; initiatives: number };

export type WithoutPartnerView = {
  /** Initiatieven without a partner in the selection, and all published initiatieven there. */
  total: number;
  initiatives: number;
  counts: WithoutPartnerCount[];
  items: WithoutPartnerInitiative[];
  page: number;
  totalPages: number;
  /** The figures are from before the latest change; a new count is running. */
  updating: boolean;
};
