import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Meilisearch } from 'meilisearch';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DB } from '~/db/db.server';
import { saveEntry, slugify } from '~/entries/entries.server';
import type { EntryInput } from '~/entries/entry-schema';
import { createSearchClient, searchBreaker } from '~/search/meili.server';
import { drainOutbox, outboxBacklog, startOutboxWorker } from '~/search/outbox.server';
import { buildSearchDocuments, ENTRIES_INDEX, syncIndexAtStart } from '~/search/search-index.server';
import { searchEntries } from '~/search/search.server';
import { demoEntries } from '../../db/seed/demo-entries';
import { seedDemo } from '../../db/seed/seed';
import { startMeilisearch, type MeilisearchServer } from '~/search/meilisearch-process.server';
import { validInitiative } from '../support/fixtures';
import { requireGeodataInCi, tempPath } from '../support/paths';
import { searchParams as params } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';
import { waitFor, isRunning } from '../support/wait';

/*
 * The search engine's own process (not the shared one of the integration set-up) is stopped,
 * 100 writes go through the domain service, search keeps answering from SQLite (the circuit
 * breaker open), and after a
 * restart on the same port, data directory and key the outbox alone brings the index back to
 * exactly the published entries of the database: the same ids and the same document content.
 */

/** Stable JSON: keys sorted at every level, so equal content gives equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

type Doc = Record<string, unknown> & { id: number };

/** sha256 over the documents ordered by id, every field included. */
const checksum = (documents: Doc[]) =>
  crypto
    .createHash('sha256')
    .update(canonical([...documents].sort((a, b) => a.id - b.id)))
    .digest('hex');

const sortedIds = (documents: Array<{ id: number }>) => documents.map((doc) => doc.id).sort((a, b) => a - b);

const publishedIds = async (db: DB) =>
  (await db.selectFrom('entries').select('id').where('status', '=', 'published').orderBy('id').execute()).map((row) => row.id);

/** What the index should hold: every published entry, built by the indexer's own function. */
const expectedDocuments = async (db: DB) => (await buildSearchDocuments(db, await publishedIds(db))) as unknown as Doc[];

/** What the index does hold: every document with all its fields (the documents route ignores displayedAttributes). */
async function indexedDocuments(client: Meilisearch): Promise<Doc[]> {
  const page = await client.index(ENTRIES_INDEX).getDocuments<Doc>({ limit: 10_000 });
  expect(page.results).toHaveLength(page.total);
  return page.results;
}

/** The same entries read straight from the tables, independent of the indexer's document builder. */
async function databaseRows(db: DB) {
  const entries = await db
    .selectFrom('entries')
    .select(['id', 'slug', 'kind', 'status', 'name', 'summary', 'description', 'place', 'lat', 'lng'])
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
  const topics = await db.selectFrom('entry_topics').select(['entry_id', 'topic_code']).execute();
  return entries.map(({ lat, lng, ...entry }) => ({
    ...entry,
    _geo: { lat, lng },
    topics: topics
      .filter((t) => t.entry_id === entry.id)
      .map((t) => t.topic_code as string)
      .sort(),
  }));
}

const asRow = ({ id, slug, kind, status, name, summary, description, place, _geo, topics }: Doc) => ({
  id,
  slug,
  kind,
  status,
  name,
  summary,
  description,
  place,
  _geo,
  topics: [...(topics as string[])].sort(),
});

const outboxRows = (db: DB) =>
  db.selectFrom('search_outbox').select(['id', 'entry_id', 'attempts', 'next_attempt_at', 'last_error']).orderBy('id').execute();

