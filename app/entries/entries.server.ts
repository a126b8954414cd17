import slugifyText from 'slugify';
import type { Transaction } from 'kysely';
import { type z } from 'zod';
import type { Database } from '../../db/schema';
import type { DB } from '~/db/db.server';
import type { EntryKind, TopicCode } from '~/taxonomy/taxonomy';
import { refreshSearchText } from '~/search/search-text.server';
import { entryInputSchema, type EntryInput, type ValidEntry } from './entry-schema';
import { toPublicEntry, type EntryWithRelations, type PublicEntry } from './entry-types';

export type FieldErrors = Record<string, string[]>;
export type SaveResult = { ok: true; id: number; slug: string; created: boolean } | { ok: false; fieldErrors: FieldErrors };

export function slugify(name: string): string {
  return slugifyText(name, { lower: true, strict: true, locale: 'nl', trim: true }).slice(0, 80) || 'item';
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

type Executor = Pick<DB, 'selectFrom' | 'insertInto' | 'updateTable' | 'deleteFrom'>;

/** Coverage must name known gemeenten once the boundary table is loaded. */
async function unknownGemeenten(db: Executor, codes: string[]): Promise<string[]> {
  const { count } = await db
    .selectFrom('municipalities')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) === 0) return [];
  const known = await db.selectFrom('municipalities').select('code').where('code', 'in', codes).execute();
  const knownCodes = new Set(known.map((row) => row.code));
  return codes.filter((code) => !knownCodes.has(code));
}

