import type { EntryKind, PartnerDomainCode, PhaseCode, SupportTypeCode, TopicCode } from '~/taxonomy/taxonomy';

/**
 * One entry as the exports give it: public fields only. Not in it: the database id, status,
 * owners, source, created/updated dates and the end date of the funding; of the dates only the
 * last verification, which tells a reader how fresh the entry is.
 */
export type ExportEntry = {
  slug: string;
  kind: EntryKind;
  name: string;
  summary: string;
  description: string | null;
  place: string;
  lat: number;
  lng: number;
  /** The werkgebied: gemeenten by CBS code, with their names where the boundaries know them. */
  gemeenten: Array<{ code: string; name: string }>;
  topics: TopicCode[];
  needs: SupportTypeCode[];
  offers: SupportTypeCode[];
  partners: Array<{ name: string; domain: PartnerDomainCode }>;
  phase: PhaseCode | null;
  legal_form: string | null;
  founding_year: number | null;
  target_groups: string[];
  funding_sources: string[];
  /** A role such as "kartrekker", never a person's name. */
  contact_role: string | null;
  website: string | null;
  /** The entry's public e-mail address and phone number, as its detail page shows them. */
  email: string | null;
  phone: string | null;
  last_verified_at: string | null;
  is_demo: boolean;
};
