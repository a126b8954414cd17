import type { LoaderFunctionArgs } from '@remix-run/node';
import { Meilisearch } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { MatchProposal } from '~/matching/match-types';
import { bruteForceMatches, proposeMatches, type ProposeResult } from '~/matching/matching.server';
import type { MatchRelations } from '~/matching/score';
import { loader } from '~/routes/api.entries.$slug.matches';
import { seedDemo } from '../../db/seed/seed';
import { seedSynthetic } from '../../db/seed/synthetic';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi } from '../support/paths';
import { freshIndexFrom, unreachableSearch } from '../support/search-fixtures';
import { geoSource, useTestDatabase } from '../support/test-database';

/** Retrieval through a real Meilisearch equals brute force over SQLite, on seeded random worlds; the API around it. */

let client: Meilisearch;
let entries: Array<{ id: number; slug: string; kind: string }>;

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  client = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
  await seedDemo(db);
  await seedSynthetic(db, 320, 23, geoSource);
  // A few entries outside "published": never proposed, never given proposals.
  await db.updateTable('entries').set({ status: 'draft' }).where('slug', 'in', ['synthetisch-23-3', 'synthetisch-23-21']).execute();
  await freshIndexFrom(db, client);
  entries = await db.selectFrom('entries').select(['id', 'slug', 'kind']).where('status', '=', 'published').orderBy('id').execute();
});

/** A small deterministic PRNG (mulberry32), so a failing world can be replayed from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random partnerships, dismissals and open introductions between the world's entries. */
function randomRelations(seed: number): MatchRelations {
  const random = prng(seed);
  const pick = () => String(entries[Math.floor(random() * entries.length)]!.id);
  const pairs = (n: number) => Array.from({ length: n }, () => [pick(), pick()] as [string, string]);
  const openIntroductions: Record<string, number> = {};
  for (let i = 0; i < 40; i++) openIntroductions[pick()] = Math.floor(random() * 30);
  return { partnerships: pairs(120), dismissals: pairs(120), openIntroductions };
}

const summary = (result: ProposeResult) =>
  result.status === 'found' ? result.proposals.map((p) => `${p.entry.id}:${p.score}`) : result.status;

describe('retrieval equals brute force', () => {
  it.each([
    [1, 1],
    [2, 3],
  ])('gives published entries the same top 10 as scoring every candidate (relations seed %i, every %i. entry)', async (seed, step) => {
    const relations = randomRelations(seed);
    let nonEmpty = 0;
    let scored = 0;
    let everyone = 0;
    const sample = entries.filter((_, i) => i % step === 0);
    for (const entry of sample) {
      const retrieved = await proposeMatches(database.db, client, entry.slug, { limit: 10, relations });
      const brute = await bruteForceMatches(database.db, entry.slug, { limit: 10, relations });
      expect(retrieved.status === 'found' && retrieved.degraded, entry.slug).toBe(false);
      expect(summary(retrieved), entry.slug).toEqual(summary(brute));
      // The fallback reads SQLite in geographic tiers: it must give the same list too.
      const fallback = await proposeMatches(database.db, unreachableSearch, entry.slug, { limit: 10, relations });
      expect(summary(fallback), entry.slug).toEqual(summary(brute));
      if (retrieved.status === 'found' && retrieved.proposals.length) nonEmpty++;
      if (retrieved.status === 'found' && brute.status === 'found') {
        scored += retrieved.scored;
        everyone += brute.scored;
      }
    }
    expect(nonEmpty).toBeGreaterThan(sample.length / 2);
    // The bounds prune: retrieval scores a fraction of what brute force scores.
    console.log(`retrieval scored ${scored} candidates where brute force scored ${everyone}`);
    expect(scored).toBeLessThan(everyone * 0.75);
  });

  it('proposes the other kind only, never excluded pairs, best first', async () => {
    const relations = randomRelations(3);
    const excluded = new Set([...relations.partnerships!, ...relations.dismissals!].map(([a, b]) => `${a}-${b}`));
    for (const entry of entries.slice(0, 120)) {
      const result = await proposeMatches(database.db, client, entry.slug, { limit: 10, relations });
      if (result.status !== 'found') throw new Error(entry.slug);
      const scores = result.proposals.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const proposal of result.proposals) {
        expect(proposal.entry.kind).not.toBe(entry.kind);
        expect(excluded.has(`${entry.id}-${proposal.entry.id}`) || excluded.has(`${proposal.entry.id}-${entry.id}`)).toBe(false);
      }
    }
  });

  it('leaves out an entry unpublished a moment ago that the index still holds', async () => {
    const before = await proposeMatches(database.db, client, 'dementienet-dukenburg', { limit: 5 });
    if (before.status !== 'found' || before.proposals.length === 0) throw new Error('expected proposals');
    const first = before.proposals[0]!.entry;
    await database.db.updateTable('entries').set({ status: 'archived' }).where('id', '=', first.id).execute();
    try {
      const after = await proposeMatches(database.db, client, 'dementienet-dukenburg', { limit: 5 });
      expect(after.status === 'found' && after.proposals.map((p) => p.entry.id)).not.toContain(first.id);
    } finally {
      await database.db.updateTable('entries').set({ status: 'published' }).where('id', '=', first.id).execute();
    }
  });

  it('answers from SQLite with the same proposals when Meilisearch is down, marked degraded', async () => {
    for (const entry of entries.filter((_, i) => i % 15 === 0)) {
      const live = await proposeMatches(database.db, client, entry.slug, { limit: 10 });
      const down = await proposeMatches(database.db, unreachableSearch, entry.slug, { limit: 10 });
      expect(down.status === 'found' && down.degraded).toBe(true);
      expect(summary(down)).toEqual(summary(live));
    }
  });
});

