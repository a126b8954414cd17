import type { EntryCard } from '~/search/search-result';
import type { EntryKind } from '~/taxonomy/taxonomy';
import type { MatchGap, MatchReasons } from './reasons';
import type { MatchLabel } from './score';

/** A proposed partner, as lists show entries. */
export type ProposalEntry = EntryCard;

/** One proposal as the API and the detail page show it. */
export type MatchProposal = {
  entry: ProposalEntry;
  /** 0 to 1, three decimals. */
  score: number;
  label: MatchLabel;
  reasons: MatchReasons;
  gaps: MatchGap[];
};

/** `scored`: how many candidates were scored to find the proposals (all of the other kind for brute force). */
export type MatchResult = { status: 'found'; slug: string; kind: EntryKind; proposals: MatchProposal[]; degraded: boolean; scored: number };

export type { MatchGap, MatchReasons };
