import type { DB } from './db.server';

/**
 * Changes whenever an entry is written (created, edited, archived): the key for caches and ETags of
 * anything computed from the entries, so none outlives the data it shows.
 */
export async function entriesVersion(db: DB): Promise<string> {
  // Two queries: each is answered from an index, together in one statement they scan the table.
  const { n } = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const { at } = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .executeTakeFirstOrThrow();
  return `${n}@${at}`;
}
