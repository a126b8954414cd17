import type { FollowUpAnswerCode } from '~/introductions/introduction-schema';
import type { ProposalView } from '~/matching/proposal-view';
import type { EntryKind, PartnerDomainCode, TopicCode } from '~/taxonomy/taxonomy';
import { isoDate } from '~/utils/iso-date';
import { REGION_LAYER_CODES, REGION_LAYERS, type RegionLayer, type RegionMembership } from './region-layers';

/**
 * What a region page (/regio/:layer/:code) shows: plain data and types, shared by the service,
 * the page and the tests. docs/decisions/0019 explains the choices.
 */

/** The region code as CBS writes it: GM0268, PV25, GG3316, ZK01, CR40. */
export const REGION_CODE = /^[A-Z]{2}\d{2,4}$/;

export function isRegionLayer(value: string): value is RegionLayer {
  return (REGION_LAYER_CODES as readonly string[]).includes(value);
}

export const layerLabel = (layer: RegionLayer) => REGION_LAYERS.find((l) => l.layer === layer)!.label;
export const layerPlural = (layer: RegionLayer) => REGION_LAYERS.find((l) => l.layer === layer)!.plural;

export const regionPath = (layer: RegionLayer, code: string) => `/regio/${layer}/${code}`;

/** How many initiatieven without a formal partner the page lists, each with its best proposal; the rest are a link away. */
export const WITHOUT_PARTNER_SHOWN = 10;
/** Partnerships drawn and listed; the count says how many there are in all. */
export const PARTNERSHIPS_SHOWN = 100;
/** An entry counts as stale when nobody verified it within this many months. */
export const STALE_AFTER_MONTHS = 12;

/** The day before which a last check (or, without one, the listing) makes an entry stale. */
export const staleBefore = (now: Date) => isoDate(now, -STALE_AFTER_MONTHS);
/** Funding "ends soon" when its end date lies within this many months from today. */
export const FUNDING_ENDS_WITHIN_MONTHS = 6;

/** The key figures of a region or of the country; counts of published entries. */
export type KeyFigures = {
  coalities: number;
  initiatieven: number;
  /** Recorded partnerships between published entries (in a region: at least one side works there). */
  partnerships: number;
  /** Initiatieven with a formal partner (hasFormalPartner). */
  partneredInitiatieven: number;
  /** Entries not verified within STALE_AFTER_MONTHS (never verified included). */
  stale: number;
  /** Entries whose funding ends between today and FUNDING_ENDS_WITHIN_MONTHS from now. */
  fundingEnding: number;
  /** Answers of either side of these partnerships to the follow-up question ("Heeft dit geleid tot samenwerking?"). */
  followUps: Record<FollowUpAnswerCode, number>;
};

/** Where a topic is worked on: by both worlds, only one, or neither (a white spot). */
export type MatrixStatus = 'beide' | 'alleen-formeel' | 'alleen-informeel' | 'witte-vlek';

export const MATRIX_STATUS_LABELS: Record<MatrixStatus, string> = {
  beide: 'Beide',
  'alleen-formeel': 'Alleen formeel',
  'alleen-informeel': 'Alleen informeel',
  'witte-vlek': 'Witte vlek',
};

/** One row of the agenda matrix: how many coalities (formal) and initiatieven (informal) work on the topic. */
export type MatrixRow = { topic: TopicCode; formal: number; informal: number; status: MatrixStatus };

export function matrixStatus(formal: number, informal: number): MatrixStatus {
  if (formal > 0 && informal > 0) return 'beide';
  if (formal > 0) return 'alleen-formeel';
  if (informal > 0) return 'alleen-informeel';
  return 'witte-vlek';
}

/** Per partner domain: how many coalities have at least one partner from it, in the region and in the country. */
export type DomainMixRow = { domain: PartnerDomainCode; region: number; national: number };

/**
 * How a region overlaps a region of another layer, counted in gemeenten (the atom every layer is
 * built from): `shared` of this region's gemeenten lie in the other region, which has `total`.
 */
export type Overlap = {
  layer: RegionLayer;
  code: string;
  name: string;
  shared: number;
  total: number;
  relation: OverlapRelation;
};

/** `gelijk`: the same gemeenten; `omvat`: the other lies wholly inside this one; `binnen`: this one lies wholly inside the other; `deels`: partly. */
export type OverlapRelation = 'gelijk' | 'omvat' | 'binnen' | 'deels';

export function overlapRelation(shared: number, ownTotal: number, otherTotal: number): OverlapRelation {
  if (shared === ownTotal && shared === otherTotal) return 'gelijk';
  if (shared === otherTotal) return 'omvat';
  if (shared === ownTotal) return 'binnen';
  return 'deels';
}

/** One end of a partnership line. */
export type PartnershipEnd = { slug: string; name: string; kind: EntryKind; place: string; lat: number; lng: number };
export type PartnershipLine = { id: number; a: PartnershipEnd; b: PartnershipEnd };

export type WithoutPartnerItem = { slug: string; name: string; place: string; proposal: ProposalView | null };

export type RegionPageData = {
  region: { layer: RegionLayer; code: string; name: string };
  gemeenten: Array<{ code: string; name: string }>;
  /** For a gemeente: every region it lies in. */
  memberships: RegionMembership[];
  /** For any other layer: the regions of every other layer it shares gemeenten with, per layer. */
  overlaps: Overlap[];
  figures: { region: KeyFigures; national: KeyFigures };
  matrix: MatrixRow[];
  domains: { rows: DomainMixRow[]; coalities: { region: number; national: number } };
  withoutPartner: { total: number; items: WithoutPartnerItem[]; degraded: boolean };
  partnerships: { total: number; lines: PartnershipLine[] };
  /** Today's date the figures were computed for (YYYY-MM-DD). */
  asOf: string;
};

/** A share as a whole percentage, or null without a denominator. */
export function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}

export const formatPercentage = (value: number | null) => (value === null ? '–' : `${value}%`);
