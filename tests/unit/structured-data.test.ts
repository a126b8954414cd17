import { describe, expect, it } from 'vitest';
import { toPublicEntry, type EntryWithRelations } from '~/entries/entry-types';
import { entryStructuredData, serializeJsonLd } from '~/entries/structured-data';

const row: EntryWithRelations = {
  id: 7,
  slug: 'dementienet-dukenburg',
  kind: 'coalitie',
  name: 'DementieNet Dukenburg',
  summary: 'Netwerk van huisartsen, wijkverpleging en welzijn rond mensen met dementie.',
  description: null,
  legal_form: null,
  founding_year: 2016,
  website: 'https://example.org/dementienet',
  email: 'info@example.org',
  phone: null,
  place: 'Nijmegen, Dukenburg',
  lat: 51.82,
  lng: 5.79,
  phase: null,
  contact_role: 'Netwerkcoördinator',
  funding_sources: '[]',
  funding_ends_on: null,
  target_groups: '[]',
  status: 'published',
  source: null,
  is_demo: 1,
  last_verified_at: '2026-03-01',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-03-01T00:00:00Z',
  topics: ['VITAAL-3'],
  coverage: ['GM0268'],
  partners: [{ name: 'Huisartsen Dukenburg', domain: 'zorgaanbieders' }],
  needs: [],
  offers: [],
  fundingSources: [],
  targetGroups: [],
  onBoard: [],
};
const coalition = toPublicEntry(row);

describe('the public view of an entry', () => {
  it('keeps what the detail page shows and drops the curation fields', () => {
    expect(coalition).toMatchObject({ slug: 'dementienet-dukenburg', name: 'DementieNet Dukenburg', isDemo: true, topics: ['VITAAL-3'] });
    for (const field of ['id', 'status', 'created_at', 'funding_ends_on', 'funding_sources', 'target_groups', 'is_demo']) {
      expect(coalition).not.toHaveProperty(field);
    }
  });
});

describe('schema.org structured data for an entry', () => {
  it('describes the organisation, its place, the gemeenten it serves and its topics', () => {
    const data = entryStructuredData(coalition, 'https://samenspel.test/entries/dementienet-dukenburg', [
      { code: 'GM0268', name: 'Nijmegen' },
    ]);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'DementieNet Dukenburg',
      url: 'https://example.org/dementienet',
      foundingDate: '2016',
      email: 'info@example.org',
      location: { '@type': 'Place', geo: { latitude: 51.82, longitude: 5.79 }, address: { addressLocality: 'Nijmegen, Dukenburg' } },
      areaServed: [{ '@type': 'AdministrativeArea', name: 'Nijmegen', identifier: 'GM0268' }],
      member: [{ '@type': 'Organization', name: 'Huisartsen Dukenburg' }],
    });
    expect(data.knowsAbout[0]).toMatch(/^VITAAL-3: /);
    expect(data).not.toHaveProperty('telephone');
    // The contact person's role is internal context, not structured data.
    expect(JSON.stringify(data)).not.toContain('Netwerkcoördinator');
  });

  it('types citizen initiatives as NGOs and falls back to the page as their URL', () => {
    const data = entryStructuredData({ ...coalition, kind: 'initiatief', website: null, partners: [] }, 'https://samenspel.test/x', []);
    expect(data['@type']).toBe('NGO');
    expect(data.url).toBe('https://samenspel.test/x');
    expect(data).not.toHaveProperty('member');
  });

  it('cannot close its script element, whatever the text says', () => {
    const json = serializeJsonLd({ name: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>' });
  });
});
