import { sql } from 'kysely';
import type { DB } from '~/db/db.server';
import { hasFormalPartner } from '~/entries/formal-partner.server';
import { ftsQuery, whereClause } from '~/search/fallback.server';
import type { SearchParams } from '~/search/search-params';
import type { RegionLayer, RegionMetric, RegionStats } from './region-layers';

// The answer's type lives in the plain module region-layers (the map imports it from there).
export type { RegionStats };

/**
 * Per region of a layer, for the directory's filters: the number of published entries working
 * there (`count`), or the share of initiatives there with a formal partner (`partnered`). An
 * entry works in a region when any of its coverage gemeenten lies in it. The share is about
 * initiatives whatever the kind filter says: coalities are the partners, not the partnered.
 */
export async function regionStats(db: DB, params: SearchParams, layer: RegionLayer, metric: RegionMetric): Promise<RegionStats> {
  const filter = metric === 'partnered' ? { ...params, kind: ['initiatief' as const] } : params;
  // entry_region_refs holds each entry's distinct `layer:code` refs (kept by triggers, as for the
  // facets), so no count(distinct) is needed: an entry covering three gemeenten of one provincie
  // has one ref there. The ref range is a seek on its primary key (entry_id, ref). CROSS JOIN
  // pins the order entry → refs, which the planner otherwise picks by heuristics alone (no
  // ANALYZE statistics); the other order, once per region over all entries, took seconds at 50,000.
  const { rows } = await sql<{ code: string; n: number; partnered: number }>`
    select substr(r.ref, ${layer.length + 2}) as code, count(*) as n,
      ${metric === 'partnered' ? sql`sum(${hasFormalPartner('e.id')})` : sql`0`} as partnered
    from entries e
    cross join entry_region_refs r on r.entry_id = e.id and r.ref > ${`${layer}:`} and r.ref < ${`${layer};`}
    where ${whereClause(filter, ftsQuery(filter.q))}
    group by code`.execute(db);
  const values: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const row of rows) {
    counts[row.code] = Number(row.n);
    values[row.code] = metric === 'count' ? Number(row.n) : Number(row.partnered) / Number(row.n);
  }
  return { layer, metric, values, counts, max: Math.max(0, ...Object.values(values)) };
}
