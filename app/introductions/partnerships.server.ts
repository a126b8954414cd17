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

/** Ids per statement when checking which partnership ends match the filters: well under SQLite's variable limit. */
const ID_CHUNK = 500;

/**
 * Partnerships between two published entries of which at least one matches the directory's filters,
 * oldest first, at most MAX_PARTNERSHIP_LINES. The partnerships are read first and the filters are
 * checked only for their ends (a join from the other side made SQLite pair every entry with every
 * partnership: minutes at 50,000 entries). The filters are the SQL fallback's (FTS5 for search
 * words: SQLite-only, like the fallback itself), so no search engine is needed to draw them.
 */
export async function partnershipLines(db: DB, params: SearchParams): Promise<PartnershipLines> {
  const pairs = await db.selectFrom('partnerships').select(['id', 'entry_low_id', 'entry_high_id', 'created_at']).orderBy('id').execute();
  const ends = [...new Set(pairs.flatMap((pair) => [pair.entry_low_id, pair.entry_high_id]))];
  const where = whereClause(params, ftsQuery(params.q));
  const matching = new Set<number>();
  const published = new Map<number, PartnerEnd>();
  for (let start = 0; start < ends.length; start += ID_CHUNK) {
    const chunk = ends.slice(start, start + ID_CHUNK);
    const [{ rows }, rowsPublished] = await Promise.all([
      sql<{ id: number }>`select e.id from entries e where ${where} and e.id in (${sql.join(chunk)})`.execute(db),
      db
        .selectFrom('entries')
        .select(['id', ...END_COLUMNS])
        .where('id', 'in', chunk)
        .where('status', '=', 'published')
        .execute(),
    ]);
    for (const row of rows) matching.add(Number(row.id));
    for (const { id, ...end } of rowsPublished) published.set(id, end);
  }
  const lines = pairs.flatMap((pair) => {
    const a = published.get(pair.entry_low_id);
    const b = published.get(pair.entry_high_id);
    if (!a || !b || !(matching.has(pair.entry_low_id) || matching.has(pair.entry_high_id))) return [];
    return [{ id: pair.id, since: pair.created_at, a, b }];
  });
  return { lines: lines.slice(0, MAX_PARTNERSHIP_LINES), total: lines.length, truncated: lines.length > MAX_PARTNERSHIP_LINES };
}
