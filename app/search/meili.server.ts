import { Meilisearch } from 'meilisearch';

/** The Meilisearch client for MEILI_URL/MEILI_MASTER_KEY, or null when no search server is configured. */
export function createSearchClient(env: Record<string, string | undefined> = process.env): Meilisearch | null {
  const host = env.MEILI_URL;
  if (!host) return null;
  return new Meilisearch({ host, apiKey: env.MEILI_MASTER_KEY, timeout: 5_000 });
}

let shared: Meilisearch | null | undefined;

export function getSearchClient(): Meilisearch | null {
  if (shared === undefined) shared = createSearchClient();
  return shared;
}

export async function isSearchHealthy(client: Meilisearch | null): Promise<boolean> {
  if (!client) return false;
  try {
    return await client.isHealthy();
  } catch {
    return false;
  }
}
