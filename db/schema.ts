import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EntryKind, EntryStatus, PartnerDomainCode, PhaseCode, SupportTypeCode, TopicCode } from '../app/taxonomy/taxonomy';

/** Typed schema of the SQLite database; mirrors db/migrations. */

import type { RegionLayer } from '../app/regions/region-layers';
import type { StoredRole } from '../app/auth/permissions';

export interface EntriesTable {
  id: Generated<number>;
  slug: string;
  kind: EntryKind;
  name: string;
  summary: string;
  description: string | null;
  legal_form: string | null;
  founding_year: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  place: string;
  lat: number;
  lng: number;
  phase: PhaseCode | null;
  contact_role: string | null;
  funding_sources: string; // JSON array of strings
  funding_ends_on: string | null;
  target_groups: string; // JSON array of strings
  status: EntryStatus;
  source: string | null;
  is_demo: ColumnType<0 | 1, 0 | 1 | undefined, 0 | 1>;
  last_verified_at: string | null;
  created_at: ColumnType<string, string | undefined, never>;
  updated_at: string;
}

export interface EntryTopicsTable {
  entry_id: number;
  topic_code: TopicCode;
}

export interface EntryCoverageTable {
  entry_id: number;
  gemeente_code: string;
}

export interface EntryPartnersTable {
  id: Generated<number>;
  entry_id: number;
  name: string;
  domain: PartnerDomainCode;
}

export interface EntrySupportTable {
  entry_id: number;
  code: SupportTypeCode;
}

export interface MunicipalitiesTable {
  code: string;
  name: string;
  year: number;
  lat: number;
  lng: number;
}

export interface RegionsTable {
  layer: RegionLayer;
  code: string;
  name: string;
  year: number;
}

export interface MunicipalityRegionsTable {
  gemeente_code: string;
  layer: RegionLayer;
  region_code: string;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  entry_id: number;
  created_at: ColumnType<string, string | undefined, never>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<string, string | undefined, string>;
  last_error: string | null;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface EntriesFtsTable {
  rowid: number;
  name: string;
  summary: string;
  partner_names: string;
  place: string;
  gemeente_names: string;
  target_groups: string;
  description: string;
}

export interface UsersTable {
  id: string;
  /** Trimmed and lower-case: one account per address. */
  email: string;
  name: string;
  email_verified_at: string | null;
  /** argon2id, PHC string. */
  password_hash: string;
  role: ColumnType<StoredRole, StoredRole | undefined, StoredRole>;
  created_at: ColumnType<string, string | undefined, never>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** Seconds since the epoch. */
  expires_at: number;
  /** Seconds since the epoch: when the member signed in; kept when Lucia renews the expiry. */
  created_at: number;
}

export interface TokensTable {
  /** sha256 (hex) of the token that was mailed; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  /** Seconds since the epoch. */
  expires_at: number;
}

export interface MailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body: string;
  created_at: ColumnType<string, string | undefined, never>;
}

export type OnBoardParty = 'gemeente' | 'zorgverzekeraar' | 'huisarts';

export interface EntryOwnersTable {
  entry_id: number;
  user_id: string;
  created_at: ColumnType<string, string | undefined, never>;
}

export type RevisionStatus = 'draft' | 'submitted' | 'approved' | 'rejected';

/** Every version a member writes: a draft, then submitted, then approved or rejected (with reason). */
export interface EntryRevisionsTable {
  id: Generated<number>;
  /** Null for a new entry until its first version is approved. */
  entry_id: number | null;
  author_id: string;
  /** The version as the entry schema reads it (JSON). */
  data: string;
  /** JSON list of the form steps saved so far. */
  steps_done: ColumnType<string, string | undefined, string>;
  status: ColumnType<RevisionStatus, RevisionStatus | undefined, RevisionStatus>;
  created_at: ColumnType<string, string | undefined, never>;
  updated_at: ColumnType<string, string | undefined, string>;
  submitted_at: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_reason: string | null;
}

export interface EntryClaimsTable {
  id: Generated<number>;
  entry_id: number;
  user_id: string;
  message: string;
  status: ColumnType<'pending' | 'approved' | 'rejected', 'pending' | undefined, 'approved' | 'rejected'>;
  created_at: ColumnType<string, string | undefined, never>;
  reviewed_at: string | null;
  reviewed_by: string | null;
  review_reason: string | null;
}

