import type { DB } from '~/db/db.server';

/** Whether the user is one of the entry's owners; for permission checks in the services. */
export async function isOwner(db: DB, userId: string, entryId: number): Promise<boolean> {
  const row = await db
    .selectFrom('entry_owners')
    .select('user_id')
    .where('entry_id', '=', entryId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
