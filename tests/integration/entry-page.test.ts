import { describe, expect, it } from 'vitest';
import { saveEntry } from '~/entries/entries.server';
import { loader } from '~/routes/entries.$slug';
import { validInitiative } from '../support/fixtures';
import { testLoadContext } from '../support/load-context';
import { requireGeodataInCi } from '../support/paths';
import { useTestDatabase } from '../support/test-database';

const database = useTestDatabase(async (db) => {
  requireGeodataInCi();
  await saveEntry(db, { ...validInitiative, status: 'published', source: 'Inventarisatie 2026' }, { slug: 'buurtkring-openbaar' });
  await saveEntry(db, { ...validInitiative, status: 'draft' }, { slug: 'buurtkring-concept' });
});

async function load(slug: string, settings: Record<string, string> = {}) {
  const request = new Request(`http://evil.example/entries/${slug}`, { headers: { host: 'evil.example' } });
  return loader({ request, params: { slug }, context: testLoadContext(database.db, { settings }) });
}

describe('the detail page loader (real SQLite file)', () => {
  it('hands out the public view of a published entry, with URLs from PUBLIC_URL', async () => {
    const loaded = await load('buurtkring-openbaar', { PUBLIC_URL: 'https://samenspel.example.nl' });
    expect(loaded.entry).toMatchObject({
      slug: 'buurtkring-openbaar',
      name: 'Buurtkring Testlaan',
      source: 'Inventarisatie 2026',
      isDemo: false,
    });
    for (const field of ['id', 'status', 'created_at', 'funding_ends_on', 'is_demo']) expect(loaded.entry).not.toHaveProperty(field);
    expect(loaded.canonicalUrl).toBe('https://samenspel.example.nl/entries/buurtkring-openbaar');
    expect(JSON.parse(loaded.jsonLd)).toMatchObject({ '@id': loaded.canonicalUrl, mainEntityOfPage: loaded.canonicalUrl });
  });

  it('ignores the Host header without PUBLIC_URL too, outside development', async () => {
    expect((await load('buurtkring-openbaar', { PORT: '4321' })).canonicalUrl).toBe('http://localhost:4321/entries/buurtkring-openbaar');
  });

  it('answers 404 for a draft, as for an entry that does not exist', async () => {
    for (const slug of ['buurtkring-concept', 'bestaat-niet', 'NIET GELDIG']) {
      const thrown = await load(slug).then(
        () => null,
        (error: unknown) => error,
      );
      expect(thrown).toMatchObject({ init: { status: 404 } });
    }
  });
});
