import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { Agent } from 'undici';
import type { DB } from '../../app/db/db.server';
import { hasFormalPartner } from '../../app/entries/formal-partner.server';
import { FOLLOW_UP_ANSWERS } from '../../app/introductions/introduction-schema';
import { matrixStatus, STALE_AFTER_MONTHS, FUNDING_ENDS_WITHIN_MONTHS, type KeyFigures } from '../../app/regions/region-page';
import { forgetRegionFigures, regionFigures, regionPage, type RegionFigures } from '../../app/regions/region-page.server';
import { PARTNER_DOMAIN_CODES, TOPIC_CODES, type EntryKind } from '../../app/taxonomy/taxonomy';
import { benchOptions, ms, percentile, prepareBenchData, startApp, stopAll, timedGet } from './harness';

/**
 * `npm run bench:region -- [--n 50000] [--seed 1] [--requests 200]`: the region page of the
 * provincie with the most entries. In the same process: its figures (key figures, agenda matrix,
 * partner-domain mix, each one aggregate query) next to the naive approach (one count query per
 * topic and kind, per domain and per figure), which must give the same numbers; then the whole
 * page as the built app renders it over HTTP (loader and React server render, proposals included):
 * the first request after start computes everything, later ones reuse the figures and proposals
 * kept for the data version (docs/decisions/0019).
 */

const isoDate = (date: Date, months = 0) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate())).toISOString().slice(0, 10);

/** One scalar count. */
async function count(db: DB, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The naive figures: a query per topic × kind, per domain and per figure, each filtering the region's entries again. */
async function naiveFigures(
  db: DB,
  ref: string | null,
  now: Date,
): Promise<{ figures: KeyFigures; topics: Map<string, number>; domains: Map<string, number> }> {
  const inRegion = ref === null ? sql`1 = 1` : sql`e.id in (select entry_id from entry_region_refs where ref = ${ref})`;
  const published = (condition: ReturnType<typeof sql>) =>
    count(db, sql<{ n: number }>`select count(*) as n from entries e where e.status = 'published' and ${inRegion} and ${condition}`);
  const [today, staleBefore, fundingUntil] = [isoDate(now), isoDate(now, -STALE_AFTER_MONTHS), isoDate(now, FUNDING_ENDS_WITHIN_MONTHS)];
  const partnershipSide = (side: 'entry_low_id' | 'entry_high_id') =>
    ref === null ? sql`1 = 1` : sql`s.${sql.ref(side)} in (select entry_id from entry_region_refs where ref = ${ref})`;
  const figures: KeyFigures = {
    coalities: await published(sql`e.kind = 'coalitie'`),
    initiatieven: await published(sql`e.kind = 'initiatief'`),
    partnerships: await count(
      db,
      // CROSS JOIN keeps partnerships first: otherwise SQLite may pair every entry with every entry.
      sql<{ n: number }>`select count(*) as n from partnerships s cross join entries a cross join entries b
        where a.id = s.entry_low_id and a.status = 'published' and b.id = s.entry_high_id and b.status = 'published'
          and (${partnershipSide('entry_low_id')} or ${partnershipSide('entry_high_id')})`,
    ),
    partneredInitiatieven: await published(sql`e.kind = 'initiatief' and ${hasFormalPartner('e.id')}`),
    stale: await published(sql`(e.last_verified_at is null or e.last_verified_at < ${staleBefore})`),
    fundingEnding: await published(sql`e.funding_ends_on >= ${today} and e.funding_ends_on <= ${fundingUntil}`),
    followUps: { ja: 0, 'nog-bezig': 0, nee: 0 },
  };
  for (const answer of FOLLOW_UP_ANSWERS) {
    figures.followUps[answer] = await count(
      db,
      sql<{
        n: number;
      }>`select count(*) as n from partnership_followups f cross join partnerships s cross join entries a cross join entries b
        where f.answer = ${answer} and s.id = f.partnership_id
          and a.id = s.entry_low_id and a.status = 'published' and b.id = s.entry_high_id and b.status = 'published'
          and (${partnershipSide('entry_low_id')} or ${partnershipSide('entry_high_id')})`,
    );
  }
  const topics = new Map<string, number>();
  for (const topic of TOPIC_CODES) {
    for (const kind of ['coalitie', 'initiatief'] as EntryKind[]) {
      const n = await published(
        sql`e.kind = ${kind} and exists (select 1 from entry_topics t where t.entry_id = e.id and t.topic_code = ${topic})`,
      );
      topics.set(`${topic}|${kind}`, n);
    }
  }
  const domains = new Map<string, number>();
  for (const domain of PARTNER_DOMAIN_CODES) {
    domains.set(
      domain,
      await published(
        sql`e.kind = 'coalitie' and exists (select 1 from entry_partners p where p.entry_id = e.id and p.domain = ${domain})`,
      ),
    );
  }
  return { figures, topics, domains };
}

/** The naive page's figures in the shape regionFigures gives, for the equality check. */
async function naiveRegionFigures(db: DB, ref: string, now: Date): Promise<RegionFigures> {
  const [region, national] = [await naiveFigures(db, ref, now), await naiveFigures(db, null, now)];
  return {
    figures: { region: region.figures, national: national.figures },
    matrix: TOPIC_CODES.map((topic) => {
      const [formal, informal] = [region.topics.get(`${topic}|coalitie`)!, region.topics.get(`${topic}|initiatief`)!];
      return { topic, formal, informal, status: matrixStatus(formal, informal) };
    }),
    domains: {
      rows: PARTNER_DOMAIN_CODES.map((domain) => ({
        domain,
        region: region.domains.get(domain)!,
        national: national.domains.get(domain)!,
      })),
      coalities: { region: region.figures.coalities, national: national.figures.coalities },
    },
    asOf: isoDate(now),
  };
}

async function times(run: () => Promise<unknown>, n: number): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return durations;
}

