import type { Kysely } from 'kysely';

/**
 * When the owners of an entry were last asked whether it is still current (docs/decisions/0025):
 * one row per entry, so the hourly job asks again only after a pause.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entry_check_reminders')
    .addColumn('entry_id', 'integer', (col) => col.primaryKey().references('entries.id').onDelete('cascade'))
    .addColumn('reminded_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('entry_check_reminders').execute();
}
