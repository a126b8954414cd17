import { LRUCache } from 'lru-cache';
import { Meilisearch, MeilisearchApiError, MeilisearchError, MeilisearchTaskTimeOutError } from 'meilisearch';
import { Agent, request } from 'undici';

export type SearchServer = { url: string; masterKey?: string };

/**
 * How long a call may take before Meilisearch counts as hanging. The directory's searches (one
 * multi-search each) take milliseconds, tens on a loaded machine, so 1.5 s notices a hang fast
 * without mistaking load for one. The map's single search for a whole match set (up to 100,000
 * hits) measured 1.6 s at 50,000 entries on a loaded machine, and writes and task polling are
 * background work: they get longer. When any call notices a hang, the breaker releases the
 * calls still waiting (see `SearchBreaker.signal`).
 */
const TIMEOUT_MS = { health: 1_000, search: 1_500, other: 10_000 } as const;
/** The first pause after a failure; it doubles while Meilisearch stays down, up to the cap. */
const OPEN_BASE_MS = 500;
const OPEN_MAX_MS = 5_000;

/** Raised without calling Meilisearch while the breaker is open, and for a call that timed out or found no server. */
export class SearchUnavailableError extends MeilisearchError {
  override name = 'SearchUnavailableError';
}

/**
 * Circuit breaker for one Meilisearch server. A failed or timed-out call opens it: calls then
 * fail at once (callers answer from SQLite) while a background probe (GET /health) runs after
 * a pause that doubles while the server stays down; the first healthy probe closes it.
 * Request errors (a 4xx about the query) say nothing about the server and leave it closed.
 */
export class SearchBreaker {
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<() => void>();
  #closedPeriod = new AbortController();

  constructor(
    private readonly probe: () => Promise<boolean>,
    private readonly log: (line: string) => void,
  ) {}

  get isOpen(): boolean {
    return this.#failures > 0;
  }

  /** Aborted when the breaker opens: calls under way then would wait on the same hang. */
  get signal(): AbortSignal {
    return this.#closedPeriod.signal;
  }

  /** Calls `listener` each time the breaker closes again; returns the unsubscribe. */
  onClose(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Opens the breaker; calls that were already under way when it opened do not lengthen the pause. */
  recordOutage(error: unknown): void {
    if (this.isOpen) return;
    this.#failures = 1;
    this.log(`search: Meilisearch unavailable (${describeSearchError(error)}); answering from SQLite until it recovers`);
    this.#closedPeriod.abort();
    this.#closedPeriod = new AbortController();
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const pause = Math.min(OPEN_MAX_MS, OPEN_BASE_MS * 2 ** (this.#failures - 1));
    // unref: a pending probe must not keep a finished process (a script, a test) alive.
    this.#timer = setTimeout(() => void this.#probeOnce(), pause).unref();
  }

  async #probeOnce(): Promise<void> {
    if (!this.isOpen) return;
    if (await this.probe().catch(() => false)) {
      this.#failures = 0;
      this.log('search: Meilisearch reachable again');
      for (const listener of this.#listeners) listener();
    } else {
      this.#failures++;
      this.#schedule();
    }
  }
}

/** An error's message with those of its causes, for logs and the outbox's last_error. */
export function describeSearchError(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current !== undefined && messages.length < 4; current = current instanceof Error ? current.cause : undefined) {
    messages.push(current instanceof Error ? current.message : String(current));
  }
  return messages.join(': ');
}

/** The Meilisearch API error behind a client error (the client wraps what its transport throws). */
export function searchApiError(error: unknown): MeilisearchApiError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof MeilisearchApiError) return current;
  }
  return undefined;
}

/**
 * Whether a call failed because Meilisearch was down, hanging, failing (5xx) or too slow with a
 * task, rather than because of what was sent: such failures say nothing about the documents.
 */
export function isSearchOutage(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof SearchUnavailableError || current instanceof MeilisearchTaskTimeOutError) return true;
  }
  const status = searchApiError(error)?.response.status;
  return status !== undefined && status >= 500;
}

/**
 * Whether Meilisearch refused a call because of the request itself (an invalid filter, sort,
 * coordinate, page…): a 400 for the visitor, not an outage. A missing index or a wrong key is
 * the operator's problem and is answered from SQLite.
 */
export function isSearchRequestError(error: unknown): boolean {
  const cause = searchApiError(error)?.cause;
  return cause?.type === 'invalid_request' && cause.code !== 'index_not_found';
}

