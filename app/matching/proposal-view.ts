import type { EntryKind } from '~/taxonomy/taxonomy';
import type { MatchProposal } from './match-types';
import type { MatchLabel } from './score';

/**
 * A proposal as a page shows it: the partner's public fields for a link and a marker, the label
 * and score, and the reasons and gaps as sentences. No entry id and no structured reasons: a
 * loader's data goes to the browser as it is.
 */
export type ProposalView = {
  entry: { slug: string; kind: EntryKind; name: string; place: string; lat: number; lng: number };
  score: number;
  label: MatchLabel;
  reasons: string[];
  gaps: string[];
};

export function toProposalView({ entry, score, label, reasons, gaps }: MatchProposal): ProposalView {
  const { slug, kind, name, place, lat, lng } = entry;
  return { entry: { slug, kind, name, place, lat, lng }, score, label, reasons: reasons.sentences, gaps: gaps.map((gap) => gap.sentence) };
}

/** On the detail page; the page of all proposals shows up to MAX_MATCH_LIMIT. */
export const DETAIL_PAGE_PROPOSALS = 5;

/** The page with every proposal for an entry. */
export const allProposalsPath = (slug: string) => `/entries/${slug}/mogelijke-partners`;