describe('the search index loses no update while Meilisearch is down', () => {
  const dataDir = tempPath('meili-fault');
  let server: MeilisearchServer | undefined;
  let worker: { stop: () => Promise<void> } | undefined;

  const database = useTestDatabase(async (db) => {
    requireGeodataInCi();
    await seedDemo(db);
    server = await startMeilisearch({ dataDir, quiet: true });
  });

  // Runs when the test fails half-way too: no search process or worker outlives the file. Before
  // the database's own afterAll (hooks unwind in reverse), so the worker stops before it closes.
  afterAll(async () => {
    vi.restoreAllMocks();
    await worker?.stop();
    await server?.stop({ killAfterMs: 5_000 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers from SQLite during the outage and converges exactly after the restart', async () => {
    // The app's own client (keep-alive pool, timeouts, circuit breaker) for this server's address.
    const breakerLog: string[] = [];
    const client = createSearchClient(server!, { log: (line) => breakerLog.push(line) });
    const port = Number(new URL(server!.url).port);

    // Before the outage: the start-up path builds the index from the database.
    const start = await syncIndexAtStart(database.db, client);
    expect(start).toEqual({ rebuilt: true, documents: demoEntries.length });
    expect(await outboxBacklog(database.db)).toBe(0);
    const before = await indexedDocuments(client);
    expect(checksum(before)).toBe(checksum(await expectedDocuments(database.db)));

    // The outage: the process is gone and its port refuses connections.
    const pid = server!.pid;
    await server!.stop();
    expect(isRunning(pid)).toBe(false);
    await expect(fetch(`${server!.url}/health`)).rejects.toThrow();

    // 100 writes through the domain service; each commits together with one outbox row for its entry.
    let writes = 0;
    const write = async (input: EntryInput, slug?: string) => {
      const saved = await saveEntry(database.db, input, slug ? { slug } : {});
      if (!saved.ok) throw new Error(`write ${writes + 1} rejected: ${JSON.stringify(saved.fieldErrors)}`);
      writes++;
      const rows = await outboxRows(database.db);
      expect(rows).toHaveLength(writes);
      expect(rows.at(-1)!.entry_id).toBe(saved.id);
      return saved;
    };

    // New entries, never indexed: 40 published, 10 drafts later published, 10 edited, 10 archived.
    const created: Array<{ slug: string; input: EntryInput }> = [];
    for (let i = 0; i < 40; i++) {
      const input: EntryInput = { ...validInitiative, name: `Storingskring ${i}`, status: 'published', lat: 51.8 + i / 1000 };
      created.push({ slug: (await write(input)).slug, input });
    }
    const drafts: Array<{ slug: string; input: EntryInput }> = [];
    for (let i = 0; i < 10; i++) {
      const input: EntryInput = { ...validInitiative, name: `Conceptkring ${i}`, status: 'draft', lng: 5.8 + i / 1000 };
      drafts.push({ slug: (await write(input)).slug, input });
    }
    for (const { slug, input } of drafts) await write({ ...input, status: 'published' }, slug);
    for (const { slug, input } of created.slice(0, 10)) {
      await write({ ...input, summary: `Bijgewerkt tijdens de storing: ${input.summary}`, topics: ['SAMEN-2', 'ERTOE-2'] }, slug);
    }
    for (const { slug, input } of created.slice(30, 40)) await write({ ...input, status: 'archived' }, slug);

    // Demo entries that were indexed before the outage: 6 renamed and re-tagged (with a partner,
    // so hidden fields change too), 5 archived, 3 sent back to review, 3 archived and republished.
    const demo = demoEntries.map((input) => ({ input, slug: slugify(input.name) }));
    const renamed = demo.slice(0, 6).map(({ input, slug }, i) => ({
      old: input.name,
      slug,
      input: {
        ...input,
        name: `Omgedoopt Netwerk ${String.fromCharCode(65 + i)}`,
        summary: `Nieuwe naam en nieuwe thema's, vastgelegd tijdens de storing (${i}).`,
        topics: ['ERTOE-2', 'DIGITAAL-3'],
        partners: [...(input.partners ?? []), { name: 'Bibliotheek Storingsdorp', domain: 'overig' as const }],
      } satisfies EntryInput,
    }));
    for (const { slug, input } of renamed) await write(input, slug);
    const archived = demo.slice(6, 11);
    for (const { slug, input } of archived) await write({ ...input, status: 'archived' }, slug);
    const inReview = demo.slice(11, 14);
    for (const { slug, input } of inReview) await write({ ...input, status: 'review' }, slug);
    const republished = demo.slice(14, 17);
    for (const { slug, input } of republished) {
      await write({ ...input, status: 'archived' }, slug);
      await write({ ...input, status: 'published', summary: `Weer gepubliceerd na de storing. ${input.summary}` }, slug);
    }
    expect(writes).toBe(100);
    const gone = [...archived, ...inReview].map(({ input }) => input.name);
    const published = await publishedIds(database.db);
    expect(published).toHaveLength(demoEntries.length - gone.length + 30 + 10);

    // One drain while down: it resolves and keeps every row with the error, but an outage is not
    // the documents' fault: no attempt is counted and no backoff set, so they go out on recovery.
    const before100 = await outboxRows(database.db);
    await expect(drainOutbox(database.db, client)).resolves.toEqual({ indexed: 0, deleted: 0, failed: 0, postponed: 100 });
    let rows = await outboxRows(database.db);
    expect(rows).toHaveLength(100);
    for (const [i, row] of rows.entries()) {
      expect(row.attempts).toBe(0);
      expect(row.next_attempt_at).toBe(before100[i]!.next_attempt_at);
      expect(row.last_error).toMatch(/not reachable|unavailable/);
    }
    // The breaker is open now: the next drain does not even call Meilisearch.
    expect(searchBreaker(client)?.isOpen).toBe(true);
    expect(breakerLog).toEqual([expect.stringMatching(/Meilisearch unavailable .*ECONNREFUSED/)]);
    await expect(drainOutbox(database.db, client)).resolves.toEqual({ indexed: 0, deleted: 0, failed: 0, postponed: 100 });
    rows = await outboxRows(database.db);
    expect(rows.every((row) => row.attempts === 0)).toBe(true);

    // Search still answers, from SQLite, and sees every write, without a call (nor a warning) per search.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const during = async (input: Record<string, unknown>) => {
      const result = await searchEntries(database.db, client, params({ per_page: 100, ...input }));
      expect(result.degraded).toBe(true);
      return result;
    };
    expect((await during({ q: 'Storingskring 7' })).hits.map((h) => h.name)).toContain('Storingskring 7');
    expect((await during({ q: 'Conceptkring 3' })).hits.map((h) => h.name)).toContain('Conceptkring 3');
    expect((await during({ q: 'Storingskring' })).total).toBe(30);
    expect((await during({ q: 'Storingskring 35' })).hits.map((h) => h.name)).not.toContain('Storingskring 35');
    expect((await during({ q: 'Storingskring', topic: ['ERTOE-2'] })).total).toBe(10);
    expect((await during({ q: 'Omgedoopt Netwerk' })).total).toBe(renamed.length);
    for (const name of [...gone, ...renamed.map((r) => r.old)]) {
      expect(
        (await during({ q: name })).hits.map((h) => h.name),
        name,
      ).not.toContain(name);
    }
    expect((await during({})).total).toBe(published.length);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();

    // Back on the same port with the same data directory and key: the old index is still there,
    // stale, until the outbox is drained.
    server = await startMeilisearch({ dataDir, port, quiet: true });
    expect(server.url).toBe(client.config.host);
    // The breaker's background probe finds it back within its longest pause (5 s).
    await waitFor('the breaker to close', async () => !searchBreaker(client)?.isOpen, 15_000);
    expect(breakerLog.at(-1)).toMatch(/reachable again/);
    const stale = await indexedDocuments(client);
    expect(checksum(stale)).toBe(checksum(before));

    // The app's worker drains the outbox.
    worker = startOutboxWorker(database.db, client, 200);
    await waitFor('an empty outbox', async () => (await outboxBacklog(database.db)) === 0, 30_000);
    await worker.stop();
    worker = undefined;
    expect(await outboxBacklog(database.db)).toBe(0);

    // The index now holds exactly the published entries, with exactly their content.
    const expected = await expectedDocuments(database.db);
    const indexed = await indexedDocuments(client);
    expect(sortedIds(indexed)).toEqual(published);
    expect(sortedIds(expected)).toEqual(published);
    expect(checksum(indexed)).toBe(checksum(expected));
    expect(checksum(indexed)).not.toBe(checksum(before));
    expect([...indexed].sort((a, b) => a.id - b.id).map(asRow)).toEqual(await databaseRows(database.db));

    // And search answers from Meilisearch again, with the writes in it.
    const after = async (input: Record<string, unknown>) => {
      const result = await searchEntries(database.db, client, params({ per_page: 100, ...input }));
      expect(result.degraded).toBe(false);
      return result;
    };
    expect((await after({ q: 'Storingskring 7' })).hits.map((h) => h.name)).toContain('Storingskring 7');
    expect((await after({ q: 'Conceptkring 3' })).hits.map((h) => h.name)).toContain('Conceptkring 3');
    expect((await after({ q: 'Omgedoopt Netwerk B' })).hits.map((h) => h.name)).toContain('Omgedoopt Netwerk B');
    expect((await after({ q: 'Storingsdorp' })).total).toBe(renamed.length);
    expect((await after({ topic: ['ERTOE-2'] })).total).toBe(10 + renamed.length);
    for (const name of [...gone, ...renamed.map((r) => r.old)]) {
      expect(
        (await after({ q: name })).hits.map((h) => h.name),
        name,
      ).not.toContain(name);
    }
    expect((await after({})).total).toBe(published.length);
  });
});
