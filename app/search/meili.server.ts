import { Meilisearch } from 'meilisearch';
import { Agent } from 'undici';

/**
 * Measured here: Meilisearch answers a request on a reused keep-alive connection from Node's
 * fetch about 40 ms late (a delayed-ACK stall), 2–5 ms on a fresh one. On loopback a fresh
 * connection costs well under a millisecond, so local servers get one per request
 * (docs/decisions/0006).
 */
const freshConnections = new Agent({ pipelining: 0 });
const isLoopback = (host: string) => /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(host);

export type SearchServer = { url: string; masterKey?: string };

/** The Meilisearch client for a server, with fresh connections when it is on this machine. */
export function createSearchClient(server: SearchServer): Meilisearch {
  return new Meilisearch({
    host: server.url,
    apiKey: server.masterKey,
    timeout: 5_000,
    ...(isLoopback(server.url) ? { requestInit: { dispatcher: freshConnections } as RequestInit } : {}),
  });
}

export async function isSearchHealthy(client: Meilisearch | null): Promise<boolean> {
  if (!client) return false;
  try {
    return await client.isHealthy();
  } catch {
    return false;
  }
}
