import { Agent } from 'undici';
import type { DB } from '../../app/db/db.server';
import type { EntryInput } from '../../app/entries/entry-schema';
import { bruteForceMatches, loadProfiles } from '../../app/matching/matching.server';
import { matchContext, rankCandidates, type MatchProfile } from '../../app/matching/score';
import type { GemeentePoint } from '../../app/places/places';
import { listMunicipalities } from '../../app/regions/regions.server';
import { drainOutbox } from '../../app/search/outbox.server';
import {
  SUPPORT_TYPE_CODES,
  themeOfTopic,
  TOPICS,
  type EntryKind,
  type SupportTypeCode,
  type TopicCode,
} from '../../app/taxonomy/taxonomy';
import { insertMissing } from '../../db/seed/seed';
import { benchOptions, ms, percentile, prepareBenchData, startApp, stopAll, timedGet } from './harness';

/**
 * `npm run bench:match -- [--n 50000] [--seed 1] [--requests 200]` (after `npm run build`): the
 * matcher on the benchmark data of bench:search plus planted pairs.
 * - Quality: for each of PLANTED initiatives, three coalities an expert would clearly choose (its
 *   gemeente in their werkgebied, exactly its topics, offering its needs) amid planted distractors
 *   (the same gemeente on other topics; the exact topics a region further or across the country;
 *   the same gemeente and topics offering nothing it needs) and the synthetic entries; prints
 *   precision@3, recall@10 and MRR of the API's proposals.
 * - Speed: proposals for one entry through the API (HTTP, built app, Meilisearch) next to brute
 *   force over every entry of the other kind (`bruteForceMatches`: read from SQLite and score;
 *   and scoring alone over profiles already in memory), and the SQLite fallback (Meilisearch down).
 *   Every API answer is checked against brute force.
 */
const PLANTED = 40;
/** Sampled synthetic entries per kind whose proposals are timed. */
const SAMPLED = 25;
const LIMIT = 10;

const freshConnections = new Agent({ pipelining: 0 });
/** Nothing may listen on port 9 (discard, privileged): every search there is refused at once and SQLite answers. */
const UNREACHABLE_MEILI = 'http://127.0.0.1:9';

const squared = (a: GemeentePoint, b: GemeentePoint) => (a.lat - b.lat) ** 2 + ((a.lng - b.lng) * 0.62) ** 2;
const byDistance = (all: GemeentePoint[], from: GemeentePoint) => [...all].sort((a, b) => squared(a, from) - squared(b, from));

type Planted = { initiatief: string; relevant: string[] };

