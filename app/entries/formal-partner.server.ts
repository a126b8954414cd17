import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { PartnerDomainCode } from '~/taxonomy/taxonomy';

/** Partners from this domain are citizens: they do not make an initiative formally partnered. */
export const CITIZENS_DOMAIN: PartnerDomainCode = 'burgers';

/**
 * Whether the entry `entryId` (a column reference such as `e.id`) has a formal partner: any listed
 * partner from a domain other than citizens. One definition for the choropleth's "partnered" share
 * and the /zonder-partner page. Partnerships made through the platform (introductions) will count
 * here once that table exists.
 */
export function hasFormalPartner(entryId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from entry_partners p where p.entry_id = ${sql.ref(entryId)} and p.domain <> ${CITIZENS_DOMAIN})`;
}
