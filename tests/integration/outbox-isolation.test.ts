import { sql } from 'kysely';
import type { Meilisearch } from 'meilisearch';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { createSearchClient } from '~/search/meili.server';
import { backoffMs, drainOutbox, outboxBacklog } from '~/search/outbox.server';
import { ENTRIES_INDEX, ensureIndex } from '~/search/search-index.server';
import { demoEntries } from '../../db/seed/demo-entries';
import { seedDemo } from '../../db/seed/seed';
import { validInitiative } from '../support/fixtures';
import { requireGeodataInCi } from '../support/paths';
import { useTestDatabase } from '../support/test-database';

/*
 * One document Meilisearch rejects (a latitude that is text, written straight into the row, so
 * the document builder emits it) must not hold back the batch it is in: the others are indexed,
 * the bad one keeps its outbox row with Meilisearch's error and a backoff, and later writes flow.
 */

const indexedIds = async (client: Meilisearch) =>
  (await client.index(ENTRIES_INDEX).getDocuments<{ id: number }>({ limit: 10_000, fields: ['id'] })).results
    .map((doc) => doc.id)
    .sort((a, b) => a - b);

describe('a document Meilisearch rejects is isolated from its outbox batch', () => {
  let client: Meilisearch;
  const database = useTestDatabase(async (db) => {
    requireGeodataInCi();
    await seedDemo(db);
  });

  beforeAll(async () => {
    client = createSearchClient({ url: inject('meiliUrl'), masterKey: inject('meiliKey') });
    await client.deleteIndexIfExists(ENTRIES_INDEX);
    await ensureIndex(client);
  });

  it('indexes the good documents, records the error on the bad one and keeps the rest flowing', async () => {
    const { db } = database;
    const published = (await db.selectFrom('entries').select('id').where('status', '=', 'published').orderBy('id').execute()).map(
      (r) => r.id,
    );
    expect(published.length).toBe(demoEntries.length);
    expect(await outboxBacklog(db)).toBeGreaterThanOrEqual(published.length);
    const bad = published[Math.floor(published.length / 2)]!;
    // SQLite keeps text that does not look like a number as text, even in a REAL column.
    await sql`update entries set lat = 'noordelijk' where id = ${bad}`.execute(db);

    const at = new Date();
    const result = await drainOutbox(db, client, { now: () => at });
    expect(result).toMatchObject({ indexed: published.length - 1, deleted: 0, postponed: 0 });
    expect(result.failed).toBeGreaterThanOrEqual(1);
    expect(await indexedIds(client)).toEqual(published.filter((id) => id !== bad));

    // Only the bad entry's rows are left, each with Meilisearch's reason, one attempt and a backoff.
    const left = await db.selectFrom('search_outbox').selectAll().execute();
    expect(left.length).toBe(result.failed);
    for (const row of left) {
      expect(row.entry_id).toBe(bad);
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/invalid_document_geo_field|latitude/);
      expect(row.next_attempt_at).toBe(new Date(at.getTime() + backoffMs(1)).toISOString());
    }

    // A new write, drained together with the bad row once that is due again: the good one goes
    // in, the bad one fails again with one more attempt and a longer backoff.
    const saved = await saveEntry(db, { ...validInitiative, name: 'Na de weigering', status: 'published' });
    if (!saved.ok) throw new Error('write rejected');
    const later = new Date(Math.max(Date.now(), at.getTime() + backoffMs(1)));
    expect(await drainOutbox(db, client, { now: () => later })).toEqual({ indexed: 1, deleted: 0, failed: left.length, postponed: 0 });
    expect(await indexedIds(client)).toContain(saved.id);
    const retried = await db.selectFrom('search_outbox').selectAll().execute();
    expect(retried.map((row) => row.entry_id)).toEqual(left.map(() => bad));
    for (const row of retried) {
      expect(row.attempts).toBe(2);
      expect(row.next_attempt_at).toBe(new Date(later.getTime() + backoffMs(2)).toISOString());
    }

    // Repaired, it goes in on its next attempt and the outbox is empty.
    await sql`update entries set lat = 51.9 where id = ${bad}`.execute(db);
    const repaired = new Date(later.getTime() + backoffMs(2));
    expect(await drainOutbox(db, client, { now: () => repaired })).toMatchObject({ indexed: 1, failed: 0 });
    expect(await outboxBacklog(db)).toBe(0);
    expect(await indexedIds(client)).toEqual([...published, saved.id].sort((a, b) => a - b));
    // Each isolation step waits for a Meilisearch task: 17 s on a quiet machine, 45 s on a loaded one.
  }, 120_000);
});