/** The planted clusters: slugs of each initiative and its relevant coalities, and every entry to insert. */
function plantedWorld(municipalities: GemeentePoint[], seed: number) {
  const support = SUPPORT_TYPE_CODES;
  const entries: Array<{ slug: string; input: EntryInput }> = [];
  const clusters: Planted[] = [];
  for (let k = 0; k < PLANTED; k++) {
    const home = municipalities[Math.floor((k * municipalities.length) / PLANTED)]!;
    const near = byDistance(municipalities, home);
    const far = near.at(-1 - (k % 10))!;
    const topics: TopicCode[] = [TOPICS[k % TOPICS.length]!.code, TOPICS[(k + 7) % TOPICS.length]!.code];
    const themes = new Set(topics.map(themeOfTopic));
    const unrelated = TOPICS.filter((t) => !themes.has(t.theme))
      .slice(k % 3, (k % 3) + 2)
      .map((t) => t.code);
    const needs: SupportTypeCode[] = [support[k % support.length]!, support[(k + 3) % support.length]!];
    const offer = support[(k + 5) % support.length]!;
    const other = support.filter((code) => !needs.includes(code) && code !== offer);
    const slug = (role: string) => `bench-match-${seed}-${k}-${role}`;
    const entry = (
      role: string,
      kind: EntryKind,
      at: GemeentePoint,
      fields: Pick<EntryInput, 'coverage' | 'topics' | 'needs' | 'offers'>,
    ): { slug: string; input: EntryInput } => ({
      slug: slug(role),
      input: {
        kind,
        name: `${kind === 'initiatief' ? 'Proefinitiatief' : 'Proefcoalitie'} ${k + 1}${role} ${at.name}`,
        summary: `Geplante vermelding voor de matchingbenchmark in ${at.name}.`,
        description: 'Synthetische vermelding voor de matchingbenchmark; geen echte organisatie.',
        place: at.name,
        lat: at.lat + (entries.length % 7) * 0.001,
        lng: at.lng,
        status: 'published',
        source: `Matchingbenchmark (seed ${seed})`,
        isDemo: true,
        ...fields,
      },
    });
    const werkgebied = near.slice(0, 3).map((g) => g.code);
    entries.push(
      entry('', 'initiatief', home, { coverage: [home.code], topics, needs, offers: [offer] }),
      // The three an expert would introduce it to: its gemeente in the werkgebied, its topics, its needs met.
      entry('a', 'coalitie', home, { coverage: werkgebied, topics, offers: [...needs, other[0]!], needs: [] }),
      entry('b', 'coalitie', home, { coverage: [home.code], topics, offers: needs, needs: [offer] }),
      entry('c', 'coalitie', near[1]!, { coverage: werkgebied.slice(0, 2), topics, offers: [...needs, other[1]!], needs: [] }),
      // Distractors: each strong on two of the three counts.
      entry('x', 'coalitie', home, { coverage: [home.code], topics: unrelated, offers: needs, needs: [] }),
      entry('y', 'coalitie', near[5]!, { coverage: near.slice(4, 7).map((g) => g.code), topics, offers: needs, needs: [] }),
      entry('z', 'coalitie', far, { coverage: [far.code], topics, offers: needs, needs: [offer] }),
      entry('w', 'coalitie', home, { coverage: werkgebied, topics, offers: other.slice(0, 2), needs: [other[2]!] }),
    );
    clusters.push({ initiatief: slug(''), relevant: ['a', 'b', 'c'].map(slug) });
  }
  return { entries, clusters };
}

/** Deterministic sample of published synthetic entries of one kind (a small LCG on the seed). */
async function sampleEntries(db: DB, kind: EntryKind, count: number, seed: number): Promise<string[]> {
  const rows = await db
    .selectFrom('entries')
    .select('slug')
    .where('kind', '=', kind)
    .where('status', '=', 'published')
    .where('slug', 'like', 'synthetisch-%')
    .orderBy('id')
    .execute();
  let state = seed * 7919 + (kind === 'coalitie' ? 1 : 2);
  const picked = new Set<string>();
  while (picked.size < Math.min(count, rows.length)) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    picked.add(rows[state % rows.length]!.slug);
  }
  return [...picked];
}

type ApiAnswer = { proposals: Array<{ entry: { slug: string } }>; degraded: boolean };

