import { benchOptions, ms, percentile, prepareBenchData, startApp, timedFetch, type RunningApp } from './harness';

/**
 * `npm run bench:search -- [--n 50000] [--seed 1] [--requests 200]`: the directory search API
 * over HTTP, answered by Meilisearch and by the SQLite fallback, on the same data and queries.
 * Not a test: it prints p50/p95 per query kind and overall, with SQLite as the baseline.
 */
const MIX: Record<string, string[]> = {
  'text+facets': [
    'q=dementie&kind=initiatief&theme=VITAAL',
    'q=mantelzorgers&theme=MEE&need=financiering',
    'q=eenzaamheid&kind=initiatief&offer=vrijwilligers',
    'q=vervoer+ouderen&kind=initiatief&region=provincie:PV26',
    'q=zorg&kind=coalitie&domain=welzijn',
  ],
  facets: [
    'topic=VITAAL-3&region=provincie:PV30',
    'kind=coalitie&theme=SAMEN',
    'need=financiering&region=ggd:GG2014',
    'theme=DIGITAAL&offer=expertise&kind=initiatief',
    'region=zorgkantoor:ZK16&topic=MEE-2',
  ],
  geo: [
    'near=52.0907,5.1214&radius_km=15',
    'near=52.3676,4.9041&radius_km=10&kind=initiatief',
    'near=53.2194,6.5665&radius_km=20',
    'near=51.4416,5.4697&radius_km=15&sort=distance',
    'near=51.8426,5.8528&radius_km=25&theme=VITAAL',
  ],
};

const options = benchOptions();
const data = await prepareBenchData(options.n, options.seed);
const apps: Partial<Record<'meili' | 'sqlite', RunningApp>> = {};
try {
  apps.meili = await startApp(data.databasePath, data.search.url, data.search.masterKey);
  // Nothing listens on port 9: every request falls back to SQLite (connection refused costs well under a millisecond).
  apps.sqlite = await startApp(data.databasePath, 'http://127.0.0.1:9', data.search.masterKey);

  const timings: Record<'meili' | 'sqlite', Record<string, number[]>> = { meili: {}, sqlite: {} };
  for (const backend of ['meili', 'sqlite'] as const) {
    const base = `${apps[backend]!.baseUrl}/api/entries?per_page=20&`;
    for (const query of Object.values(MIX).flat()) {
      const { body, status } = await timedFetch(base + query);
      const degraded = (JSON.parse(body) as { degraded: boolean }).degraded;
      if (status !== 200 || degraded !== (backend === 'sqlite')) throw new Error(`${backend}: ${query} answered ${status}, degraded=${degraded}`);
    }
    for (const [kind, queries] of Object.entries(MIX)) {
      timings[backend][kind] = [];
      for (let i = 0; i < options.requests; i++) {
        timings[backend][kind]!.push((await timedFetch(base + queries[i % queries.length])).ms);
      }
    }
  }
  console.log(`bench search: ${data.entries} entries, ${options.requests} requests per query kind and backend, sequential, over HTTP`);
  const line = (label: string, meili: number[], sqlite: number[]) =>
    console.log(
      `bench search${label} meili p50=${ms(percentile(meili, 50))} p95=${ms(percentile(meili, 95))} | ` +
        `sqlite p50=${ms(percentile(sqlite, 50))} p95=${ms(percentile(sqlite, 95))} | ` +
        `ratio p95=${(percentile(sqlite, 95) / percentile(meili, 95)).toFixed(1)}`,
    );
  for (const kind of Object.keys(MIX)) line(` [${kind}]`, timings.meili[kind]!, timings.sqlite[kind]!);
  line('', Object.values(timings.meili).flat(), Object.values(timings.sqlite).flat());
} finally {
  await Promise.all([apps.meili?.stop(), apps.sqlite?.stop()]);
  await data.search.stop();
  await data.db.destroy();
}