async function uniqueSlug(db: Executor, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom('entries')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function rowValues(entry: ValidEntry, now: string) {
  return {
    kind: entry.kind,
    name: entry.name,
    summary: entry.summary,
    description: entry.description,
    legal_form: entry.legalForm,
    founding_year: entry.foundingYear,
    website: entry.website,
    email: entry.email,
    phone: entry.phone,
    place: entry.place,
    lat: entry.lat,
    lng: entry.lng,
    phase: entry.phase,
    contact_role: entry.contactRole,
    funding_sources: JSON.stringify(entry.fundingSources),
    funding_ends_on: entry.fundingEndsOn,
    target_groups: JSON.stringify(entry.targetGroups),
    status: entry.status,
    source: entry.source,
    is_demo: entry.isDemo ? (1 as const) : (0 as const),
    last_verified_at: entry.lastVerifiedAt,
    updated_at: now,
  };
}

async function replaceRelations(db: Executor, id: number, entry: ValidEntry) {
  for (const table of ['entry_topics', 'entry_coverage', 'entry_partners', 'entry_needs', 'entry_offers', 'entry_on_board'] as const) {
    await db.deleteFrom(table).where('entry_id', '=', id).execute();
  }
  await db
    .insertInto('entry_topics')
    .values(entry.topics.map((topic_code) => ({ entry_id: id, topic_code: topic_code as TopicCode })))
    .execute();
  await db
    .insertInto('entry_coverage')
    .values(entry.coverage.map((gemeente_code) => ({ entry_id: id, gemeente_code })))
    .execute();
  if (entry.partners.length) {
    await db
      .insertInto('entry_partners')
      .values(entry.partners.map((p) => ({ entry_id: id, name: p.name, domain: p.domain })))
      .execute();
  }
  if (entry.needs.length)
    await db
      .insertInto('entry_needs')
      .values(entry.needs.map((code) => ({ entry_id: id, code })))
      .execute();
  if (entry.offers.length)
    await db
      .insertInto('entry_offers')
      .values(entry.offers.map((code) => ({ entry_id: id, code })))
      .execute();
  if (entry.onBoard.length)
    await db
      .insertInto('entry_on_board')
      .values(entry.onBoard.map((party) => ({ entry_id: id, party })))
      .execute();
}

/**
 * Validates and writes an entry with all its relations and its search-outbox row in one
 * transaction: either everything is stored and will reach the index, or nothing is.
 * With `slug`, an existing entry with that slug is updated (used by idempotent seeding).
 */
export async function saveEntry(db: DB, input: EntryInput, options: { slug?: string } = {}): Promise<SaveResult> {
  return db.transaction().execute((trx) => writeEntry(trx, input, options));
}

/**
 * saveEntry inside a transaction the caller holds, so that other writes (an approved review, the
 * owners) commit or roll back together with the entry.
 */
export async function writeEntry(trx: Transaction<Database>, input: EntryInput, options: { slug?: string } = {}): Promise<SaveResult> {
  const parsed = entryInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const entry = parsed.data;
  const unknown = await unknownGemeenten(trx, entry.coverage);
  if (unknown.length) {
    return { ok: false as const, fieldErrors: { coverage: [`Onbekende gemeentecode: ${unknown.join(', ')}.`] } };
  }
  const now = new Date().toISOString();
  const existing = options.slug
    ? await trx.selectFrom('entries').select('id').where('slug', '=', options.slug).executeTakeFirst()
    : undefined;
  let id: number;
  let slug: string;
  if (existing) {
    id = existing.id;
    slug = options.slug!;
    await trx.updateTable('entries').set(rowValues(entry, now)).where('id', '=', id).execute();
  } else {
    slug = options.slug ?? (await uniqueSlug(trx, slugify(entry.name)));
    const inserted = await trx
      .insertInto('entries')
      .values({ ...rowValues(entry, now), slug })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  }
  await replaceRelations(trx, id, entry);
  await refreshSearchText(trx, [id]);
  await trx.insertInto('search_outbox').values({ entry_id: id }).execute();
  return { ok: true as const, id, slug, created: !existing };
}

// The types live in the plain module entry-types (structured data and the UI import them from there).
export type { EntryWithRelations };

function groupBy<T extends { entry_id: number }, V>(rows: T[], pick: (row: T) => V): Map<number, V[]> {
  const groups = new Map<number, V[]>();
  for (const row of rows) {
    const list = groups.get(row.entry_id);
    if (list) list.push(pick(row));
    else groups.set(row.entry_id, [pick(row)]);
  }
  return groups;
}

/** Entries with their relations, loaded with one query per relation (no N+1). */
export async function loadEntriesWithRelations(db: DB, ids: number[]): Promise<EntryWithRelations[]> {
  if (ids.length === 0) return [];
  const entries = await db.selectFrom('entries').selectAll().where('id', 'in', ids).execute();
  const [topics, coverage, partners, needs, offers, onBoard] = await Promise.all([
    db.selectFrom('entry_topics').selectAll().where('entry_id', 'in', ids).orderBy('topic_code').execute(),
    db.selectFrom('entry_coverage').selectAll().where('entry_id', 'in', ids).orderBy('gemeente_code').execute(),
    db.selectFrom('entry_partners').select(['entry_id', 'name', 'domain']).where('entry_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('entry_needs').selectAll().where('entry_id', 'in', ids).execute(),
    db.selectFrom('entry_offers').selectAll().where('entry_id', 'in', ids).execute(),
    db.selectFrom('entry_on_board').selectAll().where('entry_id', 'in', ids).orderBy('party').execute(),
  ]);
  const topicsBy = groupBy(topics, (r) => r.topic_code);
  const coverageBy = groupBy(coverage, (r) => r.gemeente_code);
  const partnersBy = groupBy(partners, (r) => ({ name: r.name, domain: r.domain }));
  const needsBy = groupBy(needs, (r) => r.code);
  const offersBy = groupBy(offers, (r) => r.code);
  const onBoardBy = groupBy(onBoard, (r) => r.party);
  return entries.map((entry) => ({
    ...entry,
    topics: topicsBy.get(entry.id) ?? [],
    coverage: coverageBy.get(entry.id) ?? [],
    partners: partnersBy.get(entry.id) ?? [],
    needs: needsBy.get(entry.id) ?? [],
    offers: offersBy.get(entry.id) ?? [],
    fundingSources: JSON.parse(entry.funding_sources) as string[],
    targetGroups: JSON.parse(entry.target_groups) as string[],
    onBoard: onBoardBy.get(entry.id) ?? [],
  }));
}

/** The whole entry, whatever its status: for curation and checks, never for a page. */
export async function getEntryBySlug(db: DB, slug: string): Promise<EntryWithRelations | null> {
  const row = await db.selectFrom('entries').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!row) return null;
  const [entry] = await loadEntriesWithRelations(db, [row.id]);
  return entry ?? null;
}

/** A published entry with everything the database holds on it, for the server's own use; null when there is none. */
export async function getPublishedEntry(db: DB, slug: string): Promise<EntryWithRelations | null> {
  const row = await db.selectFrom('entries').select('id').where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
  if (!row) return null;
  const [entry] = await loadEntriesWithRelations(db, [row.id]);
  return entry ?? null;
}

/** A published entry as visitors may see it; null when there is none (or it is a draft or archived). */
export async function getPublicEntry(db: DB, slug: string): Promise<PublicEntry | null> {
  const entry = await getPublishedEntry(db, slug);
  return entry ? toPublicEntry(entry) : null;
}

export async function countEntries(db: DB): Promise<Record<EntryKind, number>> {
  const rows = await db
    .selectFrom('entries')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('kind')
    .execute();
  const counts: Record<EntryKind, number> = { coalitie: 0, initiatief: 0 };
  for (const row of rows) counts[row.kind] = Number(row.count);
  return counts;
}
