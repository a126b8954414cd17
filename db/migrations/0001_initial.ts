import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entries')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('coalitie', 'initiatief')`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('legal_form', 'text')
    .addColumn('founding_year', 'integer')
    .addColumn('website', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('place', 'text', (col) => col.notNull())
    .addColumn('lat', 'real', (col) => col.notNull())
    .addColumn('lng', 'real', (col) => col.notNull())
    .addColumn('phase', 'text', (col) => col.check(sql`phase in ('verkennen', 'vormgeven', 'verdiepen', 'verankeren')`))
    .addColumn('contact_role', 'text')
    .addColumn('funding_sources', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('funding_ends_on', 'text')
    .addColumn('target_groups', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'review', 'published', 'archived')`),
    )
    .addColumn('source', 'text')
    .addColumn('is_demo', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_verified_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (col) => col.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('entries_status_kind').on('entries').columns(['status', 'kind']).execute();

  for (const table of ['entry_needs', 'entry_offers'] as const) {
    await db.schema
      .createTable(table)
      .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
      .addColumn('code', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['entry_id', 'code'])
      .execute();
    await db.schema.createIndex(`${table}_code`).on(table).column('code').execute();
  }

  await db.schema
    .createTable('entry_topics')
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('topic_code', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('entry_topics_pk', ['entry_id', 'topic_code'])
    .execute();
  await db.schema.createIndex('entry_topics_topic').on('entry_topics').column('topic_code').execute();

  // Coverage is not a foreign key to municipalities: the boundary table is reloaded per year
  // and may be absent on a machine without geodata, while entries must stay intact.
  await db.schema
    .createTable('entry_coverage')
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('gemeente_code', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('entry_coverage_pk', ['entry_id', 'gemeente_code'])
    .execute();
  await db.schema.createIndex('entry_coverage_gemeente').on('entry_coverage').column('gemeente_code').execute();

  await db.schema
    .createTable('entry_partners')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('domain', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('entry_partners_entry').on('entry_partners').column('entry_id').execute();

  await db.schema
    .createTable('municipalities')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('lat', 'real', (col) => col.notNull())
    .addColumn('lng', 'real', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('regions')
    .addColumn('layer', 'text', (col) => col.notNull())
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('regions_pk', ['layer', 'code'])
    .execute();

  await db.schema
    .createTable('municipality_regions')
    .addColumn('gemeente_code', 'text', (col) => col.notNull().references('municipalities.code').onDelete('cascade'))
    .addColumn('layer', 'text', (col) => col.notNull())
    .addColumn('region_code', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('municipality_regions_pk', ['gemeente_code', 'layer'])
    .execute();
  await db.schema.createIndex('municipality_regions_region').on('municipality_regions').columns(['layer', 'region_code']).execute();

  await db.schema
    .createTable('search_outbox')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('entry_id', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('search_outbox_due').on('search_outbox').column('next_attempt_at').execute();

  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'app_meta',
    'search_outbox',
    'municipality_regions',
    'regions',
    'municipalities',
    'entry_partners',
    'entry_coverage',
    'entry_topics',
    'entry_offers',
    'entry_needs',
    'entries',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