function timeoutFor(method: string, path: string): number {
  if (path.endsWith('/health')) return TIMEOUT_MS.health;
  if (method === 'POST' && path.endsWith('/multi-search')) return TIMEOUT_MS.search;
  return TIMEOUT_MS.other;
}

/**
 * One keep-alive pool per process. Idle sockets are closed after 2 s, well before Meilisearch's
 * (actix-web's) 5 s, so a request never goes out on a socket the server is closing.
 */
const pool = new Agent({ keepAliveTimeout: 2_000, keepAliveMaxTimeout: 2_000, connections: 16 });

/**
 * Errors of a kept-alive socket the server closed under us: sent again once on a new socket
 * (searches are safe to repeat and document writes are upserts).
 */
const STALE_SOCKET = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

type Transport = { call: (url: URL, init: RequestInit) => Promise<unknown>; breaker: SearchBreaker; indexVersion: () => number };

type Answer = { status: number; text: string };

/** Searches: reads whose answer depends only on the request body and the index's contents. */
const SEARCH_PATH = /\/(multi-search|search)$/;
/**
 * A cached answer is dropped after this long even when this process changed nothing: the index
 * can also be changed from outside it (`npm run reindex`, another app on the same Meilisearch):
 * such a change shows within this time.
 */
const CACHE_TTL_MS = 60_000;
/** Larger answers (the map's and the matcher's whole match sets) are not kept: they would crowd out the rest. */
const MAX_CACHED_ANSWER = 256 * 1024;

/**
 * Search answers per index version. Identical searches (the home page, popular filters, the
 * matcher's candidate sets of a detail page) are answered from memory, and identical searches in
 * flight share one call. Any other call that could change the index (document writes, settings,
 * swaps, task polls that see a write finish) starts a new version, so a search sent after it
 * never gets an answer from before it. Failed calls and error answers are not kept.
 */
class AnswerCache {
  #version = 0;
  readonly #answers: LRUCache<string, Answer>;
  readonly #inFlight = new Map<string, Promise<Answer>>();

  constructor(maxBytes: number) {
    this.#answers = new LRUCache<string, Answer>({
      maxSize: maxBytes,
      sizeCalculation: (answer, key) => answer.text.length + key.length,
      ttl: CACHE_TTL_MS,
    });
  }

  /** The index may have changed: answers cached so far no longer count. */
  invalidate(): void {
    this.#version++;
    this.#answers.clear();
    this.#inFlight.clear();
  }

  async answer(path: string, body: string, send: () => Promise<Answer>): Promise<Answer> {
    const key = `${path}\n${body}`;
    const cached = this.#answers.get(key);
    if (cached) return cached;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      const version = this.#version;
      pending = send();
      this.#inFlight.set(key, pending);
      const settle = (answer?: Answer) => {
        if (this.#inFlight.get(key) === pending) this.#inFlight.delete(key);
        // An answer from before a change stays out: it may show the index as it was.
        if (answer && answer.status < 400 && answer.text.length <= MAX_CACHED_ANSWER && version === this.#version) {
          this.#answers.set(key, answer);
        }
      };
      pending.then(settle, () => settle());
    }
    return pending;
  }
}

/** Whether a call only reads: it cannot change what searches answer. */
const isReadOnly = (method: string, path: string) => method === 'GET' && !/\/tasks(\/|$)/.test(path);

async function send(url: URL, init: RequestInit, timeoutMs: number, released?: AbortSignal): Promise<Answer> {
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => (headers[key] = value));
  // Uncompressed answers: a compressed one often leaves Meilisearch in two writes, the second
  // held by Nagle until our delayed ACK on a kept-alive connection, ~40 ms (docs/decisions/0014).
  headers['accept-encoding'] = 'identity';
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = released ? AbortSignal.any([timeout, released]) : timeout;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await request(url, {
        method: (init.method ?? 'GET') as 'GET',
        headers,
        body: typeof init.body === 'string' ? init.body : undefined,
        dispatcher: pool,
        signal,
      });
      return { status: response.statusCode, text: await response.body.text() };
    } catch (error) {
      if (timeout.aborted) throw new SearchUnavailableError(`no answer from Meilisearch within ${timeoutMs} ms`, { cause: error });
      if (signal.aborted) throw new SearchUnavailableError('released: another call found Meilisearch unavailable', { cause: error });
      const code = (error as { code?: string }).code;
      if (attempt === 1 && code && STALE_SOCKET.has(code)) continue;
      throw new SearchUnavailableError(`Meilisearch not reachable (${code ?? describeSearchError(error)})`, { cause: error });
    }
  }
}

