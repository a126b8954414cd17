import type { Index, Meilisearch } from 'meilisearch';
import type { DB } from '~/db/db.server';
import { describeSearchError, isSearchOutage, searchApiError, searchBreaker } from './meili.server';
import { buildSearchDocuments, ENTRIES_INDEX, reindexAll, type SearchDocument } from './search-index.server';

const BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 5 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, attempts - 1));
}

async function indexExists(client: Meilisearch): Promise<boolean> {
  try {
    await client.getIndex(ENTRIES_INDEX);
    return true;
  } catch (error) {
    if (searchApiError(error)?.cause?.code === 'index_not_found') return false;
    throw error;
  }
}

type Rejected = Map<number, string>;

/**
 * Adds documents; when Meilisearch rejects the task because of a document (an `invalid_request`
 * error), the set is split until the rejected documents stand alone, so one bad document does
 * not hold back the others. Returns the rejected ones by entry id, with the reason.
 */
async function addIsolating(index: Index<SearchDocument>, documents: SearchDocument[]): Promise<Rejected> {
  const task = await index.addDocuments(documents).waitTask({ timeout: 60_000 });
  if (task.status === 'succeeded') return new Map();
  const reason = `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`;
  if (task.status !== 'failed' || task.error?.type !== 'invalid_request') throw new Error(reason);
  if (documents.length === 1) return new Map([[documents[0]!.id, reason]]);
  // Meilisearch names the document it stopped at: try that one alone first (two more tasks
  // instead of about two per halving); without a name, or when the rest fails too, halve.
  const named = /document with the id: `"?([^`"]+)"?`/.exec(task.error.message)?.[1];
  const suspect = documents.findIndex((doc) => String(doc.id) === named);
  const [first, rest] =
    suspect >= 0
      ? [[documents[suspect]!], documents.filter((_, i) => i !== suspect)]
      : [documents.slice(0, Math.ceil(documents.length / 2)), documents.slice(Math.ceil(documents.length / 2))];
  return new Map([...(await addIsolating(index, first)), ...(await addIsolating(index, rest))]);
}

type Due = { id: number; entry_id: number; attempts: number };

async function recordFailure(db: DB, rows: Due[], message: string, at: Date): Promise<void> {
  for (const row of rows) {
    await db
      .updateTable('search_outbox')
      .set({
        attempts: row.attempts + 1,
        next_attempt_at: new Date(at.getTime() + backoffMs(row.attempts + 1)).toISOString(),
        last_error: message.slice(0, 500),
      })
      .where('id', '=', row.id)
      .execute();
  }
}

export type DrainResult = {
  indexed: number;
  deleted: number;
  /** Rows whose document failed (Meilisearch rejected it, or the batch failed unexpectedly): retried after a backoff. */
  failed: number;
  /** Rows left due because Meilisearch was unavailable: not counted as attempts, retried once it is back. */
  postponed: number;
};

/**
 * Moves due outbox rows into Meilisearch: upserts entries that exist, deletes those that are
 * gone, waits for the Meilisearch tasks to succeed, and only then removes the rows. A document
 * Meilisearch rejects is isolated and its rows get the error and an exponential backoff, while
 * the others go through. When Meilisearch is unavailable (the circuit breaker is open, a call
 * hangs or fails with a 5xx) nothing counts as an attempt: the rows stay due for its return.
 */
export async function drainOutbox(db: DB, client: Meilisearch, options: { now?: () => Date } = {}): Promise<DrainResult> {
  const now = options.now ?? (() => new Date());
  const result: DrainResult = { indexed: 0, deleted: 0, failed: 0, postponed: 0 };
  for (;;) {
    const due = await db
      .selectFrom('search_outbox')
      .select(['id', 'entry_id', 'attempts'])
      .where('next_attempt_at', '<=', now().toISOString())
      .orderBy('id')
      .limit(BATCH_SIZE)
      .execute();
    if (due.length === 0) return result;
    if (searchBreaker(client)?.isOpen) return { ...result, postponed: due.length };

    const entryIds = [...new Set(due.map((row) => row.entry_id))];
    try {
      // A Meilisearch that came back without its data would get an index without settings from
      // addDocuments, holding only these entries: rebuild it whole instead (this covers the rows).
      if (!(await indexExists(client))) {
        result.indexed += (await reindexAll(db, client)).documents;
        continue;
      }
      const documents = await buildSearchDocuments(db, entryIds);
      const present = new Set(documents.map((doc) => doc.id));
      const gone = entryIds.filter((id) => !present.has(id));
      const index = client.index<SearchDocument>(ENTRIES_INDEX);
      const rejected = documents.length ? await addIsolating(index, documents) : new Map<number, string>();
      if (gone.length) {
        const task = await index.deleteDocuments(gone).waitTask({ timeout: 60_000 });
        if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
      }
      const done = due.filter((row) => !rejected.has(row.entry_id));
      if (done.length) {
        await db
          .deleteFrom('search_outbox')
          .where(
            'id',
            'in',
            done.map((row) => row.id),
          )
          .execute();
      }
      for (const [entryId, reason] of rejected) {
        await recordFailure(
          db,
          due.filter((row) => row.entry_id === entryId),
          reason,
          now(),
        );
      }
      result.indexed += documents.length - rejected.size;
      result.deleted += gone.length;
      result.failed += due.length - done.length;
    } catch (error) {
      const message = describeSearchError(error);
      if (isSearchOutage(error)) {
        // Recorded for the operator, but not an attempt: the documents are not at fault.
        await db
          .updateTable('search_outbox')
          .set({ last_error: message.slice(0, 500) })
          .where(
            'id',
            'in',
            due.map((row) => row.id),
          )
          .execute();
        return { ...result, postponed: due.length };
      }
      await recordFailure(db, due, message, now());
      result.failed += due.length;
      return result;
    }
  }
}

export async function outboxBacklog(db: DB): Promise<number> {
  const { count } = await db
    .selectFrom('search_outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/**
 * Drains the outbox, then waits `intervalMs` before the next drain; one drain at a time. When
 * the circuit breaker closes again, the next drain starts at once.
 */
export function startOutboxWorker(db: DB, client: Meilisearch, intervalMs = 500): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const tick = () => {
    clearTimeout(timer);
    current = drainOutbox(db, client)
      .then(() => undefined)
      .catch((error: unknown) => console.error('search outbox:', error))
      .finally(() => {
        current = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  const unsubscribe = searchBreaker(client)?.onClose(() => {
    if (!stopped && !current) tick();
  });
  tick();
  return {
    stop: async () => {
      stopped = true;
      unsubscribe?.();
      clearTimeout(timer);
      await current;
    },
  };
}
