import zlib from 'node:zlib';
import type { BBox } from 'geojson';
import { sql } from 'kysely';
import { Agent } from 'undici';
import type { DB } from '../../app/db/db.server';
import { clustersInView } from '../../app/map/clusters.server';
import { NETHERLANDS_BBOX } from '../../app/map/netherlands';
import { ftsQuery, whereClause } from '../../app/search/fallback.server';
import { searchParamsSchema, type SearchParams } from '../../app/search/search-params';
import { benchOptions, ms, percentile, prepareBenchData, startApp, stopAll, timedGet } from './harness';

/**
 * `npm run bench:map -- [--n 50000] [--seed 1] [--requests 200]`: the map's cluster answer for
 * fixed views next to the naive answer (every matching point in view as GeoJSON), computed in
 * the same process on the same database, plus the cluster endpoint's time over HTTP.
 */
const VIEWS: Record<string, { bbox: BBox; zoom: number }> = {
  country: { bbox: NETHERLANDS_BBOX, zoom: 7 },
  province: { bbox: [5.1, 51.7, 6.8, 52.5], zoom: 9 }, // Gelderland
  city: { bbox: [5.05, 52.06, 5.18, 52.12], zoom: 13 }, // Utrecht
};

/** The naive map: all matching points inside the view, one GeoJSON feature each. */
async function naivePoints(db: DB, params: SearchParams, [west, south, east, north]: BBox) {
  const { rows } = await sql<{ id: number; slug: string; name: string; kind: string; place: string; lat: number; lng: number }>`
    select e.id, e.slug, e.name, e.kind, e.place, e.lat, e.lng from entries e
    where ${whereClause(params, ftsQuery(params.q))} and e.lng between ${west} and ${east} and e.lat between ${south} and ${north}`.execute(
    db,
  );
  return {
    type: 'FeatureCollection',
    features: rows.map(({ lat, lng, ...properties }) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties,
    })),
  };
}

async function timeIt<T>(run: () => Promise<T>, times: number): Promise<{ durations: number[]; last: T }> {
  const durations: number[] = [];
  let last!: T;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    last = await run();
    durations.push(performance.now() - started);
  }
  return { durations, last };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}KB`;
const sizes = (value: unknown) => {
  const json = JSON.stringify(value);
  return { raw: Buffer.byteLength(json), gzip: zlib.gzipSync(json).length };
};

const options = benchOptions();
try {
  const data = await prepareBenchData(options.n, options.seed);
  const params = searchParamsSchema.parse({});
  const coldStart = performance.now();
  await clustersInView(data.db, data.client, params, VIEWS.country!);
  console.log(
    `bench map: ${data.entries} entries, ${options.requests} runs per view; clustering all of them took ${ms(performance.now() - coldStart)} once (then cached per filter set)`,
  );
  const app = await startApp(data.databasePath, data.search.url, data.search.masterKey);
  for (const [name, view] of Object.entries(VIEWS)) {
    const clusters = await timeIt(() => clustersInView(data.db, data.client, params, view), options.requests);
    const naive = await timeIt(() => naivePoints(data.db, params, view.bbox), Math.min(options.requests, 50));
    const url = `${app.baseUrl}/api/map/clusters?bbox=${view.bbox.join(',')}&zoom=${view.zoom}`;
    // A pool per view: a kept-alive socket left idle during the in-process runs may be closed by the server.
    const pool = new Agent();
    await timedGet(url, pool);
    const http: number[] = [];
    for (let i = 0; i < options.requests; i++) http.push((await timedGet(url, pool)).ms);
    await pool.close();
    const clusterSize = sizes(clusters.last);
    const naiveSize = sizes(naive.last);
    const [c95, n95] = [percentile(clusters.durations, 95), percentile(naive.durations, 95)];
    console.log(
      `bench map [${name} z${view.zoom}] clusters p95=${ms(c95)} size=${kb(clusterSize.raw)} (gzip ${kb(clusterSize.gzip)}, ${clusters.last.features.length} features, endpoint over HTTP p95=${ms(percentile(http, 95))}) | ` +
        `naive p95=${ms(n95)} size=${kb(naiveSize.raw)} (gzip ${kb(naiveSize.gzip)}, ${naive.last.features.length} points) | ` +
        `ratio p95=${(n95 / c95).toFixed(1)} size=${(naiveSize.raw / clusterSize.raw).toFixed(1)}`,
    );
  }
} finally {
  await stopAll();
}
