import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import type { DB } from '~/db/db.server';
import { errorMessage } from '~/utils/error-message';
import { buildSearchDocuments, ENTRIES_INDEX, reindexAll } from './search-index.server';

const BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 5 * 60_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Moves due outbox rows into Meilisearch: upserts entries that exist, deletes those that
 * are gone, waits for the Meilisearch task to succeed, and only then removes the rows.
 * On failure the rows stay and are retried with exponential backoff.
 */
async function indexExists(client: Meilisearch): Promise<boolean> {
  try {
    await client.getIndex(ENTRIES_INDEX);
    return true;
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return false;
    throw error;
  }
}

export async function drainOutbox(
  db: DB,
  client: Meilisearch,
  options: { now?: () => Date } = {},
): Promise<{ indexed: number; deleted: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const result = { indexed: 0, deleted: 0, failed: 0 };
  for (;;) {
    const due = await db
      .selectFrom('search_outbox')
      .select(['id', 'entry_id', 'attempts'])
      .where('next_attempt_at', '<=', now().toISOString())
      .orderBy('id')
      .limit(BATCH_SIZE)
      .execute();
    if (due.length === 0) return result;

    const entryIds = [...new Set(due.map((row) => row.entry_id))];
    const rowIds = due.map((row) => row.id);
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
      const index = client.index(ENTRIES_INDEX);
      const tasks = [];
      if (documents.length) tasks.push(await index.addDocuments(documents).waitTask({ timeout: 60_000 }));
      if (gone.length) tasks.push(await index.deleteDocuments(gone).waitTask({ timeout: 60_000 }));
      const failedTask = tasks.find((task) => task.status !== 'succeeded');
      if (failedTask) throw new Error(`Meilisearch task ${failedTask.uid} ${failedTask.status}: ${failedTask.error?.message ?? ''}`);
      await db.deleteFrom('search_outbox').where('id', 'in', rowIds).execute();
      result.indexed += documents.length;
      result.deleted += gone.length;
    } catch (error) {
      const message = errorMessage(error);
      for (const row of due) {
        await db
          .updateTable('search_outbox')
          .set({
            attempts: row.attempts + 1,
            next_attempt_at: new Date(now().getTime() + backoffMs(row.attempts + 1)).toISOString(),
            last_error: message.slice(0, 500),
          })
          .where('id', '=', row.id)
          .execute();
      }
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

/** Drains the outbox, then waits `intervalMs` before the next drain; one drain at a time. */
export function startOutboxWorker(db: DB, client: Meilisearch, intervalMs = 500): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = drainOutbox(db, client)
      .then(() => undefined)
      .catch((error: unknown) => console.error('search outbox:', error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
