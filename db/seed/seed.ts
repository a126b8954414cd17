import type { DB } from '../../app/db/db.server';
import { saveEntry, slugify } from '../../app/entries/entries.server';
import type { EntryInput } from '../../app/entries/entry-schema';
import { demoEntries } from './demo-entries';

/** Inserts the entries whose slug is not taken yet; shared by the demo and synthetic seeds. */
export async function insertMissing(db: DB, entries: Array<{ slug: string; input: EntryInput }>) {
  const result = { created: 0, existing: 0, invalid: [] as string[] };
  for (const { slug, input } of entries) {
    const exists = await db.selectFrom('entries').select('id').where('slug', '=', slug).executeTakeFirst();
    if (exists) {
      result.existing++;
      continue;
    }
    const saved = await saveEntry(db, input, { slug });
    if (saved.ok) result.created++;
    else result.invalid.push(`${slug}: ${JSON.stringify(saved.fieldErrors)}`);
  }
  return result;
}

/** Inserts the demo entries that are not there yet; running it twice changes nothing. */
export async function seedDemo(db: DB) {
  return insertMissing(
    db,
    demoEntries.map((input) => ({ slug: slugify(input.name), input })),
  );
}
