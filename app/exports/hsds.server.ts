import crypto from 'node:crypto';
import { kindLabel, labelOf, PARTNER_DOMAINS, PHASES, SUPPORT_TYPES, THEMES, themesOfTopics, TOPICS } from '~/taxonomy/taxonomy';
import type { ExportEntry } from './export-entry';
import type { ExportContext, ExportWriter } from './export-writer';

/**
 * Open Referral HSDS 3.0: every entry is one `service` in the "full" shape of the HSDS API
 * (`GET /services/{id}`), with its `organization`, one physical `location` (through
 * `service_at_locations`), a `service_area` per gemeente of its werkgebied and the taxonomy terms as
 * `attributes`. The mapping is documented in docs/export.md.
 */

/** Namespace of Samenspel's HSDS identifiers (UUID v5), fixed so an entry keeps its ids in every export. */
const NAMESPACE = Buffer.from('3f1c5a52-8d0e-4c4b-9a57-3d2f1b6e0c11'.replaceAll('-', ''), 'hex');

/** A name-based UUID (RFC 9562 version 5): the same name always gives the same id. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const hash = crypto.createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Taxonomy = { key: string; name: string };
type Coded = { code: string; label: string };

/** The vocabularies, as HSDS taxonomies; needs and offers share one. */
const SUPPORT: Taxonomy = { key: 'support', name: 'Samenspel: ondersteuning' };
const DOMAIN: Taxonomy = { key: 'domain', name: 'Samenspel: partnerdomein' };

/** The taxonomy terms of an entry by `link_type`: kind, the agenda's themes and topics, needs, offers, phase. */
const TERMS: Record<string, { taxonomy: Taxonomy; items: (e: ExportEntry) => Coded[] }> = {
  kind: { taxonomy: { key: 'kind', name: 'Samenspel: soort vermelding' }, items: (e) => [{ code: e.kind, label: kindLabel(e.kind) }] },
  theme: {
    taxonomy: { key: 'theme', name: 'Ouder Worden 2040: thema’s' },
    items: (e) => themesOfTopics(e.topics).map((code) => ({ code, label: labelOf(THEMES, code) })),
  },
  topic: {
    taxonomy: { key: 'topic', name: 'Ouder Worden 2040: onderwerpen' },
    items: (e) => e.topics.map((code) => ({ code, label: labelOf(TOPICS, code) })),
  },
  need: { taxonomy: SUPPORT, items: (e) => e.needs.map((code) => ({ code, label: labelOf(SUPPORT_TYPES, code) })) },
  offer: { taxonomy: SUPPORT, items: (e) => e.offers.map((code) => ({ code, label: labelOf(SUPPORT_TYPES, code) })) },
  phase: {
    taxonomy: { key: 'phase', name: 'Samenspel: fase' },
    items: (e) => (e.phase ? [{ code: e.phase, label: labelOf(PHASES, e.phase) }] : []),
  },
};

// The vocabularies are small and fixed: each term is made once, not once per entry.
const terms = new Map<string, ReturnType<typeof makeTerm>>();
function term(taxonomy: Taxonomy, item: Coded) {
  const key = `${taxonomy.key}/${item.code}`;
  let made = terms.get(key);
  if (!made) terms.set(key, (made = makeTerm(taxonomy, item)));
  return made;
}

function makeTerm(taxonomy: Taxonomy, { code, label }: Coded) {
  return {
    id: uuidV5(`taxonomy_term/${taxonomy.key}/${code}`),
    code,
    name: label,
    description: label,
    taxonomy: taxonomy.name,
    taxonomy_id: uuidV5(`taxonomy/${taxonomy.key}`),
    language: 'nl',
  };
}

/** Drops absent optional fields: HSDS types them as strings or numbers, not null. */
const present = <T extends Record<string, unknown>>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined)) as Partial<T>;