export interface EntryInvitationsTable {
  /** sha256 (hex) of the token that was mailed. */
  token_hash: string;
  entry_id: number;
  email: string;
  invited_by: string;
  /** Seconds since the epoch. */
  expires_at: number;
}

export type IntroductionStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

/** A member's request, for one of their entries, to be introduced to another entry. */
export interface IntroductionsTable {
  id: Generated<number>;
  from_entry_id: number;
  to_entry_id: number;
  /** Null once the requester's account is deleted. */
  requested_by: string | null;
  message: string;
  /** 1 when the other side had no owner: curators broker it. */
  brokered: ColumnType<number, number | undefined, number>;
  status: ColumnType<IntroductionStatus, IntroductionStatus | undefined, IntroductionStatus>;
  created_at: ColumnType<string, string | undefined, never>;
  responded_at: string | null;
  responded_by: string | null;
  response_reason: string | null;
}

/** A partnership between two entries, the pair in id order. */
export interface PartnershipsTable {
  id: Generated<number>;
  entry_low_id: number;
  entry_high_id: number;
  introduction_id: number | null;
  created_at: ColumnType<string, string | undefined, never>;
}

export type FollowUpAnswer = 'ja' | 'nog-bezig' | 'nee';

/** "Heeft dit geleid tot samenwerking?", asked of each side of a partnership after six weeks. */
export interface PartnershipFollowupsTable {
  partnership_id: number;
  entry_id: number;
  due_at: string;
  asked_at: string | null;
  answer: FollowUpAnswer | null;
  answered_at: string | null;
  answered_by: string | null;
}

/** A proposal an owner marked "niet relevant" for their entry. */
export interface MatchDismissalsTable {
  entry_id: number;
  other_entry_id: number;
  dismissed_by: string | null;
  reason: string | null;
  created_at: ColumnType<string, string | undefined, never>;
}

export type HandoverReason = 'account-deleted';

/** An entry whose last owner deleted their account: it waits for curators to find it a new owner. */
export interface EntryHandoversTable {
  id: Generated<number>;
  entry_id: number;
  reason: HandoverReason;
  created_at: ColumnType<string, string | undefined, never>;
  handled_at: string | null;
  handled_by: string | null;
}

/** A region someone follows, and up to when their last weekly digest reported. */
export interface RegionFollowsTable {
  user_id: string;
  region_ref: string;
  created_at: ColumnType<string, string | undefined, never>;
  digest_through: ColumnType<string, string | undefined, string>;
}

export interface Database {
  entries_fts: EntriesFtsTable;
  entry_themes: { entry_id: number; theme: string };
  entry_region_refs: { entry_id: number; ref: string };
  entries: EntriesTable;
  entry_topics: EntryTopicsTable;
  entry_coverage: EntryCoverageTable;
  entry_partners: EntryPartnersTable;
  entry_needs: EntrySupportTable;
  entry_offers: EntrySupportTable;
  municipalities: MunicipalitiesTable;
  regions: RegionsTable;
  municipality_regions: MunicipalityRegionsTable;
  search_outbox: SearchOutboxTable;
  app_meta: AppMetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  email_verification_tokens: TokensTable;
  password_reset_tokens: TokensTable;
  mail_outbox: MailOutboxTable;
  entry_owners: EntryOwnersTable;
  entry_on_board: { entry_id: number; party: OnBoardParty };
  entry_revisions: EntryRevisionsTable;
  entry_claims: EntryClaimsTable;
  entry_invitations: EntryInvitationsTable;
  introductions: IntroductionsTable;
  partnerships: PartnershipsTable;
  partnership_followups: PartnershipFollowupsTable;
  match_dismissals: MatchDismissalsTable;
  region_follows: RegionFollowsTable;
  entry_handovers: EntryHandoversTable;
  /** When the owners of an entry were last asked whether it is still current (ISO timestamp). */
  entry_check_reminders: { entry_id: number; reminded_at: string };
}

export type EntryRow = Selectable<EntriesTable>;
export type NewEntryRow = Insertable<EntriesTable>;
export type EntryRowUpdate = Updateable<EntriesTable>;
