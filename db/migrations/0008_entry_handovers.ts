import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/**
 * Entries awaiting a new owner (docs/decisions/0018): when a member deletes their account, the
 * entries they alone owned are not deleted but handed to curators, one row each, listed on
 * /beheer/beoordelen until a curator marks it handled. Nothing about the former owner is kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entry_handovers')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('entry_id', 'integer', (col) => col.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('reason', 'text', (col) => col.notNull().check(sql`reason in ('account-deleted')`))
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('entry_handovers_open').on('entry_handovers').columns(['handled_at', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entry_handovers').execute();
}
