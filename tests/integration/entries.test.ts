import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema';
import { getEntryBySlug, saveEntry } from '~/entries/entries.server';
import { validInitiative } from '../support/fixtures';
import { hasGeodata, requireGeodataInCi } from '../support/paths';
import { countRows, useTestDatabase } from '../support/test-database';

const database = useTestDatabase(() => requireGeodataInCi());

async function rowCounts() {
  const count = (table: keyof Database) => countRows(database.db, table);
  return {
    entries: await count('entries'),
    topics: await count('entry_topics'),
    coverage: await count('entry_coverage'),
    partners: await count('entry_partners'),
    needs: await count('entry_needs'),
    outbox: await count('search_outbox'),
  };
}

describe('saving entries (real SQLite file)', () => {
  it('writes the entry, its relations and its outbox row together', async () => {
    const before = await rowCounts();
    const saved = await saveEntry(database.db, {
      ...validInitiative,
      status: 'published',
      partners: [{ name: 'Wijkteam Dukenburg', domain: 'welzijn' }],
    });
    expect(saved).toMatchObject({ ok: true, slug: 'buurtkring-testlaan', created: true });
    expect(await rowCounts()).toEqual({
      entries: before.entries + 1,
      topics: before.topics + 2,
      coverage: before.coverage + 1,
      partners: before.partners + 1,
      needs: before.needs + 2,
      outbox: before.outbox + 1,
    });
    const entry = await getEntryBySlug(database.db, 'buurtkring-testlaan');
    expect(entry).toMatchObject({
      kind: 'initiatief',
      topics: ['MEE-2', 'VITAAL-3'],
      coverage: ['GM0268'],
      needs: expect.arrayContaining(['financiering', 'rugdekking']),
      partners: [{ name: 'Wijkteam Dukenburg', domain: 'welzijn' }],
    });
  });

  it('gives a second entry with the same name its own slug', async () => {
    const saved = await saveEntry(database.db, validInitiative);
    expect(saved).toMatchObject({ ok: true, slug: 'buurtkring-testlaan-2' });
  });

  it('updates in place when saving under an existing slug, replacing its relations', async () => {
    const saved = await saveEntry(database.db, { ...validInitiative, topics: ['SAMEN-2'], needs: [] }, { slug: 'buurtkring-testlaan' });
    expect(saved).toMatchObject({ ok: true, created: false });
    const entry = await getEntryBySlug(database.db, 'buurtkring-testlaan');
    expect(entry?.topics).toEqual(['SAMEN-2']);
    expect(entry?.needs).toEqual([]);
  });

  it('writes nothing at all for invalid input and says why in Dutch', async () => {
    const before = await rowCounts();
    const saved = await saveEntry(database.db, { ...validInitiative, name: '', topics: ['GEEN-1' as never] });
    expect(saved.ok).toBe(false);
    expect(saved.ok ? null : saved.fieldErrors).toMatchObject({
      name: ['De naam moet minstens 3 tekens lang zijn.'],
      'topics.0': ['Onbekend agendathema.'],
    });
    expect(await rowCounts()).toEqual(before);
  });

  it.runIf(hasGeodata)('rejects a gemeente code that does not exist, without writing', async () => {
    const before = await rowCounts();
    const saved = await saveEntry(database.db, { ...validInitiative, coverage: ['GM0268', 'GM9999'] });
    expect(saved).toEqual({ ok: false, fieldErrors: { coverage: ['Onbekende gemeentecode: GM9999.'] } });
    expect(await rowCounts()).toEqual(before);
  });

  it('removes relations with the entry (foreign keys are on)', async () => {
    const entry = await getEntryBySlug(database.db, 'buurtkring-testlaan-2');
    await database.db.deleteFrom('entries').where('id', '=', entry!.id).execute();
    const topics = await database.db.selectFrom('entry_topics').selectAll().where('entry_id', '=', entry!.id).execute();
    expect(topics).toEqual([]);
  });
});
