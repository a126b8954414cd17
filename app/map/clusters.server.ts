import type { BBox, Point } from 'geojson';
import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Meilisearch } from 'meilisearch';
import Supercluster from 'supercluster';
import { entriesVersion } from '~/db/data-version.server';
import type { DB } from '~/db/db.server';
import { ftsQuery, whereClause } from '~/search/fallback.server';
import { ENTRIES_INDEX, MAX_TOTAL_HITS, type SearchDocument } from '~/search/search-index.server';
import type { SearchParams } from '~/search/search-params';
import { describeSearchError, isSearchRequestError, searchApiError, searchBreaker, searchIndexVersion } from '~/search/meili.server';
import { SearchQueryError } from '~/search/search-errors';
import { meiliFilter } from '~/search/search.server';
import { mapFilterQuery } from './map-state';
import type { ClusterCollection, KindCounts, MapFeature, PointProperties } from './clusters';

// The contract types live in the plain module './clusters' (the map component imports them from there).
export type { ClusterCollection, ClusterProperties, PointProperties } from './clusters';

type ClusterIndex = { index: Supercluster<PointProperties, KindCounts>; total: number; bounds: BBox | null; degraded: boolean };

const MAX_ZOOM = 16;
// A clustered index of 50,000 points is a few MB; a handful of recent filter sets covers a session's browsing.
const cache = new LRUCache<string, Promise<ClusterIndex>>({ max: 24, ttl: 5 * 60_000 });

type PointRow = PointProperties & { lat: number; lng: number };

async function pointsFromDatabase(db: DB, params: SearchParams): Promise<PointRow[]> {
  const { rows } = await sql<PointRow>`select e.id, e.slug, e.name, e.kind, e.place, e.lat, e.lng
    from entries e where ${whereClause(params, ftsQuery(params.q))}`.execute(db);
  return rows;
}

/** With search words the set is Meilisearch's (typo tolerance, synonyms), so map and list agree. */
async function pointsFromMeilisearch(client: Meilisearch, params: SearchParams): Promise<PointRow[]> {
  const response = await client.index<SearchDocument>(ENTRIES_INDEX).search(params.q, {
    filter: meiliFilter(params),
    limit: MAX_TOTAL_HITS,
    attributesToRetrieve: ['id', 'slug', 'name', 'kind', 'place', '_geo'],
  });
  if ((response.estimatedTotalHits ?? 0) > response.hits.length) {
    throw new Error(`more than ${MAX_TOTAL_HITS} matches; the map would drop points`);
  }
  return response.hits.map(({ id, slug, name, kind, place, _geo }) => ({ id, slug, name, kind, place, lat: _geo.lat, lng: _geo.lng }));
}

function buildIndex(rows: PointRow[], degraded: boolean): ClusterIndex {
  const index = new Supercluster<PointProperties, KindCounts>({
    radius: 60,
    maxZoom: MAX_ZOOM,
    map: (props) => ({ coalitie: props.kind === 'coalitie' ? 1 : 0, initiatief: props.kind === 'initiatief' ? 1 : 0 }),
    reduce: (sum, props) => {
      sum.coalitie += props.coalitie;
      sum.initiatief += props.initiatief;
    },
  });
  index.load(
    rows.map(({ lat, lng, ...properties }) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties })),
  );
  let bounds: BBox | null = null;
  for (const { lat, lng } of rows) {
    bounds = bounds
      ? [Math.min(bounds[0], lng), Math.min(bounds[1], lat), Math.max(bounds[2], lng), Math.max(bounds[3], lat)]
      : [lng, lat, lng, lat];
  }
  return { index, total: rows.length, bounds, degraded };
}

async function clusterIndex(db: DB, client: Meilisearch | null, params: SearchParams): Promise<ClusterIndex> {
  // Search words are answered by Meilisearch, which receives a write after the database (through
  // the outbox): its version is part of the key, or a map asked in between would keep the old answer.
  const indexVersion = params.q && client ? searchIndexVersion(client) : null;
  const key = `${await entriesVersion(db)}|${indexVersion ?? ''}|${mapFilterQuery(params)}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      if (params.q && client && !searchBreaker(client)?.isOpen) {
        try {
          return buildIndex(await pointsFromMeilisearch(client, params), false);
        } catch (error) {
          if (isSearchRequestError(error)) throw new SearchQueryError(searchApiError(error)!.message, { cause: error });
          console.warn('map: answering from SQLite:', describeSearchError(error));
        }
      }
      // Filters alone are answered exactly by the database; search words there mean the fallback,
      // which is not kept for when Meilisearch is back (deleted after the await: once it is cached).
      const rows = await pointsFromDatabase(db, params);
      if (params.q && client) cache.delete(key);
      return buildIndex(rows, params.q !== '');
    })();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

const round = (value: number) => Math.round(value * 1e5) / 1e5;

/**
 * Clusters and single points for one map view, over every entry matching the directory's
 * filters (not a page of search hits). The response stays small at any zoom because points
 * closer than the cluster radius are merged, each cluster carrying its counts per kind.
 */
export async function clustersInView(
  db: DB,
  client: Meilisearch | null,
  params: SearchParams,
  view: { bbox: BBox; zoom: number },
): Promise<ClusterCollection> {
  const { index, total, bounds, degraded } = await clusterIndex(db, client, params);
  const features = index.getClusters(view.bbox, view.zoom).map((feature): MapFeature => {
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    const geometry: Point = { type: 'Point', coordinates: [round(lng), round(lat)] };
    const props = feature.properties;
    if ('cluster' in props && props.cluster) {
      const { cluster_id, point_count, coalitie, initiatief } = props;
      const expansion_zoom = Math.min(index.getClusterExpansionZoom(cluster_id), MAX_ZOOM + 1);
      return { type: 'Feature', geometry, properties: { cluster: true, cluster_id, point_count, coalitie, initiatief, expansion_zoom } };
    }
    const { id, slug, name, kind, place } = props as PointProperties;
    return { type: 'Feature', geometry, properties: { id, slug, name, kind, place } };
  });
  return { type: 'FeatureCollection', features, total, bounds, degraded };
}
