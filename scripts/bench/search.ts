import { setTimeout } from 'node:timers/promises';
import type { MultiSearchQuery } from 'meilisearch';
import { Agent } from 'undici';
import { createSearchClient } from '../../app/search/meili.server';
import { parseSearchParams } from '../../app/search/search-params';
import { directorySearches } from '../../app/search/search.server';
import { benchOptions, ms, percentile, prepareBenchData, startApp, stopAll, timedGet, type RunningApp } from './harness';

/**
 * `npm run bench:search -- [--n 50000] [--seed 1] [--requests 200]`: the directory search API
 * over HTTP, answered by Meilisearch and by the SQLite fallback, on the same data and queries.
 * Meilisearch twice: as the app runs (its cache of search answers on, so after the warm-up every
 * query is a repeat, as the home page and popular filters are) and with the cache off (every
 * query costs Meilisearch its full work, mostly facet counting). Beside them the same searches
 * sent straight to Meilisearch, in parallel as the app sends them, without the app: their wall time
 * and Meilisearch's own processing time (the longest of them), what an uncached answer cannot beat.
 * Not a test: it prints p50/p95 per query kind and overall, and how much slower the fallback is.
 */
const MIX = {
  // Words from the synthetic names and summaries (and "dementie", only in the demo entries), each with two facet groups.
  'text+facets': [
    'q=dementie&kind=initiatief&theme=VITAAL',
    'q=mantelzorgers&theme=MEE&need=financiering',
    'q=eenzaamheid&kind=initiatief&need=vrijwilligers',
    'q=vervoer+ouderen&kind=initiatief&region=provincie:PV26',
    'q=zorg&kind=coalitie&domain=welzijn',
  ],
  facets: [
    'topic=VITAAL-3&region=provincie:PV30',
    'kind=coalitie&theme=SAMEN',
    'need=financiering&region=ggd:GG2014',
    'theme=DIGITAAL&offer=expertise&kind=coalitie',
    'region=zorgkantoor:ZK16&topic=MEE-2',
  ],
  // Utrecht, Amsterdam, Groningen, Eindhoven and Nijmegen city centres.
  geo: [
    'near=52.0907,5.1214&radius_km=15',
    'near=52.3676,4.9041&radius_km=10&kind=initiatief',
    'near=53.2194,6.5665&radius_km=20',
    'near=51.4416,5.4697&radius_km=15&sort=distance',
    'near=51.8426,5.8528&radius_km=25&theme=VITAAL',
  ],
} satisfies Record<string, string[]>;
type Kind = keyof typeof MIX;
const KINDS = Object.keys(MIX) as Kind[];

/** Round-robin over the kinds, so that any --requests weighs them (nearly) equally. */
const QUERIES = Array.from({ length: Math.max(...KINDS.map((kind) => MIX[kind].length)) }, (_, i) =>
  KINDS.flatMap((kind) => (i < MIX[kind].length ? [{ kind, query: MIX[kind][i]! }] : [])),
).flat();

const BACKENDS = ['meili', 'uncached', 'sqlite'] as const;
const PHASES = ['meili', 'uncached', 'direct', 'sqlite'] as const;
const ROUNDS = 4;
const SETTLE_MS = 1_000;
/** Untimed requests at the start of each phase: its app sat idle while the others ran. */
const PHASE_WARMUP = 3;
type Backend = (typeof BACKENDS)[number];
type Phase = (typeof PHASES)[number];

/**
 * Kept-alive connections, as a browser or proxy would hold them, so the timings carry no TCP
 * handshake. Idle sockets are dropped after 2 s, before the app's own 5 s keep-alive timeout:
 * a socket to one app sits idle while the other answers and must not be closed under a request.
 */
const connections = new Agent({ keepAliveTimeout: 2_000, keepAliveMaxTimeout: 2_000 });

/** Nothing may listen on port 9 (discard, privileged): every search there is refused at once and SQLite answers. */
const UNREACHABLE_MEILI = 'http://127.0.0.1:9';

