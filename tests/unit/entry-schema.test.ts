import { describe, expect, it } from 'vitest';
import { entryInputSchema } from '~/entries/entry-schema';
import { slugify } from '~/entries/entries.server';
import { validInitiative } from '../support/fixtures';

describe('entry input schema', () => {
  it('accepts a complete initiative and fills defaults', () => {
    const entry = entryInputSchema.parse(validInitiative);
    expect(entry.status).toBe('draft');
    expect(entry.partners).toEqual([]);
    expect(entry.offers).toEqual([]);
    expect(entry.description).toBeNull();
    expect(entry.isDemo).toBe(false);
  });

  it('removes duplicate codes and turns empty optional text into null', () => {
    const entry = entryInputSchema.parse({ ...validInitiative, topics: ['VITAAL-3', 'VITAAL-3'], legalForm: '  ' });
    expect(entry.topics).toEqual(['VITAAL-3']);
    expect(entry.legalForm).toBeNull();
  });

  it('explains every problem in Dutch, per field', () => {
    const result = entryInputSchema.safeParse({
      ...validInitiative,
      kind: 'bedrijf',
      name: 'A',
      lat: 48.85,
      coverage: ['Nijmegen'],
      topics: [],
      website: 'ftp://example.org',
      email: 'geen-adres',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      kind: 'Kies of dit een burgerinitiatief of een doe-coalitie is.',
      name: 'De naam moet minstens 3 tekens lang zijn.',
      lat: 'De locatie ligt niet in Nederland.',
      'coverage.0': 'Ongeldige gemeentecode (verwacht bijvoorbeeld GM0268).',
      topics: 'Kies minstens één onderwerp van de transformatieagenda.',
      website: 'Geef een geldig webadres dat begint met https:// of http://.',
      email: 'Geef een geldig e-mailadres.',
    });
  });

  it('rejects codes outside the shared vocabularies', () => {
    const result = entryInputSchema.safeParse({ ...validInitiative, needs: ['geld'], partners: [{ name: 'X Zorg', domain: 'bank' }] });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['partners.0.domain', 'needs.0']);
  });
});

describe('slugify', () => {
  it('makes readable, URL-safe slugs from Dutch names', () => {
    expect(slugify("Stichting Wedde dat 't lukt")).toBe('stichting-wedde-dat-t-lukt');
    expect(slugify('Zorgcoöperatie Gemert')).toBe('zorgcooperatie-gemert');
    expect(slugify('Zoetermeer 2025 / Vereniging Gezondheidsregio Zoetermeer')).toBe(
      'zoetermeer-2025-vereniging-gezondheidsregio-zoetermeer',
    );
  });
});
