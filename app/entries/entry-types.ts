import type { EntryRow, OnBoardParty } from '../../db/schema';
import type { PartnerDomainCode, SupportTypeCode, TopicCode } from '~/taxonomy/taxonomy';

/** An entry with its relations, as the search index and curation read it: the whole database row. */
export type EntryWithRelations = EntryRow & {
  topics: TopicCode[];
  coverage: string[];
  partners: Array<{ name: string; domain: PartnerDomainCode }>;
  needs: SupportTypeCode[];
  offers: SupportTypeCode[];
  fundingSources: string[];
  targetGroups: string[];
  /** Which of gemeente, zorgverzekeraar and huisarts are on board (seed 001). */
  onBoard: OnBoardParty[];
};

/** The row fields a visitor may see: what the detail page shows, and nothing of the curation. */
const PUBLIC_ROW_FIELDS = [
  'slug',
  'kind',
  'name',
  'summary',
  'description',
  'legal_form',
  'founding_year',
  'website',
  'email',
  'phone',
  'place',
  'lat',
  'lng',
  'phase',
  'contact_role',
  'last_verified_at',
  'updated_at',
  'source',
] as const satisfies ReadonlyArray<keyof EntryRow>;

/**
 * The public view of an entry, which is all a page's loader may hand out (its data goes to the
 * browser as it is). Fields are listed, not left out, so a new column stays private until it is
 * added here. Not in it: id, status, created_at, funding_ends_on and the raw JSON columns.
 */
export type PublicEntry = Pick<EntryRow, (typeof PUBLIC_ROW_FIELDS)[number]> &
  Pick<EntryWithRelations, 'topics' | 'coverage' | 'partners' | 'needs' | 'offers' | 'fundingSources' | 'targetGroups' | 'onBoard'> & {
    /** Shown as the "Demogegevens" badge. */
    isDemo: boolean;
  };

export function toPublicEntry(entry: EntryWithRelations): PublicEntry {
  const row = Object.fromEntries(PUBLIC_ROW_FIELDS.map((field) => [field, entry[field]])) as Pick<
    EntryRow,
    (typeof PUBLIC_ROW_FIELDS)[number]
  >;
  return {
    ...row,
    topics: entry.topics,
    coverage: entry.coverage,
    partners: entry.partners,
    needs: entry.needs,
    offers: entry.offers,
    fundingSources: entry.fundingSources,
    onBoard: entry.onBoard,
    targetGroups: entry.targetGroups,
    isDemo: entry.is_demo === 1,
  };
}