type Body = { proposals: MatchProposal[]; degraded: boolean; error?: string; errors?: Record<string, string> };

const call = async (slug: string, query = '', search: Meilisearch | null = client) => {
  const response = await loader({
    request: new Request(`http://localhost/api/entries/${slug}/matches${query}`),
    params: { slug },
    context: testLoadContext(database.db, { search }),
  } as LoaderFunctionArgs);
  return { status: response.status, body: (await response.json()) as Body };
};

describe('GET /api/entries/:slug/matches', () => {
  it('proposes coalities for an initiatief with reasons and gaps, public fields only', async () => {
    const { status, body } = await call('dementienet-dukenburg', '?limit=5');
    expect(status).toBe(200);
    expect(body.degraded).toBe(false);
    expect(body.proposals.length).toBeGreaterThan(0);
    expect(body.proposals.length).toBeLessThanOrEqual(5);
    const [best] = body.proposals;
    expect(Object.keys(best!.entry).sort()).toEqual(['id', 'kind', 'lat', 'lng', 'name', 'place', 'slug', 'summary', 'topics']);
    expect(best!.entry.kind).toBe('coalitie');
    expect(best!.score).toBeGreaterThan(0);
    expect(best!.score).toBeLessThanOrEqual(1);
    expect(best!.label).toMatch(/match$/);
    expect(best!.reasons.sentences.length).toBeGreaterThan(0);
    expect(typeof best!.reasons.distanceKm).toBe('number');
    for (const gap of best!.gaps) expect(gap.sentence).toMatch(/^Zoekt .+ — deze coalitie biedt dat niet$/);
  });

  it('proposes initiatieven for a coalitie', async () => {
    const { status, body } = await call('kerncoalitie-mijnstreek');
    expect(status).toBe(200);
    expect(body.proposals.length).toBeGreaterThan(0);
    expect(body.proposals.every((p) => p.entry.kind === 'initiatief')).toBe(true);
    // Burgerkracht Limburg already works with the Kerncoalitie (a named partner): never proposed.
    expect(body.proposals.map((p) => p.entry.name)).not.toContain('Burgerkracht Limburg');
  });

  it('says 404 in Dutch for an unknown or unpublished entry', async () => {
    for (const slug of ['bestaat-niet', 'synthetisch-23-3', 'NIET_GELDIG']) {
      const { status, body } = await call(slug);
      expect(status, slug).toBe(404);
      expect(body.error).toBe('Deze vermelding bestaat niet of is niet openbaar.');
    }
  });

  it.each(['?limit=0', '?limit=51', '?limit=abc', '?limit=2.5', '?limit='])('says 400 for a bad limit (%s)', async (query) => {
    const { status, body } = await call('dementienet-dukenburg', query);
    expect(status).toBe(400);
    expect(body.errors?.limit).toMatch(/heel getal van 1 tot en met 50/);
    expect(body.error).toMatch(/^Ongeldige parameter 'limit'/);
  });

  it('marks the answer degraded when Meilisearch is down', async () => {
    const { status, body } = await call('dementienet-dukenburg', '', unreachableSearch);
    expect(status).toBe(200);
    expect(body.degraded).toBe(true);
    expect(body.proposals.length).toBeGreaterThan(0);
  });
});
