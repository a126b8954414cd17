import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '../../app/db/db.server';
import type { Database } from '../../db/schema';
import { syncRegionTables } from '../../app/regions/regions.server';
import { GEO_DIR, GEO_YEAR, hasGeodata, tempPath } from './paths';

export const geoSource = { geoDir: GEO_DIR, year: GEO_YEAR };

/** A fresh, migrated SQLite file (a real database, not in memory), with the region tables when geodata is present. */
export async function createTestDatabase(): Promise<{ db: DB; file: string; destroy: () => Promise<void> }> {
  const file = tempPath('db', '.sqlite');
  const db = openDatabase(file);
  await migrateToLatest(db);
  if (hasGeodata) await syncRegionTables(db, geoSource);
  return {
    db,
    file,
    destroy: async () => {
      await db.destroy();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

/** The database of a `useTestDatabase` block; its fields can be read once the block's beforeAll has run. */
export type TestDatabase = { readonly db: DB; readonly file: string };

/**
 * A fresh test database (`createTestDatabase`) for the tests of the enclosing file or describe
 * block: created in beforeAll, then handed to `prepare` (seeding, indexing, other set-up), and
 * closed and removed in afterAll. Register it before the block's own hooks: its afterAll then runs
 * after theirs, so whatever still uses the database is stopped first.
 */
export function useTestDatabase(prepare?: (db: DB) => unknown): TestDatabase {
  let created: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    created = await createTestDatabase();
    await prepare?.(created.db);
  });
  afterAll(async () => {
    await created?.destroy();
    created = undefined;
  });
  const current = () => {
    if (!created) throw new Error('The test database exists only between beforeAll and afterAll of its block.');
    return created;
  };
  return {
    get db() {
      return current().db;
    },
    get file() {
      return current().file;
    },
  };
}

/** The number of rows in a table: before and after a refused request, to prove it wrote nothing. */
export async function countRows(db: DB, table: keyof Database): Promise<number> {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
