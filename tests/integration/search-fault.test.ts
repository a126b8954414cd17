import crypto from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '~/db/db.server';
import { saveEntry, slugify } from '~/entries/entries.server';
import type { EntryInput } from '~/entries/entry-schema';
import { drainOutbox } from '~/search/outbox.server';
import { buildSearchDocuments, ENTRIES_INDEX, INDEX_SETTINGS } from '~/search/search-index.server';
import { searchEntries } from '~/search/search.server';
import { demoEntries } from '../../db/seed/demo-entries';
import { seedDemo } from '../../db/seed/seed';
import { startMeilisearch, type MeilisearchServer } from '../../scripts/lib/meilisearch-process';
import { validInitiative } from '../support/fixtures';
import { requireGeodataInCi, tempPath } from '../support/paths';
import { freshIndexFrom, searchParams as params } from '../support/search-fixtures';
import { createTestDatabase } from '../support/test-database';

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

const checksum = (documents: Array<Record<string, unknown>>) =>
  crypto
    .createHash('sha256')
    .update(canonical([...documents].sort((a, b) => Number(a.id) - Number(b.id))))
    .digest('hex');

const DISPLAYED = INDEX_SETTINGS.displayedAttributes as string[];

/** The published entries as the indexer builds them, limited to the fields Meilisearch returns. */
async function expectedDocuments(db: DB) {
  const ids = (await db.selectFrom('entries').select('id').where('status', '=', 'published').execute()).map((row) => row.id);
  const documents = await buildSearchDocuments(db, ids);
  return documents.map((doc) => Object.fromEntries(DISPLAYED.filter((field) => field in doc).map((field) => [field, (doc as Record<string, unknown>)[field]])));
}

async function indexedDocuments(client: Meilisearch) {
  const { results } = await client.index(ENTRIES_INDEX).getDocuments({ limit: 10_000, fields: DISPLAYED });
  return results as Array<Record<string, unknown>>;
}

const outboxRows = (db: DB) => db.selectFrom('search_outbox').select(['entry_id', 'attempts', 'next_attempt_at', 'last_error']).execute();

describe('the search index loses no update while Meilisearch is down', () => {
  let db: DB;
  let destroy: () => Promise<void>;
  let server: MeilisearchServer | undefined;
  const dataDir = tempPath('meili-fault');

  beforeAll(async () => {
    requireGeodataInCi();
    ({ db, destroy } = await createTestDatabase());
    await seedDemo(db);
    server = await startMeilisearch({ dataDir, quiet: true });
  });
  afterAll(async () => {
    await server?.stop();
    await destroy();
  });

  it('answers from SQLite during the outage and converges exactly after the restart', async () => {
    const client = new Meilisearch({ host: server!.url, apiKey: server!.masterKey, timeout: 2_000 });
    await freshIndexFrom(db, client);
    const port = Number(new URL(server!.url).port);
    await server!.stop();

    // 100 writes while the search engine is down: 60 new entries, 20 of them edited again,
    // 15 of them archived, and 5 demo entries that were indexed before the outage archived.
    const created: Array<{ slug: string; input: EntryInput }> = [];
    for (let i = 0; i < 60; i++) {
      const input: EntryInput = { ...validInitiative, name: `Storingskring ${i}`, status: 'published', lat: 51.8 + i / 1000 };
      const saved = await saveEntry(db, input);
      expect(saved.ok).toBe(true);
      if (saved.ok) created.push({ slug: saved.slug, input });
    }
    for (const { slug, input } of created.slice(0, 20)) {
      const saved = await saveEntry(db, { ...input, summary: `Bijgewerkt tijdens de storing: ${input.summary}`, topics: ['SAMEN-2'] }, { slug });
      expect(saved.ok).toBe(true);
    }
    for (const { slug, input } of created.slice(40, 55)) {
      expect((await saveEntry(db, { ...input, status: 'archived' }, { slug })).ok).toBe(true);
    }
    const archivedDemo = demoEntries.slice(0, 5);
    for (const input of archivedDemo) {
      expect((await saveEntry(db, { ...input, status: 'archived' }, { slug: slugify(input.name) })).ok).toBe(true);
    }
    expect(await outboxRows(db)).toHaveLength(100);

    // The worker keeps the rows and backs off; nothing is lost or thrown.
    const attempt = await drainOutbox(db, client);
    expect(attempt).toMatchObject({ indexed: 0, deleted: 0 });
    expect(attempt.failed).toBeGreaterThan(0);
    const pending = await outboxRows(db);
    expect(pending).toHaveLength(100);
    expect(pending.every((row) => row.attempts === 1 && row.last_error && row.next_attempt_at > new Date().toISOString())).toBe(true);

    // Search still answers, from SQLite, and sees the writes.
    const during = await searchEntries(db, client, params({ q: 'Storingskring', per_page: 100 }));
    expect(during.degraded).toBe(true);
    expect(during.total).toBe(45);
    const edited = await searchEntries(db, client, params({ topic: ['SAMEN-2'], q: 'Storingskring', per_page: 100 }));
    expect(edited.total).toBe(20);
    const archivedName = demoEntries[0]!.name;
    expect((await searchEntries(db, client, params({ q: archivedName }))).hits.map((h) => h.name)).not.toContain(archivedName);

    // Back on the same port with the same data: the outbox drains (backoff skipped) and the index converges.
    server = await startMeilisearch({ dataDir, port, quiet: true });
    const later = () => new Date(Date.now() + 60 * 60_000);
    const drained = await drainOutbox(db, client, { now: later });
    expect(drained.failed).toBe(0);
    expect(await outboxRows(db)).toHaveLength(0);

    const expected = await expectedDocuments(db);
    const indexed = await indexedDocuments(client);
    expect(indexed.map((doc) => doc.id).sort()).toEqual(expected.map((doc) => doc.id).sort());
    expect(checksum(indexed)).toBe(checksum(expected));

    const after = await searchEntries(db, client, params({ q: 'Storingskring', per_page: 100 }));
    expect(after.degraded).toBe(false);
    expect(after.total).toBe(45);
    expect((await searchEntries(db, client, params({ q: archivedName }))).hits.map((h) => h.name)).not.toContain(archivedName);
  });
});
