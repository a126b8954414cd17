import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * Introductions and what they lead to (docs/decisions/0016): a member asks, for one of their
 * entries, to be introduced to another entry; its owners (or, when it has none, curators) accept or
 * decline. An acceptance records a partnership, and both sides are asked after six weeks whether it
 * led to working together. Dismissed proposals are kept so the matcher stops proposing them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('introductions')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('from_entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('to_entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    // Set null when the account is deleted: the request stays part of both entries' history.
    .addColumn('requested_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('message', 'text', (col) => col.notNull())
    // The other side had no owner when it was asked: curators broker it.
    .addColumn('brokered', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'accepted', 'declined', 'withdrawn')`),
    )
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('responded_at', 'text')
    .addColumn('responded_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('response_reason', 'text')
    .addCheckConstraint('introductions_two_entries', sql`from_entry_id <> to_entry_id`)
    .execute();
  await db.schema.createIndex('introductions_from').on('introductions').columns(['from_entry_id', 'status']).execute();
  await db.schema.createIndex('introductions_to').on('introductions').columns(['to_entry_id', 'status']).execute();

  await db.schema
    .createTable('partnerships')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    // The pair in id order, so that one pair is one row whichever side asked.
    .addColumn('entry_low_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('entry_high_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('introduction_id', 'integer', (col) => col.references('introductions.id').onDelete('set null'))
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addCheckConstraint('partnerships_ordered_pair', sql`entry_low_id < entry_high_id`)
    .addUniqueConstraint('partnerships_pair', ['entry_low_id', 'entry_high_id'])
    .execute();
  await db.schema.createIndex('partnerships_high').on('partnerships').column('entry_high_id').execute();

  await db.schema
    .createTable('partnership_followups')
    .addColumn('partnership_id', 'integer', (col) => col.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    // ISO date-time; the question is mailed on or after it.
    .addColumn('due_at', 'text', (col) => col.notNull())
    .addColumn('asked_at', 'text')
    .addColumn('answer', 'text', (col) => col.check(sql`answer in ('ja', 'nog-bezig', 'nee')`))
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('partnership_followups_pk', ['partnership_id', 'entry_id'])
    .execute();
  await db.schema.createIndex('partnership_followups_due').on('partnership_followups').columns(['asked_at', 'due_at']).execute();

  await db.schema
    .createTable('match_dismissals')
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('other_entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('dismissed_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('match_dismissals_pk', ['entry_id', 'other_entry_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['match_dismissals', 'partnership_followups', 'partnerships', 'introductions']) {
    await db.schema.dropTable(table).execute();
  }
}