const options = benchOptions();
try {
  const data = await prepareBenchData(options.n, options.seed);
  const world = plantedWorld(await listMunicipalities(data.db), options.seed);
  const planted = await insertMissing(data.db, world.entries);
  if (planted.invalid.length) throw new Error(`Planted entries refused: ${planted.invalid.join('; ')}`);
  const drained = await drainOutbox(data.db, data.client);
  if (drained.failed) throw new Error(`Indexing the planted entries failed (${drained.failed})`);
  const { count: total } = await data.db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  console.log(
    `bench match data: ${total} entries; ${PLANTED} planted initiatives with 3 relevant coalities and 4 distractors each (${planted.created} new)`,
  );

  const apps = {
    meili: await startApp(data.databasePath, data.search.url, data.search.masterKey),
    sqlite: await startApp(data.databasePath, UNREACHABLE_MEILI, data.search.masterKey),
  };
  async function propose(backend: keyof typeof apps, slug: string): Promise<{ ms: number; slugs: string[] }> {
    const url = `${apps[backend].baseUrl}/api/entries/${slug}/matches?limit=${LIMIT}`;
    const response = await timedGet(url, freshConnections);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${response.body.slice(0, 300)}`);
    const answer = JSON.parse(response.body) as ApiAnswer;
    if (answer.degraded !== (backend === 'sqlite')) throw new Error(`${url} answered with degraded: ${answer.degraded}`);
    return { ms: response.ms, slugs: answer.proposals.map((p) => p.entry.slug) };
  }
  const bruteSlugs = async (slug: string) => {
    const result = await bruteForceMatches(data.db, slug, { limit: LIMIT });
    if (result.status !== 'found') throw new Error(`${slug} not found`);
    return result.proposals.map((p) => p.entry.slug);
  };
  const sameList = (what: string, slug: string, got: string[], expected: string[]) => {
    if (got.join() !== expected.join()) throw new Error(`${what} for ${slug} differs from brute force:\n${got.join()}\n${expected.join()}`);
  };

  // Quality over the planted pairs, from the API (checked against brute force).
  let precision = 0;
  let recall = 0;
  let reciprocal = 0;
  for (const cluster of world.clusters) {
    const { slugs } = await propose('meili', cluster.initiatief);
    sameList('API', cluster.initiatief, slugs, await bruteSlugs(cluster.initiatief));
    const relevant = new Set(cluster.relevant);
    precision += slugs.slice(0, 3).filter((s) => relevant.has(s)).length / 3;
    recall += slugs.filter((s) => relevant.has(s)).length / relevant.size;
    const first = slugs.findIndex((s) => relevant.has(s));
    reciprocal += first < 0 ? 0 : 1 / (first + 1);
  }
  const k = world.clusters.length;
  console.log(
    `bench match quality: ${k} planted initiatives, 3 relevant coalities each | ` +
      `precision@3=${(precision / k).toFixed(3)} recall@10=${(recall / k).toFixed(3)} MRR=${(reciprocal / k).toFixed(3)}`,
  );

  const profiles = new Map<EntryKind, MatchProfile[]>();
  for (const kind of ['initiatief', 'coalitie'] as const) profiles.set(kind, await loadProfiles(data.db, { kind }));
  const context = matchContext();

  for (const kind of ['initiatief', 'coalitie'] as const) {
    const slugs = await sampleEntries(data.db, kind, SAMPLED, options.seed);
    const ids = await data.db.selectFrom('entries').select(['id', 'slug']).where('slug', 'in', slugs).execute();
    const queries = new Map((await loadProfiles(data.db, { ids: ids.map((row) => row.id) })).map((p) => [p.id, p]));
    const others = profiles.get(kind === 'initiatief' ? 'coalitie' : 'initiatief')!;
    const brute: number[] = [];
    const scoring: number[] = [];
    const degraded: number[] = [];
    for (const { id, slug } of ids) {
      let started = performance.now();
      const expected = await bruteSlugs(slug);
      brute.push(performance.now() - started);
      started = performance.now();
      rankCandidates(queries.get(String(id))!, others, context, LIMIT);
      scoring.push(performance.now() - started);
      // Warm-up of both apps for this entry, and the check that both give brute force's list.
      sameList('API', slug, (await propose('meili', slug)).slugs, expected);
      sameList('Fallback', slug, (await propose('sqlite', slug)).slugs, expected);
      degraded.push((await propose('sqlite', slug)).ms);
    }
    const api: number[] = [];
    for (let i = 0; i < options.requests; i++) api.push((await propose('meili', ids[i % ids.length]!.slug)).ms);
    const direction = kind === 'initiatief' ? 'initiatief→coalities' : 'coalitie→initiatieven';
    const p95 = percentile(api, 95);
    console.log(
      `bench match [${direction}] ${total} entries, ${ids.length} sampled entries, ${options.requests} API requests: ` +
        `api p50=${ms(percentile(api, 50))} p95=${ms(p95)} | brute p50=${ms(percentile(brute, 50))} p95=${ms(percentile(brute, 95))} | ` +
        `ratio p95=${(percentile(brute, 95) / p95).toFixed(1)}`,
    );
    console.log(
      `bench match [${direction}] scoring alone over ${others.length} profiles in memory p50=${ms(percentile(scoring, 50))} ` +
        `p95=${ms(percentile(scoring, 95))} (ratio p95=${(percentile(scoring, 95) / p95).toFixed(1)}) | ` +
        `fallback api p50=${ms(percentile(degraded, 50))} p95=${ms(percentile(degraded, 95))}`,
    );
  }
} finally {
  await stopAll();
}
