import { labelOf, TOPICS } from '~/taxonomy/taxonomy';
import type { Gemeente } from '~/places/places';
import type { PublicEntry } from './entry-types';

/**
 * schema.org JSON-LD for an entry's public page: an Organization located at a Place, serving
 * the gemeenten it covers. Only public organisation data; no personal contact details.
 */
export function entryStructuredData(entry: PublicEntry, pageUrl: string, areaServed: Gemeente[]) {
  return {
    '@context': 'https://schema.org',
    // Citizen initiatives are foundations and associations: NGO is the closer schema.org type.
    '@type': entry.kind === 'coalitie' ? 'Organization' : 'NGO',
    '@id': pageUrl,
    url: entry.website ?? pageUrl,
    mainEntityOfPage: pageUrl,
    name: entry.name,
    description: entry.summary,
    ...(entry.founding_year ? { foundingDate: String(entry.founding_year) } : {}),
    ...(entry.email ? { email: entry.email } : {}),
    ...(entry.phone ? { telephone: entry.phone } : {}),
    location: {
      '@type': 'Place',
      name: entry.place,
      address: { '@type': 'PostalAddress', addressLocality: entry.place, addressCountry: 'NL' },
      geo: { '@type': 'GeoCoordinates', latitude: entry.lat, longitude: entry.lng },
    },
    areaServed: areaServed.map((gemeente) => ({
      '@type': 'AdministrativeArea',
      name: gemeente.name,
      identifier: gemeente.code,
    })),
    knowsAbout: entry.topics.map((code) => `${code}: ${labelOf(TOPICS, code)}`),
    ...(entry.partners.length ? { member: entry.partners.map((partner) => ({ '@type': 'Organization', name: partner.name })) } : {}),
  };
}

/** JSON for a <script type="application/ld+json"> element: `<` is escaped so no text can close the tag. */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
