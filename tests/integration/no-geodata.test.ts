import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '~/config.server';
import { countEntries } from '~/entries/entries.server';
import { geodataStatus } from '~/regions/regions.server';
import { prepareDatabase } from '~/server/prepare-database.server';
import { tempPath } from '../support/paths';

describe('a machine without geodata', () => {
  const databasePath = tempPath('nogeo', '.sqlite');
  const geoDir = tempPath('empty-geo');
  afterAll(() => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
  });

  it('still prepares the database, seeds the demo data and says what is missing', async () => {
    const config = readConfig({ DATABASE_PATH: databasePath, GEO_DIR: geoDir });
    const log: string[] = [];
    const db = await prepareDatabase(config, (line) => log.push(line));
    try {
      expect(log.join('\n')).toMatch(/geodata: no boundary files for 2025 in .*empty-geo.*gemeente_2025\.topojson/);
      expect(log.join('\n')).toMatch(/npm run geo:fetch -- --year 2025/);
      const counts = await countEntries(db);
      expect(counts.coalitie + counts.initiatief).toBeGreaterThanOrEqual(25);
      expect(await geodataStatus(db, { geoDir, year: 2025 })).toMatchObject({
        available: false,
        missing: expect.arrayContaining(['gemeente_2025.topojson', 'ggdregio_2025.topojson']),
      });
    } finally {
      await db.destroy();
    }
  });
});
