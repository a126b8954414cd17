import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { PartnerDomainCode } from '~/taxonomy/taxonomy';

/** Partners from this domain are citizens: they do not make an initiative formally partnered. */
export const CITIZENS_DOMAIN: PartnerDomainCode = 'burgers';

/**
 * Whether the entry `entryId` (a column reference such as `e.id`) has a formal partner: any listed
 * partner from a domain other than citizens, or a partnership recorded through an introduction with
 * a coalitie. One definition for the choropleth's "partnered" share, the /zonder-partner page and
 * the region figures.
 */
export function hasFormalPartner(entryId: string): RawBuilder<SqlBool> {
  const id = sql.ref(entryId);
  return sql<SqlBool>`(exists (select 1 from entry_partners p where p.entry_id = ${id} and p.domain <> ${CITIZENS_DOMAIN})
    or exists (select 1 from partnerships s join entries o on o.id = case when s.entry_low_id = ${id} then s.entry_high_id else s.entry_low_id end
      where (s.entry_low_id = ${id} or s.entry_high_id = ${id}) and o.kind = 'coalitie'))`;
}
