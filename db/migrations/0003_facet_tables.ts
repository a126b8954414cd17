import { sql, type Kysely } from 'kysely';

/**
 * The fallback's facet sources `entry_themes` and `entry_region_refs` become tables kept in step
 * by triggers, instead of views: as views every facet count re-expanded them (about 0.4 s per
 * request at 50,000 entries). Triggers keep every write path right without application code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop view if exists entry_themes`.execute(db);
  await sql`drop view if exists entry_region_refs`.execute(db);

  await sql`create table entry_themes (
    entry_id integer not null references entries(id) on delete cascade,
    theme text not null,
    primary key (entry_id, theme)
  ) without rowid`.execute(db);
  await sql`create index entry_themes_theme on entry_themes (theme, entry_id)`.execute(db);
  await sql`insert into entry_themes (entry_id, theme)
    select distinct entry_id, substr(topic_code, 1, instr(topic_code, '-') - 1) from entry_topics`.execute(db);
  await sql`create trigger entry_topics_theme_insert after insert on entry_topics begin
    insert or ignore into entry_themes (entry_id, theme)
      values (new.entry_id, substr(new.topic_code, 1, instr(new.topic_code, '-') - 1));
  end`.execute(db);
  await sql`create trigger entry_topics_theme_delete after delete on entry_topics begin
    delete from entry_themes
    where entry_id = old.entry_id and theme = substr(old.topic_code, 1, instr(old.topic_code, '-') - 1)
      and not exists (select 1 from entry_topics t where t.entry_id = old.entry_id
        and substr(t.topic_code, 1, instr(t.topic_code, '-') - 1) = entry_themes.theme);
  end`.execute(db);

  await sql`create table entry_region_refs (
    entry_id integer not null references entries(id) on delete cascade,
    ref text not null,
    primary key (entry_id, ref)
  ) without rowid`.execute(db);
  await sql`create index entry_region_refs_ref on entry_region_refs (ref, entry_id)`.execute(db);
  await sql`insert into entry_region_refs (entry_id, ref)
    select entry_id, 'gemeente:' || gemeente_code from entry_coverage
    union
    select c.entry_id, mr.layer || ':' || mr.region_code
    from entry_coverage c join municipality_regions mr on mr.gemeente_code = c.gemeente_code`.execute(db);
  // An entry is in a region when any of its gemeenten is: on a change, recompute that entry's refs.
  await sql`create trigger entry_coverage_refs_insert after insert on entry_coverage begin
    insert or ignore into entry_region_refs (entry_id, ref) values (new.entry_id, 'gemeente:' || new.gemeente_code);
    insert or ignore into entry_region_refs (entry_id, ref)
      select new.entry_id, layer || ':' || region_code from municipality_regions where gemeente_code = new.gemeente_code;
  end`.execute(db);
  await sql`create trigger entry_coverage_refs_delete after delete on entry_coverage begin
    delete from entry_region_refs where entry_id = old.entry_id;
    insert or ignore into entry_region_refs (entry_id, ref)
      select entry_id, 'gemeente:' || gemeente_code from entry_coverage where entry_id = old.entry_id
      union
      select c.entry_id, mr.layer || ':' || mr.region_code
      from entry_coverage c join municipality_regions mr on mr.gemeente_code = c.gemeente_code
      where c.entry_id = old.entry_id;
  end`.execute(db);
  // Reloading the geodata rewrites municipality_regions: follow it for the entries concerned.
  await sql`create trigger municipality_regions_refs_insert after insert on municipality_regions begin
    insert or ignore into entry_region_refs (entry_id, ref)
      select entry_id, new.layer || ':' || new.region_code from entry_coverage where gemeente_code = new.gemeente_code;
  end`.execute(db);
  await sql`create trigger municipality_regions_refs_delete after delete on municipality_regions begin
    delete from entry_region_refs
    where ref = old.layer || ':' || old.region_code
      and entry_id in (select entry_id from entry_coverage where gemeente_code = old.gemeente_code)
      and not exists (
        select 1 from entry_coverage c join municipality_regions mr on mr.gemeente_code = c.gemeente_code
        where c.entry_id = entry_region_refs.entry_id and mr.layer = old.layer and mr.region_code = old.region_code);
  end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of [
    'entry_topics_theme_insert',
    'entry_topics_theme_delete',
    'entry_coverage_refs_insert',
    'entry_coverage_refs_delete',
    'municipality_regions_refs_insert',
    'municipality_regions_refs_delete',
  ]) {
    await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
  }
  await sql`drop table if exists entry_region_refs`.execute(db);
  await sql`drop table if exists entry_themes`.execute(db);
  await sql`create view entry_themes as
    select distinct entry_id, substr(topic_code, 1, instr(topic_code, '-') - 1) as theme from entry_topics`.execute(db);
  await sql`create view entry_region_refs as
    select entry_id, 'gemeente:' || gemeente_code as ref from entry_coverage
    union
    select c.entry_id, mr.layer || ':' || mr.region_code as ref
    from entry_coverage c join municipality_regions mr on mr.gemeente_code = c.gemeente_code`.execute(db);
}
