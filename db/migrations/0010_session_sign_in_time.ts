import type { Kysely } from 'kysely';

/** When a session was signed in (seconds since the epoch), for its absolute lifetime. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('created_at', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // Existing sessions count from the latest moment they can have started: 30 days before their expiry.
  const sessions = db as Kysely<{ sessions: { expires_at: number; created_at: number } }>;
  await sessions
    .updateTable('sessions')
    .set((eb) => ({ created_at: eb('expires_at', '-', 30 * 24 * 60 * 60) }))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('created_at').execute();
}
