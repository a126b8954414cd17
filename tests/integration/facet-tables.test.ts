import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '~/db/db.server';
import { saveEntry } from '~/entries/entries.server';
import { syncRegionTables } from '~/regions/regions.server';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { validInitiative } from '../support/fixtures';
import { hasGeodata } from '../support/paths';
import { geoSource, useTestDatabase } from '../support/test-database';

/** What the trigger-maintained tables must hold, computed from the relations they derive from. */
async function derivedFromRelations(db: DB) {
  const { rows: themes } = await sql<{ row: string }>`
    select distinct entry_id || ' ' || substr(topic_code, 1, instr(topic_code, '-') - 1) as row from entry_topics order by row`.execute(db);
  const { rows: refs } = await sql<{ row: string }>`
    select entry_id || ' gemeente:' || gemeente_code as row from entry_coverage
    union
    select c.entry_id || ' ' || mr.layer || ':' || mr.region_code
    from entry_coverage c join municipality_regions mr on mr.gemeente_code = c.gemeente_code
    order by row`.execute(db);
  return { themes: themes.map((r) => r.row), refs: refs.map((r) => r.row) };
}

async function stored(db: DB) {
  const { rows: themes } = await sql<{ row: string }>`select entry_id || ' ' || theme as row from entry_themes order by row`.execute(db);
  const { rows: refs } = await sql<{ row: string }>`select entry_id || ' ' || ref as row from entry_region_refs order by row`.execute(db);
  return { themes: themes.map((r) => r.row), refs: refs.map((r) => r.row) };
}

describe.runIf(hasGeodata)('facet tables kept in step by triggers', () => {
  const database = useTestDatabase(async (db) => {
    await seedDemo(db);
    await seedSynthetic(db, 300, 4, geoSource);
  });

  it('match their relations after seeding, edits and deletes', async () => {
    expect(await stored(database.db)).toEqual(await derivedFromRelations(database.db));
    const saved = await saveEntry(database.db, { ...validInitiative, name: 'Verhuizend Initiatief', status: 'published' });
    if (!saved.ok) throw new Error('not saved');
    // Moves from Nijmegen to Assen and changes theme: old region refs and theme must go.
    await saveEntry(
      database.db,
      { ...validInitiative, name: 'Verhuizend Initiatief', coverage: ['GM0106'], topics: ['DIGITAAL-2'] },
      { slug: saved.slug },
    );
    const refs = await database.db.selectFrom('entry_region_refs').select('ref').where('entry_id', '=', saved.id).execute();
    expect(refs.map((r) => r.ref)).toContain('provincie:PV22');
    expect(refs.map((r) => r.ref)).not.toContain('gemeente:GM0268');
    expect(await database.db.selectFrom('entry_themes').select('theme').where('entry_id', '=', saved.id).execute()).toEqual([
      { theme: 'DIGITAAL' },
    ]);
    await database.db.deleteFrom('entries').where('id', '=', saved.id).execute();
    expect(await stored(database.db)).toEqual(await derivedFromRelations(database.db));
  });

  it('follow a reload of the region tables', async () => {
    await database.db.deleteFrom('app_meta').where('key', '=', 'geodata_fingerprint').execute();
    expect((await syncRegionTables(database.db, geoSource)).status).toBe('loaded');
    expect(await stored(database.db)).toEqual(await derivedFromRelations(database.db));
    // A gemeente leaving a region takes the entries that only reach it through that gemeente along.
    await database.db.deleteFrom('municipality_regions').where('gemeente_code', '=', 'GM0268').where('layer', '=', 'ggd').execute();
    expect(await stored(database.db)).toEqual(await derivedFromRelations(database.db));
  });
});
