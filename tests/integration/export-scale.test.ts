import v8 from 'node:v8';
import vm from 'node:vm';
import type { AppLoadContext } from '@remix-run/node';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loader as csvLoader } from '~/routes/api.export[.]csv';
import { loader as hsdsLoader } from '~/routes/api.export[.]hsds[.]json';
import { seedSynthetic } from '../../db/seed/synthetic';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi } from '../support/paths';
import { geoSource, useTestDatabase } from '../support/test-database';

/**
 * 50,000 entries, exported while the test reads the stream chunk by chunk and measures the heap
 * that stays alive (after a forced collection): it must stay flat, far below the file's size.
 */
const ENTRIES = 50_000;
const SEEDED = 2_000;
const COPIES = ENTRIES / SEEDED - 1;
const ID_STEP = 1_000_000;

// A collection on demand, without restarting the worker with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

let context: AppLoadContext;

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  await seedSynthetic(db, SEEDED, 7, geoSource);
  // Seeding 50,000 one by one takes minutes: copy the seeded ones with their relations in SQL.
  const copies = sql`(with recursive k(n) as (select 1 union all select n + 1 from k where n < ${COPIES}) select n from k)`;
  await sql`insert into entries (id, slug, kind, name, summary, description, legal_form, founding_year, website, email, phone, place,
      lat, lng, phase, contact_role, funding_sources, funding_ends_on, target_groups, status, source, is_demo, last_verified_at, updated_at)
    select e.id + k.n * ${ID_STEP}, e.slug || '-' || k.n, e.kind, e.name, e.summary, e.description, e.legal_form, e.founding_year,
      e.website, e.email, e.phone, e.place, e.lat, e.lng, e.phase, e.contact_role, e.funding_sources, e.funding_ends_on,
      e.target_groups, e.status, e.source, e.is_demo, e.last_verified_at, e.updated_at
    from entries e, ${copies} k`.execute(db);
  for (const table of ['entry_topics', 'entry_coverage', 'entry_needs', 'entry_offers']) {
    const column = table === 'entry_topics' ? 'topic_code' : table === 'entry_coverage' ? 'gemeente_code' : 'code';
    await sql`insert into ${sql.table(table)} (entry_id, ${sql.ref(column)})
      select s.entry_id + k.n * ${ID_STEP}, s.${sql.ref(column)} from ${sql.table(table)} s, ${copies} k`.execute(db);
  }
  await sql`insert into entry_partners (entry_id, name, domain)
    select p.entry_id + k.n * ${ID_STEP}, p.name, p.domain from entry_partners p, ${copies} k`.execute(db);
  context = testLoadContext(db);
});

/** Reads the whole body, keeping nothing but counts; the retained heap is measured every few chunks. */
async function drain(response: Response) {
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  const reader = response.body!.getReader();
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  let peak = 0;
  const started = performance.now();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
    if (++chunks % 10 === 0) {
      collectGarbage();
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
  }
  return { bytes, lines, chunks, retainedPeakMb: peak / 2 ** 20, seconds: (performance.now() - started) / 1000 };
}

describe('exports at 50,000 entries', () => {
  it('streams them all with a flat heap', async () => {
    const { n } = await database.db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBeGreaterThanOrEqual(ENTRIES * 0.9);

    for (const [format, loader] of [
      ['csv', csvLoader],
      ['hsds', hsdsLoader],
    ] as const) {
      const response = (await loader({ request: new Request('http://localhost/api/export'), params: {}, context })) as Response;
      const result = await drain(response);
      console.log(
        `export ${format}: ${Number(n)} entries, ${(result.bytes / 2 ** 20).toFixed(1)} MB in ${result.chunks} chunks, ` +
          `${result.seconds.toFixed(1)} s, retained heap peak ${result.retainedPeakMb.toFixed(1)} MB`,
      );
      // One line per entry (plus the heading or the opening and the closing lines; CSV descriptions may hold line breaks).
      expect(result.lines).toBeGreaterThanOrEqual(Number(n));
      // A batch of 500 entries is well under 10 MB of objects; the file is tens of megabytes (HSDS: hundreds).
      expect(result.retainedPeakMb).toBeLessThan(32);
      expect(result.bytes / 2 ** 20).toBeGreaterThan(result.retainedPeakMb * 1.5);
    }
  }, 300_000);
});
