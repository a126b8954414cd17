import type { EntryRow } from '../../db/schema';
import type { PartnerDomainCode, SupportTypeCode, TopicCode } from '~/taxonomy/taxonomy';

/** An entry with its relations, as the detail page, the search index and the structured data read it. */
export type EntryWithRelations = EntryRow & {
  topics: TopicCode[];
  coverage: string[];
  partners: Array<{ name: string; domain: PartnerDomainCode }>;
  needs: SupportTypeCode[];
  offers: SupportTypeCode[];
  fundingSources: string[];
  targetGroups: string[];
};
