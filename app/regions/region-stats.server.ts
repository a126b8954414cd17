import { sql } from 'kysely';
import type { DB } from '~/db/db.server';
import { ftsQuery, whereClause } from '~/search/fallback.server';
import type { SearchParams } from '~/search/search-params';
import type { RegionLayer } from './region-layers';

export type RegionMetric = 'count' | 'partnered';

/**
 * Figures per region for a choropleth. Regions without any matching entry are left out (the
 * map shows them unshaded). `counts` is the number of entries the value is based on.
 */
export type RegionStats = { layer: RegionLayer; metric: RegionMetric; values: Record<string, number>; counts: Record<string, number>; max: number };

/** The region of `layer` each matching entry's gemeenten lie in, as (entry, code) rows. */
function entryRegions(layer: RegionLayer) {
  return layer === 'gemeente'
    ? sql`join entry_coverage c on c.entry_id = e.id`
    : sql`join entry_coverage c on c.entry_id = e.id
          join municipality_regions mr on mr.gemeente_code = c.gemeente_code and mr.layer = ${layer}`;
}

const regionCode = (layer: RegionLayer) => (layer === 'gemeente' ? sql`c.gemeente_code` : sql`mr.region_code`);

/**
 * Per region of a layer, for the directory's filters: the number of entries working there
 * (`count`), or the share of initiatives there with a formal partner (`partnered`). For now an
 * initiative "has a formal partner" when it lists a partner from any domain other than citizens;
 * introductions and partnerships made on the platform will count here once they exist.
 */
export async function regionStats(db: DB, params: SearchParams, layer: RegionLayer, metric: RegionMetric): Promise<RegionStats> {
  const match = ftsQuery(params.q);
  if (metric === 'count') {
    const { rows } = await sql<{ code: string; n: number }>`
      select ${regionCode(layer)} as code, count(distinct e.id) as n
      from entries e ${entryRegions(layer)}
      where ${whereClause(params, match)}
      group by code`.execute(db);
    const values = Object.fromEntries(rows.map((row) => [row.code, Number(row.n)]));
    return { layer, metric, values, counts: values, max: Math.max(0, ...Object.values(values)) };
  }
  // The share is about initiatives whatever kind filter is set.
  const initiatives = { ...params, kind: ['initiatief' as const] };
  const { rows } = await sql<{ code: string; n: number; partnered: number }>`
    select ${regionCode(layer)} as code, count(distinct e.id) as n,
      count(distinct case when exists (
        select 1 from entry_partners p where p.entry_id = e.id and p.domain <> 'burgers'
      ) then e.id end) as partnered
    from entries e ${entryRegions(layer)}
    where ${whereClause(initiatives, match)}
    group by code`.execute(db);
  const values: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const row of rows) {
    counts[row.code] = Number(row.n);
    values[row.code] = Number(row.partnered) / Number(row.n);
  }
  return { layer, metric, values, counts, max: rows.length ? 1 : 0 };
}
