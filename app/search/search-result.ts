import type { EntryKind, TopicCode } from '~/taxonomy/taxonomy';
import type { FacetParam } from './search-params';

/** The shape of a directory search answer, whichever engine produced it. */

/** A piece of text with `match` set where the query matched, for safe highlighting without HTML. */
export type Segment = { text: string; match: boolean };

/** The public fields of an entry that a list or a proposal shows: enough to show and link it, nothing private. */
export type EntryCard = {
  id: number;
  slug: string;
  kind: EntryKind;
  name: string;
  summary: string;
  place: string;
  topics: TopicCode[];
  lat: number;
  lng: number;
};

export type SearchHit = EntryCard & {
  distance_km: number | null;
  highlight: { name: Segment[]; summary: Segment[]; snippet: Segment[] | null };
};

export type FacetCounts = Record<FacetParam, Record<string, number>>;

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  facets: FacetCounts;
  page: number;
  per_page: number;
  total_pages: number;
  degraded: boolean;
};

/** Private-use control characters Meilisearch puts around matches; never part of entry text. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export function plainSegments(text: string): Segment[] {
  return text ? [{ text, match: false }] : [];
}

/** Splits Meilisearch's formatted text (with our private marker characters) into segments. */
export function toSegments(formatted: string): Segment[] {
  const segments: Segment[] = [];
  for (const [index, part] of formatted.split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part) segments.push({ text: part, match: index % 2 === 1 });
  }
  return segments;
}

export function emptyFacets(): FacetCounts {
  return { kind: {}, theme: {}, topic: {}, need: {}, offer: {}, domain: {}, region: {} };
}