const options = benchOptions();
try {
  const data = await prepareBenchData(options.n, options.seed);
  const apps: Record<Backend, RunningApp> = {
    meili: await startApp(data.databasePath, data.search.url, data.search.masterKey),
    uncached: await startApp(data.databasePath, data.search.url, data.search.masterKey, { SEARCH_CACHE_MB: '0' }),
    sqlite: await startApp(data.databasePath, UNREACHABLE_MEILI, data.search.masterKey),
  };
  // The app's own transport (kept-alive, uncompressed), without its answer cache.
  const meilisearch = createSearchClient(data.search);

  /** The searches the app sends for `query`, sent the same way, timed without the app. */
  async function searchDirect(query: string): Promise<{ ms: number; processingMs: number }> {
    const parsed = parseSearchParams(new URLSearchParams(query));
    if (!parsed.ok) throw new Error(`${query}: ${JSON.stringify(parsed.errors)}`);
    const { main, counts } = directorySearches(parsed.params);
    const started = performance.now();
    const answers = await Promise.all(
      [main, ...counts.map(({ query }) => query)].map((search: MultiSearchQuery) =>
        meilisearch.multiSearch({ queries: [search] }).then(({ results }) => results[0]!),
      ),
    );
    return { ms: performance.now() - started, processingMs: Math.max(...answers.map((answer) => answer.processingTimeMs)) };
  }

  /** One timed request; aborts unless the answer came from the backend under test. */
  async function search(backend: Backend, query: string): Promise<{ ms: number; body: string }> {
    const url = `${apps[backend].baseUrl}/api/entries?${query}`;
    const response = await timedGet(url, connections);
    const degraded = response.status === 200 ? (JSON.parse(response.body) as { degraded?: unknown }).degraded : undefined;
    if (degraded !== (backend === 'sqlite')) {
      const expected = backend === 'sqlite' ? 'the SQLite fallback (degraded: true)' : 'Meilisearch (degraded: false)';
      throw new Error(
        `${url} answered ${response.status} with degraded: ${degraded}, expected ${expected}. ${response.body.slice(0, 300)}`,
      );
    }
    return response;
  }

  // Warm-up and check: every query once per backend and straight to Meilisearch, untimed; the cached answer must be the uncached one.
  for (const { query } of QUERIES) {
    for (const backend of BACKENDS) await search(backend, query);
    await searchDirect(query);
    const [cached, uncached] = [await search('meili', query), await search('uncached', query)];
    if (cached.body !== uncached.body) throw new Error(`/api/entries?${query}: the cached answer differs from Meilisearch's own`);
  }

  /** One request of a phase: its timing, and for the direct phase Meilisearch's processing time too. */
  async function timed(phase: Phase, kind: Kind, query: string): Promise<Array<{ phase: Phase | 'processing'; kind: Kind; ms: number }>> {
    if (phase !== 'direct') return [{ phase, kind, ms: (await search(phase, query)).ms }];
    const { ms, processingMs } = await searchDirect(query);
    return [
      { phase, kind, ms },
      { phase: 'processing', kind, ms: processingMs },
    ];
  }

  // Sequential, in rounds of one phase per backend: drift in the machine's load falls on all alike,
  // and each phase runs with the other apps idle. The fallback's queries keep its process busy
  // (collecting garbage) for a moment after each answer; alternating request by request would charge
  // that to the next request of another app, so each phase ends with a pause. An app idle for the
  // other phases answers its first requests slower (up to 5× in the cached phase): each phase starts
  // with a few untimed ones.
  const samples: Array<{ phase: Phase | 'processing'; kind: Kind; ms: number }> = [];
  const perPhase = Math.ceil(options.requests / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const phase of PHASES) {
      const first = round * perPhase;
      for (let i = first - PHASE_WARMUP; i < first; i++) await timed(phase, 'facets', QUERIES.at(i % QUERIES.length)!.query);
      for (let i = first; i < Math.min(options.requests, first + perPhase); i++) {
        const { kind, query } = QUERIES[i % QUERIES.length]!;
        samples.push(...(await timed(phase, kind, query)));
      }
      await setTimeout(SETTLE_MS);
    }
  }

  console.log(
    `bench search: ${data.entries} entries (--n ${options.n} --seed ${options.seed}), ${QUERIES.length} queries, ` +
      `${QUERIES.length} warm-up then ${options.requests} timed requests per backend, sequential over HTTP in ${ROUNDS} rounds of one phase per backend (each after ${PHASE_WARMUP} untimed)`,
  );
  const line = (label: string, kind?: Kind) => {
    const timings = (phase: Phase | 'processing') =>
      samples.filter((s) => s.phase === phase && (!kind || s.kind === kind)).map((s) => s.ms);
    const figures = (phase: Phase | 'processing') => `p50=${ms(percentile(timings(phase), 50))} p95=${ms(percentile(timings(phase), 95))}`;
    console.log(
      `bench search${label} meili ${figures('meili')} | meili uncached ${figures('uncached')} | ` +
        `direct ${figures('direct')} (processing ${figures('processing')}) | sqlite ${figures('sqlite')} | ` +
        `ratio sqlite/uncached p95=${(percentile(timings('sqlite'), 95) / percentile(timings('uncached'), 95)).toFixed(1)}`,
    );
  };
  for (const kind of KINDS) line(` [${kind}]`, kind);
  line('');
} finally {
  await stopAll();
}