export function hsdsService(entry: ExportEntry, context: ExportContext) {
  const serviceId = uuidV5(`service/${entry.slug}`);
  const organizationId = uuidV5(`organization/${entry.slug}`);
  const locationId = uuidV5(`location/${entry.slug}`);
  const page = `${context.origin}/entries/${entry.slug}`;
  const location = {
    id: locationId,
    location_type: 'physical',
    organization_id: organizationId,
    name: entry.place,
    latitude: entry.lat,
    longitude: entry.lng,
  };
  const attributes = Object.entries(TERMS).flatMap(([linkType, { taxonomy, items }]) =>
    items(entry).map((item) => {
      const taxonomyTerm = term(taxonomy, item);
      return {
        id: uuidV5(`attribute/${entry.slug}/${linkType}/${item.code}`),
        link_id: serviceId,
        link_type: linkType,
        link_entity: 'service',
        taxonomy_term_id: taxonomyTerm.id,
        taxonomy_term: taxonomyTerm,
      };
    }),
  );
  // Named partners have no HSDS object of their own: an attribute with the name, its domain as the term.
  const partners = entry.partners.map((partner, index) => {
    const taxonomyTerm = term(DOMAIN, { code: partner.domain, label: labelOf(PARTNER_DOMAINS, partner.domain) });
    return {
      id: uuidV5(`attribute/${entry.slug}/partner/${index}`),
      link_id: serviceId,
      link_type: 'partner',
      link_entity: 'service',
      taxonomy_term_id: taxonomyTerm.id,
      taxonomy_term: taxonomyTerm,
      value: partner.name,
    };
  });
  return present({
    id: serviceId,
    organization_id: organizationId,
    name: entry.name,
    description: entry.description ?? entry.summary,
    url: page,
    email: entry.email,
    status: 'active',
    eligibility_description: entry.target_groups.length ? entry.target_groups.join(', ') : null,
    // HSDS: "the date that the information about the service was last checked".
    assured_date: entry.last_verified_at?.slice(0, 10) ?? null,
    phones: entry.phone ? [{ id: uuidV5(`phone/${entry.slug}`), service_id: serviceId, number: entry.phone }] : [],
    contacts: entry.contact_role ? [{ id: uuidV5(`contact/${entry.slug}`), service_id: serviceId, title: entry.contact_role }] : [],
    service_areas: entry.gemeenten.map((gemeente) => ({
      id: uuidV5(`service_area/${entry.slug}/${gemeente.code}`),
      service_id: serviceId,
      name: gemeente.name,
      description: `Gemeente ${gemeente.name} (CBS-code ${gemeente.code})`,
      extent: gemeente.code,
      extent_type: 'text',
    })),
    service_at_locations: [{ id: uuidV5(`service_at_location/${entry.slug}`), service_id: serviceId, location_id: locationId, location }],
    organization: present({
      id: organizationId,
      name: entry.name,
      description: entry.summary,
      email: entry.email,
      website: entry.website,
      year_incorporated: entry.founding_year,
      legal_status: entry.legal_form,
      uri: page,
      funding: entry.funding_sources.map((source, index) => ({
        id: uuidV5(`funding/${entry.slug}/${index}`),
        organization_id: organizationId,
        source,
      })),
      locations: [location],
    }),
    attributes: [...attributes, ...partners],
  });
}

/**
 * A page of the HSDS API's list shape (`contents` plus the paging fields), as one page holding
 * everything. The paging fields come after `contents`, once the number of services is known.
 */
export function hsdsWriter(context: ExportContext): ExportWriter {
  let first = true;
  return {
    head: () => '{"contents":[\n',
    batch: (entries) => {
      if (entries.length === 0) return '';
      const text = entries.map((entry) => JSON.stringify(hsdsService(entry, context))).join(',\n');
      const out = first ? text : `,\n${text}`;
      first = false;
      return out;
    },
    tail: (count) =>
      `\n],${JSON.stringify({ total_items: count, total_pages: 1, page_number: 1, size: count, first_page: true, last_page: true, empty: count === 0 }).slice(1)}\n`,
  };
}
