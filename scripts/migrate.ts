import { readConfig } from '../app/config.server';
import { migrateToLatest, openDatabase } from '../app/db/db.server';

const config = readConfig();
const db = openDatabase(config.databasePath);
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
await db.destroy();
