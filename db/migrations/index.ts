import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_search_fallback';
import * as m0003 from './0003_facet_tables';
import * as m0004 from './0004_entries_updated_at_index';
import * as m0005 from './0005_accounts';
import * as m0006 from './0006_entry_ownership';
import * as m0007 from './0007_introductions';
import * as m0008 from './0008_entry_handovers';
import * as m0009 from './0009_region_follows';
import * as m0010 from './0010_session_sign_in_time';
import * as m0011 from './0011_check_reminders';

/** Migrations are listed statically so that they bundle with the app and run the same from scripts and tests. */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_search_fallback': m0002,
  '0003_facet_tables': m0003,
  '0004_entries_updated_at_index': m0004,
  '0005_accounts': m0005,
  '0006_entry_ownership': m0006,
  '0007_introductions': m0007,
  '0008_entry_handovers': m0008,
  '0009_region_follows': m0009,
  '0010_session_sign_in_time': m0010,
  '0011_check_reminders': m0011,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
