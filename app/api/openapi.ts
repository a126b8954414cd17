import { z } from 'zod';
import { EXPORT_FORMATS } from '~/exports/export-formats';
import { MAX_PARTNERSHIP_LINES } from '~/introductions/partnership-lines';
import { matchParamsSchema } from '~/matching/match-params';
import { REGION_LAYER_CODES, REGION_METRICS } from '~/regions/region-layers';
import { MAX_QUERY_LENGTH, searchParamsSchema } from '~/search/search-params';
import { ENTRY_KIND_CODES } from '~/taxonomy/taxonomy';

/**
 * The OpenAPI 3.1 description of Samenspel's public HTTP API, served at /api/openapi.json and
 * rendered as the Dutch page /api/docs. Query parameters come from the zod schemas the routes
 * parse with (`z.toJSONSchema`), so the document cannot drift from what the API accepts; the
 * response schemas are written out here and checked against real answers in
 * tests/integration/openapi.test.ts.
 */

type JsonSchema = Record<string, unknown>;

export type Parameter = {
  name: string;
  in: 'query' | 'path';
  required: boolean;
  description: string;
  schema: JsonSchema;
  style?: 'form';
  explode?: boolean;
  example?: string;
};

export type Operation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: Array<Parameter | { $ref: string }>;
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }>;
  'x-example': string;
};

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, { get: Operation }>;
  components: { parameters: Record<string, Parameter>; schemas: Record<string, JsonSchema> };
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const paramRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** The directory's filters, from the schema the API and the home page parse them with. */
const filterSchemas: Record<string, JsonSchema> = (() => {
  const { properties } = z.toJSONSchema(searchParamsSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as {
    properties: Record<string, JsonSchema>;
  };
  // `q` is normalised (a transform) before its length is checked: the limit is stated here.
  return { ...properties, q: { type: 'string', maxLength: MAX_QUERY_LENGTH } };
})();

const FILTER_DESCRIPTIONS: Record<string, [description: string, example?: string]> = {
  q: ['Zoekwoorden (hooguit 200 tekens, 10 woorden); met typfouttolerantie en synoniemen.', 'eenzaamheid'],
  kind: ['Soort vermelding: initiatief (burgerinitiatief) of coalitie (doe-coalitie). Herhaalbaar of met komma’s.', 'coalitie'],
  theme: ['Thema van de transformatieagenda (MEE, ERTOE, SAMEN, VITAAL, DIGITAAL).', 'VITAAL'],
  topic: ['Onderwerp van de transformatieagenda.', 'VITAAL-3'],
  need: ['Wat een vermelding zoekt (ondersteuningscode).', 'financiering'],
  offer: ['Wat een vermelding biedt (ondersteuningscode).', 'expertise'],
  domain: ['Domein van een genoemde partner.', 'welzijn'],
  region: ['Regio als laag:code (gemeente, provincie, ggd, zorgkantoor, corop).', 'gemeente:GM0268'],
  near: [
    'Een punt als breedtegraad,lengtegraad in Nederland; met radius_km een straal, anders alleen voor sorteren op afstand.',
    '51.84,5.86',
  ],
  radius_km: ['Straal rond near in kilometers (0,1 tot 300).', '10'],
  area: ['Een gebied als west,zuid,oost,noord in graden.', '5.7,51.8,5.9,51.9'],
  sort: ['Volgorde: relevance, name, updated of distance (distance vraagt near).', 'name'],
  page: ['Pagina (1 tot 500).', '2'],
  per_page: ['Resultaten per pagina (1 tot 100); limit mag ook.', '50'],
};

/** The filters every selection endpoint shares; the list endpoint adds sorting and paging. */
const FILTERS = ['q', 'kind', 'theme', 'topic', 'need', 'offer', 'domain', 'region', 'near', 'radius_km', 'area'] as const;
const PAGING = ['sort', 'page', 'per_page'] as const;

function filterParameter(name: string): Parameter {
  const schema = filterSchemas[name]!;
  const [description, example] = FILTER_DESCRIPTIONS[name]!;
  return {
    name,
    in: 'query',
    required: false,
    description,
    schema,
    ...(schema.type === 'array' ? { style: 'form' as const, explode: true } : {}),
    ...(example ? { example } : {}),
  };
}

const SLUG: Parameter = {
  name: 'slug',
  in: 'path',
  required: true,
  description: 'De slug van een openbare vermelding (uit de lijst of de URL van de detailpagina).',
  schema: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' },
  example: 'buurtkring-testlaan',
};

const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const BAD_REQUEST = errorResponse('Een parameter is ongeldig; errors noemt per parameter wat er mis is.');
const NOT_FOUND = errorResponse('Geen openbare vermelding met deze slug.');
const NO_GEODATA = errorResponse('De grensbestanden ontbreken op de server.');
const ETAG_HEADERS = {
  ETag: { description: 'Versie van het antwoord; stuur hem terug in If-None-Match voor een 304.', schema: { type: 'string' } },
  'Cache-Control': { description: 'Hoe lang het antwoord bewaard mag worden.', schema: { type: 'string' } },
};
const NOT_MODIFIED = { description: 'Niet gewijzigd sinds de versie in If-None-Match.', headers: ETAG_HEADERS };

const KIND = { type: 'string', enum: [...ENTRY_KIND_CODES] };
const POINT = {
  type: 'object',
  required: ['type', 'coordinates'],
  properties: {
    type: { const: 'Point' },
    coordinates: {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'number' }],
      minItems: 2,
      maxItems: 2,
      description: '[lengtegraad, breedtegraad]',
    },
  },
};
const POSITIONS = { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 2 } };
const MULTI_POLYGON = {
  type: 'object',
  required: ['type', 'coordinates'],
  properties: { type: { const: 'MultiPolygon' }, coordinates: { type: 'array', items: { type: 'array', items: POSITIONS } } },
};
const POLYGON = {
  type: 'object',
  required: ['type', 'coordinates'],
  properties: { type: { const: 'Polygon' }, coordinates: { type: 'array', items: POSITIONS } },
};
const counts = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } };
const segments = { type: 'array', items: ref('Segment') };
const coded = { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } } };
const lineEnd = {
  type: 'object',
  required: ['slug', 'name', 'kind', 'place', 'lat', 'lng'],
  properties: {
    slug: { type: 'string' },
    name: { type: 'string' },
    kind: KIND,
    place: { type: 'string' },
    lat: { type: 'number' },
    lng: { type: 'number' },
  },
};

const SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: { type: 'string', description: 'Wat er mis is, in een Nederlandse zin.' },
      errors: { type: 'object', additionalProperties: { type: 'string' }, description: 'Per parameter de eerste melding.' },
    },
  },
  Segment: { type: 'object', required: ['text', 'match'], properties: { text: { type: 'string' }, match: { type: 'boolean' } } },
  SearchHit: {
    type: 'object',
    required: ['id', 'slug', 'kind', 'name', 'summary', 'place', 'topics', 'lat', 'lng', 'distance_km', 'highlight'],
    properties: {
      id: { type: 'integer' },
      slug: { type: 'string' },
      kind: KIND,
      name: { type: 'string' },
      summary: { type: 'string' },
      place: { type: 'string' },
      topics: { type: 'array', items: { type: 'string' } },
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
      distance_km: { type: ['number', 'null'] },
      highlight: {
        type: 'object',
        required: ['name', 'summary', 'snippet'],
        properties: { name: segments, summary: segments, snippet: { anyOf: [segments, { type: 'null' }] } },
      },
    },
  },
  SearchResult: {
    type: 'object',
    required: ['hits', 'total', 'facets', 'page', 'per_page', 'total_pages', 'degraded'],
    properties: {
      hits: { type: 'array', items: ref('SearchHit') },
      total: { type: 'integer', minimum: 0 },
      facets: {
        type: 'object',
        required: ['kind', 'theme', 'topic', 'need', 'offer', 'domain', 'region'],
        properties: Object.fromEntries(['kind', 'theme', 'topic', 'need', 'offer', 'domain', 'region'].map((name) => [name, counts])),
        description:
          'Per filtergroep het aantal vermeldingen per waarde; binnen een gekozen groep telt elke waarde alsof alleen die gekozen was.',
      },
      page: { type: 'integer' },
      per_page: { type: 'integer' },
      total_pages: { type: 'integer' },
      degraded: { type: 'boolean', description: 'true: de zoekmachine antwoordde niet, de database wel (zonder typfouttolerantie).' },
    },
  },
  Werkgebied: {
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { const: 'Feature' },
      geometry: MULTI_POLYGON,
      properties: {
        type: 'object',
        required: ['slug', 'name', 'gemeenten'],
        properties: { slug: { type: 'string' }, name: { type: 'string' }, gemeenten: { type: 'array', items: coded } },
      },
    },
  },
  MatchProposals: {
    type: 'object',
    required: ['proposals', 'degraded'],
    properties: {
      degraded: { type: 'boolean' },
      proposals: {
        type: 'array',
        items: {
          type: 'object',
          required: ['entry', 'score', 'label', 'reasons', 'gaps'],
          properties: {
            entry: {
              type: 'object',
              required: ['slug', 'kind', 'name', 'summary', 'place', 'lat', 'lng', 'topics'],
              properties: {
                id: { type: 'integer' },
                slug: { type: 'string' },
                kind: KIND,
                name: { type: 'string' },
                summary: { type: 'string' },
                place: { type: 'string' },
                lat: { type: 'number' },
                lng: { type: 'number' },
                topics: { type: 'array', items: { type: 'string' } },
              },
            },
            score: { type: 'number', minimum: 0, maximum: 1 },
            label: { type: 'string', enum: ['sterke match', 'goede match', 'mogelijke match', 'zwakke match'] },
            reasons: {
              type: 'object',
              required: ['topics', 'region', 'needsMet', 'distanceKm', 'sentences'],
              properties: {
                topics: { type: 'object', required: ['shared', 'related'] },
                region: { type: 'object', required: ['relation', 'gemeenten', 'regions'] },
                needsMet: { type: 'array' },
                distanceKm: { type: 'number', minimum: 0 },
                sentences: { type: 'array', items: { type: 'string' } },
              },
            },
            gaps: {
              type: 'array',
              items: {
                type: 'object',
                required: ['need', 'label', 'sentence'],
                properties: { need: { type: 'string' }, label: { type: 'string' }, sentence: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
  ClusterCollection: {
    type: 'object',
    required: ['type', 'features', 'total', 'bounds', 'degraded'],
    properties: {
      type: { const: 'FeatureCollection' },
      total: { type: 'integer', minimum: 0 },
      bounds: { anyOf: [{ type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 }, { type: 'null' }] },
      degraded: { type: 'boolean' },
      features: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type', 'geometry', 'properties'],
          properties: {
            type: { const: 'Feature' },
            geometry: POINT,
            properties: {
              anyOf: [
                {
                  type: 'object',
                  required: ['cluster', 'cluster_id', 'point_count', 'coalitie', 'initiatief', 'expansion_zoom'],
                  properties: {
                    cluster: { const: true },
                    cluster_id: { type: 'integer' },
                    point_count: { type: 'integer', minimum: 2 },
                    coalitie: { type: 'integer', minimum: 0 },
                    initiatief: { type: 'integer', minimum: 0 },
                    expansion_zoom: { type: 'integer' },
                  },
                },
                {
                  type: 'object',
                  required: ['id', 'slug', 'name', 'kind', 'place'],
                  properties: {
                    id: { type: 'integer' },
                    slug: { type: 'string' },
                    name: { type: 'string' },
                    kind: KIND,
                    place: { type: 'string' },
                  },
                },
              ],
            },
          },
        },
      },
    },
  },
  RegionStats: {
    type: 'object',
    required: ['layer', 'metric', 'values', 'counts', 'max'],
    properties: {
      layer: { type: 'string', enum: [...REGION_LAYER_CODES] },
      metric: { type: 'string', enum: [...REGION_METRICS] },
      values: {
        type: 'object',
        additionalProperties: { type: 'number', minimum: 0 },
        description: 'Per regiocode het aantal of het aandeel (0–1).',
      },
      counts: counts,
      max: { type: 'number', minimum: 0 },
    },
  },
  PartnershipLines: {
    type: 'object',
    required: ['lines', 'total', 'truncated'],
    properties: {
      lines: {
        type: 'array',
        maxItems: MAX_PARTNERSHIP_LINES,
        items: {
          type: 'object',
          required: ['id', 'since', 'a', 'b'],
          properties: { id: { type: 'integer' }, since: { type: 'string', format: 'date-time' }, a: lineEnd, b: lineEnd },
        },
      },
      total: { type: 'integer', minimum: 0, description: 'Alle partnerschappen bij deze filters, ook die niet getekend zijn.' },
      truncated: { type: 'boolean', description: `Waar: meer partnerschappen dan lijnen (ten hoogste ${MAX_PARTNERSHIP_LINES}).` },
    },
  },
  Topology: {
    type: 'object',
    required: ['type', 'objects', 'arcs'],
    properties: { type: { const: 'Topology' }, objects: { type: 'object' }, arcs: { type: 'array' }, transform: { type: 'object' } },
    description: 'TopoJSON met één object, genoemd naar de laag; elke vorm heeft de eigenschappen code en name.',
  },
  Places: {
    type: 'object',
    required: ['places'],
    properties: {
      places: {
        type: 'array',
        maxItems: 8,
        items: {
          type: 'object',
          required: ['label', 'kind', 'lat', 'lng', 'gemeente'],
          properties: {
            label: { type: 'string' },
            kind: { type: 'string', enum: ['gemeente', 'plaats', 'postcode'] },
            lat: { type: 'number' },
            lng: { type: 'number' },
            gemeente: coded,
          },
        },
      },
    },
  },
  ExportGeoJson: {
    type: 'object',
    required: ['type', 'features', 'numberMatched'],
    properties: {
      type: { const: 'FeatureCollection' },
      numberMatched: { type: 'integer', minimum: 0, description: 'Het aantal vermeldingen in de export.' },
      features: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type', 'id', 'geometry', 'properties'],
          properties: {
            type: { const: 'Feature' },
            id: { type: 'string' },
            geometry: { anyOf: [POINT, MULTI_POLYGON, POLYGON] },
            properties: {
              type: 'object',
              required: ['slug', 'naam', 'kind', 'geometrie', 'gemeenten', 'onderwerpen', 'pagina'],
              properties: {
                slug: { type: 'string' },
                naam: { type: 'string' },
                soort: { type: 'string' },
                kind: KIND,
                geometrie: { enum: ['locatie', 'werkgebied'] },
                gemeenten: { type: 'array', items: coded },
                onderwerpen: { type: 'array', items: { type: 'string' } },
                pagina: { type: 'string', format: 'uri' },
              },
            },
          },
        },
      },
    },
  },
  ExportHsds: {
    type: 'object',
    required: ['contents', 'total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty'],
    description:
      'Eén pagina in de lijstvorm van de HSDS-API met alle services; elke service volgt het HSDS 3.0-schema service (met organization, locations en service_areas). Zie docs/export.md.',
    properties: {
      contents: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name', 'status', 'organization'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            status: { const: 'active' },
            organization: { type: 'object' },
          },
        },
      },
      total_items: { type: 'integer', minimum: 0 },
      total_pages: { const: 1 },
      page_number: { const: 1 },
      size: { type: 'integer', minimum: 0 },
      first_page: { const: true },
      last_page: { const: true },
      empty: { type: 'boolean' },
    },
  },
  OpenApi: { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { const: '3.1.0' } } },
};

