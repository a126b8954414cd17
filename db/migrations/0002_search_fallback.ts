import { sql, type Kysely } from 'kysely';

/**
 * What the SQLite fallback search needs: a full-text index over the same fields Meilisearch
 * searches, and views that give every entry's themes and region references (`layer:code`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table entries_fts using fts5(
    name, summary, partner_names, place, gemeente_names, target_groups, description,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`create trigger entries_fts_delete after delete on entries begin
    delete from entries_fts where rowid = old.id;
  end`.execute(db);
  await sql`create view entry_themes as
    select distinct entry_id, substr(topic_code, 1, instr(topic_code, '-') - 1) as theme from entry_topics`.execute(db);
  await sql`create view entry_region_refs as
    select entry_id, 'gemeente:' || gemeente_code as ref from entry_coverage
    union
    select c.entry_id, mr.layer || ':' || mr.region_code as ref
    from entry_coverage c join municipality_regions mr on mr.gemeente_code = c.gemeente_code`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop view if exists entry_region_refs`.execute(db);
  await sql`drop view if exists entry_themes`.execute(db);
  await sql`drop trigger if exists entries_fts_delete`.execute(db);
  await sql`drop table if exists entries_fts`.execute(db);
}