const summary = (durations: number[]) => `p50=${ms(percentile(durations, 50))} p95=${ms(percentile(durations, 95))}`;

const options = benchOptions();
try {
  const data = await prepareBenchData(options.n, options.seed);
  const now = new Date();
  const { rows } = await sql<{ ref: string; n: number }>`select ref, count(*) as n from entry_region_refs
    where ref > 'provincie:' and ref < 'provincie;' group by ref order by n desc limit 1`.execute(data.db);
  const ref = rows[0]!.ref;
  const code = ref.slice('provincie:'.length);

  // The first page after a change also computes the national figures (then kept per data version).
  const coldStart = performance.now();
  const fast = await regionFigures(data.db, ref, now);
  const cold = performance.now() - coldStart;
  const naive = await naiveRegionFigures(data.db, ref, now);
  if (!isDeepStrictEqual(fast, naive)) throw new Error(`The naive figures differ:\n${JSON.stringify({ fast, naive }, null, 1)}`);
  const region = fast.figures.region;
  console.log(
    `bench region: ${data.entries} entries; provincie ${code} (${region.coalities} coalities, ${region.initiatieven} initiatieven); ` +
      `both approaches give the same figures; first render with the national figures ${ms(cold)}`,
  );

  const aggregate = await times(() => {
    forgetRegionFigures(data.db);
    return regionFigures(data.db, ref, now);
  }, options.requests);
  console.log(`bench region [figures ${code}] aggregate ${summary(aggregate)}`);
  const naiveRuns = await times(() => naiveRegionFigures(data.db, ref, now), Math.min(options.requests, 10));
  console.log(
    `bench region [figures ${code}] naive per topic ${summary(naiveRuns)} | ratio p95=${(percentile(naiveRuns, 95) / percentile(aggregate, 95)).toFixed(1)}`,
  );
  const page = () => regionPage({ db: data.db, search: data.client, now }, 'provincie', code);
  const uncached = await times(
    () => {
      forgetRegionFigures(data.db);
      return page();
    },
    Math.min(options.requests, 20),
  );
  const kept = await times(page, options.requests);
  console.log(
    `bench region [page data ${code}] regionPage (figures, overlaps, partnerships, 10 proposals) computed afresh ${summary(uncached)} | ` +
      `kept per data version ${summary(kept)}`,
  );

  const app = await startApp(data.databasePath, data.search.url, data.search.masterKey);
  const url = `${app.baseUrl}/regio/provincie/${code}`;
  const pool = new Agent();
  const first = await timedGet(url, pool);
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
  console.log(`bench region [page ${code} over HTTP] first request (nothing kept yet) ${ms(first.ms)}`);
  const http: number[] = [];
  for (let i = 0; i < options.requests; i++) http.push((await timedGet(url, pool)).ms);
  await pool.close();
  const p95 = percentile(http, 95);
  console.log(
    `bench region [page ${code} over HTTP] server render ${summary(http)} (${(Buffer.byteLength(first.body) / 1024).toFixed(1)}KB HTML) | target p95 < 200ms: ${p95 < 200 ? 'met' : 'NOT met'}`,
  );
} finally {
  await stopAll();
}