function createTransport(healthUrl: URL, log: (line: string) => void, cache: AnswerCache | null): Transport {
  const breaker = new SearchBreaker(async () => (await send(healthUrl, { method: 'GET' }, TIMEOUT_MS.health)).status === 200, log);
  /** Counts the calls that may have changed what searches answer. */
  let indexVersion = 0;
  const indexMayHaveChanged = () => {
    indexVersion++;
    cache?.invalidate();
  };
  const call = async (url: URL, init: RequestInit): Promise<unknown> => {
    if (breaker.isOpen) throw new SearchUnavailableError('Meilisearch is marked unavailable; it is probed in the background');
    const method = init.method ?? 'GET';
    const transmit = () => send(url, init, timeoutFor(method, url.pathname), breaker.signal);
    const search = method === 'POST' && SEARCH_PATH.test(url.pathname) && typeof init.body === 'string';
    let response: Answer;
    try {
      response = cache && search ? await cache.answer(url.pathname, init.body as string, transmit) : await transmit();
    } catch (error) {
      breaker.recordOutage(error);
      throw error;
    } finally {
      // Also after a failure: a write may have reached Meilisearch although its answer did not reach us.
      if (!search && !isReadOnly(method, url.pathname)) indexMayHaveChanged();
    }
    let body: unknown;
    try {
      body = response.text === '' ? undefined : JSON.parse(response.text);
    } catch (error) {
      // Not Meilisearch answering (a proxy's error page, a truncated body): an outage.
      const outage = new SearchUnavailableError(`unreadable answer from Meilisearch (HTTP ${response.status})`, { cause: error });
      // Not to be answered again from the cache either.
      indexMayHaveChanged();
      breaker.recordOutage(outage);
      throw outage;
    }
    if (response.status < 400) return body;
    // What the client itself would throw; the body carries Meilisearch's code and type.
    const error = new MeilisearchApiError(new Response(null, { status: response.status }), body as never);
    if (response.status >= 500) breaker.recordOutage(error);
    throw error;
  };
  return { call, breaker, indexVersion: () => indexVersion };
}

/** The transport of each client made by `createSearchClient`. */
const transports = new WeakMap<Meilisearch, Transport>();

/** The circuit breaker of a client made by `createSearchClient`, for the health check and the outbox worker. */
export function searchBreaker(client: Meilisearch): SearchBreaker | undefined {
  return transports.get(client)?.breaker;
}

/**
 * Changes whenever the client sent something that may change what searches answer (a document
 * write, a settings change, a task poll that may see one finish): part of the key of anything
 * computed from search answers. Null for a client not made by `createSearchClient`.
 */
export function searchIndexVersion(client: Meilisearch): number | null {
  return transports.get(client)?.indexVersion() ?? null;
}

/**
 * The Meilisearch client for a server. Every call goes through one transport: a keep-alive
 * connection pool, a timeout per kind of call, the circuit breaker, so every caller (search,
 * map, outbox worker, health check) stops waiting on a hanging server at once, and a cache of
 * search answers per index version when `cacheMb` is given (see `AnswerCache`).
 */
export function createSearchClient(server: SearchServer, options: { log?: (line: string) => void; cacheMb?: number } = {}): Meilisearch {
  const base = server.url.endsWith('/') ? server.url : `${server.url}/`;
  const cache = options.cacheMb ? new AnswerCache(options.cacheMb * 1024 * 1024) : null;
  const transport = createTransport(new URL('health', base), options.log ?? ((line) => console.warn(line)), cache);
  const client = new Meilisearch({
    host: server.url,
    apiKey: server.masterKey,
    // meilisearch-js (0.62) hands every request to `httpClient` instead of fetch and returns its result.
    httpClient: (input, init) => transport.call(input as URL, init ?? {}),
  });
  transports.set(client, transport);
  return client;
}

/** Whether Meilisearch answers its health check; false at once while the breaker is open. */
export async function isSearchHealthy(client: Meilisearch | null): Promise<boolean> {
  if (!client || searchBreaker(client)?.isOpen) return false;
  try {
    return await client.isHealthy();
  } catch {
    return false;
  }
}
