import type { DB } from '~/db/db.server';
import type { MatchRelations } from './score';

/**
 * What introductions tell the matcher (docs/decisions/0016): pairs that are partners or were
 * dismissed are never proposed, and an entry with open requests is proposed a little less (the
 * spread penalty), so that one popular coalitie is not asked by everyone at once. With `entryId`,
 * only the pairs that involve it are read (open requests are counted for all: they are few).
 */
export async function loadMatchRelations(db: DB, entryId?: number): Promise<MatchRelations> {
  const partnerships = db.selectFrom('partnerships').select(['entry_low_id as a', 'entry_high_id as b']);
  const dismissals = db.selectFrom('match_dismissals').select(['entry_id as a', 'other_entry_id as b']);
  const [partnerRows, dismissalRows, open] = await Promise.all([
    (entryId === undefined
      ? partnerships
      : partnerships.where((eb) => eb.or([eb('entry_low_id', '=', entryId), eb('entry_high_id', '=', entryId)]))
    ).execute(),
    (entryId === undefined
      ? dismissals
      : dismissals.where((eb) => eb.or([eb('entry_id', '=', entryId), eb('other_entry_id', '=', entryId)]))
    ).execute(),
    db.selectFrom('introductions').select(['from_entry_id', 'to_entry_id']).where('status', '=', 'pending').execute(),
  ]);
  const openIntroductions: Record<string, number> = {};
  for (const { from_entry_id, to_entry_id } of open) {
    for (const id of [from_entry_id, to_entry_id]) openIntroductions[id] = (openIntroductions[id] ?? 0) + 1;
  }
  const pairs = (rows: Array<{ a: number; b: number }>) => rows.map(({ a, b }) => [String(a), String(b)] as const);
  return { partnerships: pairs(partnerRows), dismissals: pairs(dismissalRows), openIntroductions };
}

/** Changes whenever a partnership or dismissal is recorded, for caches of results that depend on them. */
export async function relationsVersion(db: DB): Promise<string> {
  const [partnerships, dismissals] = await Promise.all([
    db
      .selectFrom('partnerships')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('id').as('latest')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('match_dismissals')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('created_at').as('latest')])
      .executeTakeFirstOrThrow(),
  ]);
  return `${partnerships.count}.${partnerships.latest ?? ''}|${dismissals.count}.${dismissals.latest ?? ''}`;
}
