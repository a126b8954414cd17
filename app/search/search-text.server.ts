import { sql } from 'kysely';
import type { DB } from '~/db/db.server';

/**
 * Keeps the SQLite full-text index (the fallback search) in line with the entries: the same
 * fields Meilisearch searches, partner and gemeente names included. Pass ids to refresh those
 * entries, or nothing to rebuild it whole (after the gemeente names change).
 */
export async function refreshSearchText(db: DB, ids?: number[]): Promise<void> {
  if (ids?.length === 0) return;
  const only = ids ? sql`where e.id in (${sql.join(ids)})` : sql``;
  await (ids ? sql`delete from entries_fts where rowid in (${sql.join(ids)})` : sql`delete from entries_fts`).execute(db);
  await sql`insert into entries_fts (rowid, name, summary, partner_names, place, gemeente_names, target_groups, description)
    select e.id, e.name, e.summary,
      coalesce((select group_concat(p.name, ' ') from entry_partners p where p.entry_id = e.id), ''),
      e.place,
      coalesce((select group_concat(m.name, ' ') from entry_coverage c join municipalities m on m.code = c.gemeente_code where c.entry_id = e.id), ''),
      coalesce((select group_concat(value, ' ') from json_each(e.target_groups)), ''),
      coalesce(e.description, '')
    from entries e ${only}`.execute(db);
}

/** Whether every entry has its full-text row (false after a migration or an interrupted rebuild). */
export async function searchTextComplete(db: DB): Promise<boolean> {
  const { rows } = await sql<{ missing: number }>`select count(*) as missing from entries e
    where not exists (select 1 from entries_fts f where f.rowid = e.id)`.execute(db);
  return Number(rows[0]?.missing ?? 0) === 0;
}
