import { sql } from 'kysely';
import type { DB } from '~/db/db.server';
import { ftsQuery, whereClause } from '~/search/fallback.server';
import type { SearchParams } from '~/search/search-params';
import { MAX_PARTNERSHIP_LINES, type PartnerEnd, type PartnershipLines } from './partnership-lines';

const END_COLUMNS = ['slug', 'name', 'kind', 'place', 'lat', 'lng'] as const;

/** One entry's partnerships with published entries, newest first: the partner and since when. */
export async function partnershipsOf(db: DB, entryId: number): Promise<Array<{ partner: PartnerEnd; since: string }>> {
  const pairs = await db
    .selectFrom('partnerships')
    .select(['entry_low_id', 'entry_high_id', 'created_at'])
    .where((eb) => eb.or([eb('entry_low_id', '=', entryId), eb('entry_high_id', '=', entryId)]))
    .orderBy('created_at', 'desc')
    .execute();
  const partnerIds = pairs.map((pair) => (pair.entry_low_id === entryId ? pair.entry_high_id : pair.entry_low_id));
  if (partnerIds.length === 0) return [];
  const partners = await db
    .selectFrom('entries')
    .select(['id', ...END_COLUMNS])
    .where('id', 'in', partnerIds)
    .where('status', '=', 'published')
    .execute();
  const byId = new Map(partners.map(({ id, ...partner }) => [id, partner]));
  return pairs.flatMap((pair, index) => {
    const partner = byId.get(partnerIds[index]!);
    return partner ? [{ partner, since: pair.created_at }] : [];
  });
}

/**
 * Partnerships between two published entries of which at least one matches the directory's filters,
 * oldest first, at most MAX_PARTNERSHIP_LINES. The filters are the SQL fallback's (FTS5 for search
 * words: SQLite-only, like the fallback itself), so no search engine is needed to draw them.
 */
export async function partnershipLines(db: DB, params: SearchParams): Promise<PartnershipLines> {
  const matching = sql`select e.id from entries e where ${whereClause(params, ftsQuery(params.q))}`;
  const from = sql`from partnerships p
    join entries a on a.id = p.entry_low_id and a.status = 'published'
    join entries b on b.id = p.entry_high_id and b.status = 'published'
    where p.entry_low_id in (${matching}) or p.entry_high_id in (${matching})`;
  const ends = (alias: 'a' | 'b') =>
    sql.join(END_COLUMNS.map((column) => sql`${sql.ref(`${alias}.${column}`)} as ${sql.ref(`${alias}_${column}`)}`));
  const [{ rows }, { rows: counted }] = await Promise.all([
    sql<
      Record<string, unknown>
    >`select p.id, p.created_at as since, ${ends('a')}, ${ends('b')} ${from} order by p.id limit ${MAX_PARTNERSHIP_LINES}`.execute(db),
    sql<{ total: number }>`select count(*) as total ${from}`.execute(db),
  ]);
  const end = (row: Record<string, unknown>, alias: 'a' | 'b') =>
    Object.fromEntries(END_COLUMNS.map((column) => [column, row[`${alias}_${column}`]])) as PartnerEnd;
  const total = Number(counted[0]?.total ?? 0);
  return {
    lines: rows.map((row) => ({ id: Number(row.id), since: String(row.since), a: end(row, 'a'), b: end(row, 'b') })),
    total,
    truncated: total > rows.length,
  };
}
