import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * Self-service entries (docs/decisions/0015): who owns an entry, every version a member writes
 * (a draft until submitted, then reviewed: the decision, who took it, when and why, stays on the
 * row), claims of existing entries and co-owner invitations (only the token's sha256 is stored).
 * Also which of gemeente, zorgverzekeraar and huisarts are on board (seed 001), one row each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entry_on_board')
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('party', 'text', (col) => col.notNull().check(sql`party in ('gemeente', 'zorgverzekeraar', 'huisarts')`))
    .addPrimaryKeyConstraint('entry_on_board_pk', ['entry_id', 'party'])
    .execute();

  await db.schema
    .createTable('entry_owners')
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('entry_owners_pk', ['entry_id', 'user_id'])
    .execute();
  await db.schema.createIndex('entry_owners_user').on('entry_owners').column('user_id').execute();

  await db.schema
    .createTable('entry_revisions')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    // Null for a new entry until its first version is approved.
    .addColumn('entry_id', 'integer', (col) => col.references('entries.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    // The version as the entry schema reads it (JSON); steps fill it in one by one.
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('steps_done', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'submitted', 'approved', 'rejected')`),
    )
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('review_reason', 'text')
    .execute();
  await db.schema.createIndex('entry_revisions_author').on('entry_revisions').column('author_id').execute();
  await db.schema.createIndex('entry_revisions_status').on('entry_revisions').column('status').execute();
  await db.schema.createIndex('entry_revisions_entry').on('entry_revisions').column('entry_id').execute();

  await db.schema
    .createTable('entry_claims')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('review_reason', 'text')
    .execute();
  await db.schema.createIndex('entry_claims_status').on('entry_claims').column('status').execute();

  await db.schema
    .createTable('entry_invitations')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('invited_by', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'integer', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['entry_invitations', 'entry_claims', 'entry_revisions', 'entry_owners']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropTable('entry_on_board').execute();
}
