import type { EntryKind, TopicCode } from '~/taxonomy/taxonomy';
import type { MatchGap, MatchReasons } from './reasons';
import type { MatchLabel } from './score';

/** The public fields of a proposed partner: enough to show and link it, nothing private. */
export type ProposalEntry = {
  id: number;
  slug: string;
  kind: EntryKind;
  name: string;
  summary: string;
  place: string;
  lat: number;
  lng: number;
  topics: TopicCode[];
};

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