const filterRefs = FILTERS.map(paramRef);

const EXPORT_HEADERS = {
  ...ETAG_HEADERS,
  'Content-Disposition': {
    description: 'attachment met een gedateerde bestandsnaam, bijvoorbeeld samenspel-2026-12-03.csv.',
    schema: { type: 'string' },
  },
  'X-Total-Count': {
    description: 'Het aantal vermeldingen dat volgt (voor een voortgangsbalk).',
    schema: { type: 'string', pattern: '^\\d+$' },
  },
};
const BUSY = {
  description: 'Er lopen al twee exports; probeer het na Retry-After seconden opnieuw.',
  headers: { 'Retry-After': { description: 'Seconden.', schema: { type: 'string' } } },
  content: json(ref('Error')),
};

const EXPORT_DESCRIPTIONS: Record<string, { description: string; content: Record<string, { schema: JsonSchema }> }> = {
  csv: {
    description:
      'CSV in UTF-8 met BOM, puntkomma als scheidingsteken en CRLF, één regel per vermelding, lijsten gescheiden door " | ", decimale komma in de coördinaten; zo opent Excel met Nederlandse instellingen het goed.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  },
  geojson: {
    description:
      'GeoJSON (RFC 7946): een FeatureCollection met per vermelding een punt; met werkgebied=1 volgt op elk punt het werkgebied als MultiPolygon.',
    content: { 'application/geo+json': { schema: ref('ExportGeoJson') } },
  },
  hsds: {
    description:
      'JSON volgens Open Referral HSDS 3.0: per vermelding een service met organization, location (via service_at_locations), service_areas per gemeente en de agenda als attributes.',
    content: { 'application/json': { schema: ref('ExportHsds') } },
  },
};

function exportOperation(format: (typeof EXPORT_FORMATS)[number]): Operation {
  const { description, content } = EXPORT_DESCRIPTIONS[format.format]!;
  const werkgebied: Parameter = {
    name: 'werkgebied',
    in: 'query',
    required: false,
    description: 'Met 1 krijgt elke vermelding ook haar werkgebied (de vereniging van haar gemeenten) als MultiPolygon.',
    schema: { type: 'string', enum: ['0', '1'] },
    example: '1',
  };
  return {
    operationId: `export${format.format[0]!.toUpperCase()}${format.format.slice(1)}`,
    summary: `Export als ${format.label}`,
    description: `${description} Zonder filters: alle openbare vermeldingen. Het bestand wordt gestreamd; alleen openbare velden.`,
    tags: ['Exports'],
    parameters: format.format === 'geojson' ? [...filterRefs, werkgebied] : filterRefs,
    responses: {
      '200': { description: `De selectie als ${format.label}.`, headers: EXPORT_HEADERS, content },
      '304': NOT_MODIFIED,
      '400': BAD_REQUEST,
      '503': BUSY,
    },
    'x-example': `${format.path}?kind=coalitie&region=provincie:PV22`,
  };
}

/** The document for the API at `origin` (the public origin, so example URLs work as links). */
export function openApiDocument(origin: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {
    '/api/entries': {
      get: {
        operationId: 'searchEntries',
        summary: 'Vermeldingen zoeken',
        description:
          'Een pagina vermeldingen met de filters van de zoekpagina, het totaal en per filtergroep de aantallen (disjunctief binnen een groep).',
        tags: ['Vermeldingen'],
        parameters: [...filterRefs, ...PAGING.map(paramRef)],
        responses: { '200': { description: 'Een pagina resultaten.', content: json(ref('SearchResult')) }, '400': BAD_REQUEST },
        'x-example': '/api/entries?q=eenzaamheid&kind=initiatief&per_page=5',
      },
    },
    '/api/entries/{slug}/coverage': {
      get: {
        operationId: 'entryCoverage',
        summary: 'Werkgebied van een vermelding',
        description: 'Het werkgebied als één GeoJSON-Feature: de vereniging van de gemeenten van de vermelding, met hun namen.',
        tags: ['Vermeldingen'],
        parameters: [SLUG],
        responses: {
          '200': {
            description: 'Het werkgebied.',
            headers: ETAG_HEADERS,
            content: { 'application/geo+json': { schema: ref('Werkgebied') } },
          },
          '304': NOT_MODIFIED,
          '404': NOT_FOUND,
          '503': NO_GEODATA,
        },
        'x-example': '/api/entries/{slug}/coverage',
      },
    },
    '/api/entries/{slug}/matches': {
      get: {
        operationId: 'entryMatches',
        summary: 'Mogelijke partners',
        description:
          'Voor een initiatief de doe-coalities, voor een coalitie de initiatieven die het best passen, met score, label, redenen en ontbrekende punten; beste eerst.',
        tags: ['Vermeldingen'],
        parameters: [
          SLUG,
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'Hoeveel voorstellen (1 tot 50).',
            schema: (
              z.toJSONSchema(matchParamsSchema, { io: 'input', target: 'draft-2020-12' }) as { properties: Record<string, JsonSchema> }
            ).properties.limit!,
            example: '5',
          },
        ],
        responses: {
          '200': { description: 'De voorstellen.', content: json(ref('MatchProposals')) },
          '400': BAD_REQUEST,
          '404': NOT_FOUND,
        },
        'x-example': '/api/entries/{slug}/matches?limit=5',
      },
    },
    '/api/map/clusters': {
      get: {
        operationId: 'mapClusters',
        summary: 'Kaart: clusters en punten',
        description: 'Clusters (met aantallen per soort) en losse vermeldingen in een kaartbeeld, over de hele gefilterde selectie.',
        tags: ['Kaart'],
        parameters: [
          {
            name: 'bbox',
            in: 'query',
            required: true,
            description: 'Het kaartbeeld als west,zuid,oost,noord.',
            schema: filterSchemas.area!,
            example: '3.2,50.7,7.3,53.6',
          },
          {
            name: 'zoom',
            in: 'query',
            required: true,
            description: 'Zoomniveau 0 tot 22.',
            schema: { type: 'integer', minimum: 0, maximum: 22 },
            example: '7',
          },
          ...filterRefs,
        ],
        responses: { '200': { description: 'Clusters en punten.', content: json(ref('ClusterCollection')) }, '400': BAD_REQUEST },
        'x-example': '/api/map/clusters?bbox=3.2,50.7,7.3,53.6&zoom=7&kind=coalitie',
      },
    },
    '/api/map/choropleth': {
      get: {
        operationId: 'mapChoropleth',
        summary: 'Kaart: cijfers per regio',
        description:
          'Per regio van een laag het aantal vermeldingen (count) of het aandeel initiatieven met een formele partner (partnered).',
        tags: ['Kaart'],
        parameters: [
          {
            name: 'layer',
            in: 'query',
            required: true,
            description: 'De regiolaag.',
            schema: { type: 'string', enum: [...REGION_LAYER_CODES] },
            example: 'ggd',
          },
          {
            name: 'metric',
            in: 'query',
            required: false,
            description: 'count (standaard) of partnered.',
            schema: { type: 'string', enum: [...REGION_METRICS], default: 'count' },
            example: 'partnered',
          },
          ...filterRefs,
        ],
        responses: { '200': { description: 'Cijfers per regiocode.', content: json(ref('RegionStats')) }, '400': BAD_REQUEST },
        'x-example': '/api/map/choropleth?layer=provincie&metric=count',
      },
    },
    '/api/map/partnerships': {
      get: {
        operationId: 'mapPartnerships',
        summary: 'Kaart: partnerschappen',
        description:
          'Samenwerkingen die via Samenspel zijn vastgelegd (een geaccepteerde introductie), als lijnen tussen twee gepubliceerde vermeldingen waarvan ten minste één aan de filters voldoet.',
        tags: ['Kaart'],
        parameters: filterRefs,
        responses: { '200': { description: 'De partnerschappen als lijnen.', content: json(ref('PartnershipLines')) }, '400': BAD_REQUEST },
        'x-example': '/api/map/partnerships?region=provincie:PV22',
      },
    },
    '/api/regions/{layer}': {
      get: {
        operationId: 'regionBoundaries',
        summary: 'Regiogrenzen',
        description:
          'De grenzen van een regiolaag als TopoJSON (CBS-gebiedsindelingen); een dag te bewaren, daarna met de ETag te controleren.',
        tags: ['Regio’s en plaatsen'],
        parameters: [
          {
            name: 'layer',
            in: 'path',
            required: true,
            description: 'De regiolaag.',
            schema: { type: 'string', enum: [...REGION_LAYER_CODES] },
            example: 'corop',
          },
        ],
        responses: {
          '200': { description: 'De grenzen.', headers: ETAG_HEADERS, content: json(ref('Topology')) },
          '304': NOT_MODIFIED,
          '404': errorResponse('Onbekende regiolaag.'),
          '503': NO_GEODATA,
        },
        'x-example': '/api/regions/provincie',
      },
    },
    '/api/places': {
      get: {
        operationId: 'places',
        summary: 'Plaatsen zoeken',
        description: 'Tot 8 gemeenten, woonplaatsen of postcodes (4 cijfers) met een punt, voor het kiezen van een plaats.',
        tags: ['Regio’s en plaatsen'],
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: true,
            description: 'Plaatsnaam, gemeente of postcode (hooguit 60 tekens).',
            schema: { type: 'string', minLength: 1, maxLength: 60 },
            example: 'Nijm',
          },
        ],
        responses: {
          '200': { description: 'De plaatsen.', content: json(ref('Places')) },
          '400': BAD_REQUEST,
          '503': NO_GEODATA,
        },
        'x-example': '/api/places?q=Nijmegen',
      },
    },
    ...Object.fromEntries(EXPORT_FORMATS.map((format) => [format.path, { get: exportOperation(format) }])),
    '/api/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'Deze beschrijving',
        description: 'Dit OpenAPI 3.1-document; de leesbare versie staat op /api/docs.',
        tags: ['Over de API'],
        parameters: [],
        responses: { '200': { description: 'Het document.', headers: ETAG_HEADERS, content: json(ref('OpenApi')) }, '304': NOT_MODIFIED },
        'x-example': '/api/openapi.json',
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Samenspel API',
      version: '1.0.0',
      description:
        'Openbare gegevens van Samenspel: doe-coalities en burgerinitiatieven voor goed ouder worden, met zoeken, kaart, regio’s, partnervoorstellen en exports. Alle parameters worden gecontroleerd; een fout geeft status 400 met een Nederlandse melding in error en per parameter in errors.',
    },
    servers: [{ url: origin }],
    tags: [
      { name: 'Vermeldingen', description: 'Zoeken, werkgebied en partnervoorstellen.' },
      { name: 'Kaart', description: 'Wat de kaart van de zoekpagina toont.' },
      { name: 'Regio’s en plaatsen', description: 'Grenzen en plaatsnamen.' },
      { name: 'Exports', description: 'De hele selectie in een open formaat, met dezelfde filters als de zoekpagina.' },
      { name: 'Over de API', description: 'Deze beschrijving.' },
    ],
    paths,
    components: {
      parameters: Object.fromEntries([...FILTERS, ...PAGING].map((name) => [name, filterParameter(name)])),
      schemas: SCHEMAS,
    },
  };
}
