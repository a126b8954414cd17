import type { Kysely } from 'kysely';

/** Answers "latest change" (the map's cache key) and the "laatst bijgewerkt" sort without a table scan. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('entries_updated_at').on('entries').column('updated_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('entries_updated_at').execute();
}
