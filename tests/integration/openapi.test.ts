import fs from 'node:fs';
import path from 'node:path';
import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Meilisearch } from 'meilisearch';
import { describe, expect, inject, it } from 'vitest';
import type { OpenApiDocument, Operation } from '~/api/openapi';
import { loader as docsLoader } from '~/routes/api.docs';
import { loader as openApiLoader } from '~/routes/api.openapi[.]json';
import { seedDemo } from '../../db/seed/seed';
import { testLoadContext } from '../support/load-context';
import { hasGeodata, requireGeodataInCi, ROOT } from '../support/paths';
import { freshIndexFrom } from '../support/search-fixtures';
import { useTestDatabase } from '../support/test-database';

type Loader = (args: LoaderFunctionArgs) => unknown;

/** The API's route modules by the URL path Remix serves them at (`api.entries.$slug.matches.ts` → `/api/entries/{slug}/matches`). */
const ROUTES_DIR = path.join(ROOT, 'app/routes');
const routeFiles = fs.readdirSync(ROUTES_DIR).filter((file) => /^api\..*\.tsx?$/.test(file) && file !== 'api.docs.tsx');
const pathOfRoute = (file: string) =>
  '/' +
  file
    .replace(/\.tsx?$/, '')
    // `[.]` is a literal dot in a Remix file name: split on the other dots only.
    .split(/(?<!\[)\.(?!\])/)
    .map((segment) => (segment.startsWith('$') ? `{${segment.slice(1)}}` : segment.replace(/\[\.\]/g, '.')))
    .join('/');

/** Another helper adds this route; once merged, it is called and checked like every other. */
let context: AppLoadContext;
let document: OpenApiDocument;
let exampleSlug: string;

useTestDatabase(async (db) => {
  requireGeodataInCi();
  const client = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
  context = testLoadContext(db, { search: client });
  await seedDemo(db);
  await freshIndexFrom(db, client);
  const response = (await openApiLoader({ request: new Request('http://localhost/api/openapi.json'), params: {}, context })) as Response;
  document = (await response.json()) as OpenApiDocument;
  exampleSlug = ((await docsLoader({ request: new Request('http://localhost/api/docs'), params: {}, context })) as { exampleSlug: string })
    .exampleSlug;
});

/** Every `$ref` in the document, and the value it points at (undefined when it points nowhere). */
function references(node: unknown, found: Array<{ ref: string; target: unknown }> = []) {
  if (Array.isArray(node)) node.forEach((item) => references(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const target = value
          .replace(/^#\//, '')
          .split('/')
          .reduce<unknown>(
            (at, part) => (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
            document,
          );
        found.push({ ref: value, target });
      } else references(value, found);
    }
  }
  return found;
}

const operations = () => Object.entries(document.paths).map(([route, { get }]) => ({ route, operation: get as Operation }));

/** A validator for the schema of one response in the document (JSON Schema 2020-12, as OpenAPI 3.1 says). */
function responseValidator(route: string, status: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'https://samenspel.test/openapi.json' });
  const content = document.paths[route]!.get.responses[status]!.content!;
  const type = Object.keys(content)[0]!;
  const pointer = `/paths/${route.replace(/~/g, '~0').replace(/\//g, '~1')}/get/responses/${status}/content/${type.replace(/\//g, '~1')}/schema`;
  return ajv.compile({ $ref: `https://samenspel.test/openapi.json#${pointer}` });
}

async function call(route: string, url: string) {
  const file = routeFiles.find((name) => pathOfRoute(name) === route)!;
  const { loader } = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as { loader: Loader };
  const params = Object.fromEntries(
    [...route.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
      const at = route.split('/').indexOf(`{${name}}`);
      return [name!, decodeURIComponent(new URL(url, 'http://localhost').pathname.split('/')[at]!)];
    }),
  );
  const response = (await loader({ request: new Request(new URL(url, 'http://localhost')), params, context })) as Response;
  const text = await response.text();
  const type = response.headers.get('Content-Type') ?? '';
  return { status: response.status, type, body: type.includes('json') ? (JSON.parse(text) as unknown) : text };
}

describe('the OpenAPI document', () => {
  it('has the structure of OpenAPI 3.1 and every reference resolves', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(document.servers[0]!.url).toMatch(/^https?:\/\//);
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route, operation } of operations()) {
      expect(route).toMatch(/^\/api\//);
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(status).toMatch(/^[1-5]\d\d$/);
        expect(response.description).toBeTruthy();
      }
      for (const [, name] of route.matchAll(/\{(\w+)\}/g)) {
        expect(operation.parameters).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
      }
      for (const parameter of operation.parameters) {
        const resolved = '$ref' in parameter ? references({ $ref: parameter.$ref })[0]!.target : parameter;
        expect(resolved).toMatchObject({
          name: expect.any(String),
          in: expect.stringMatching(/^(query|path)$/),
          schema: expect.any(Object),
        });
      }
      expect(operation.responses['400'] ?? operation.responses['404'] ?? operation.responses['200']).toBeDefined();
    }
    const unresolved = references(document).filter(({ target }) => target === undefined);
    expect(unresolved).toEqual([]);
    // Every schema is valid JSON Schema 2020-12 (Ajv checks each against the meta-schema when compiling).
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ ...document, $id: 'https://samenspel.test/check.json' });
    for (const name of Object.keys(document.components.schemas)) {
      expect(() => ajv.compile({ $ref: `https://samenspel.test/check.json#/components/schemas/${name}` })).not.toThrow();
    }
  });

  it('describes every API route there is, and nothing that is not there', () => {
    const served = routeFiles.map(pathOfRoute).sort();
    const documented = Object.keys(document.paths).sort();
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('is cacheable and revalidates with its ETag', async () => {
    const response = (await openApiLoader({ request: new Request('http://localhost/api/openapi.json'), params: {}, context })) as Response;
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const again = (await openApiLoader({
      request: new Request('http://localhost/api/openapi.json', { headers: { 'If-None-Match': response.headers.get('etag')! } }),
      params: {},
      context,
    })) as Response;
    expect(again.status).toBe(304);
  });
});

describe.runIf(hasGeodata)('real answers of every endpoint against the document', () => {
  it('the example call of each operation answers 200 with a body that matches its schema', async () => {
    const checked: string[] = [];
    for (const { route, operation } of operations()) {
      if (!routeFiles.some((file) => pathOfRoute(file) === route)) continue;
      const answer = await call(route, operation['x-example'].replace('{slug}', exampleSlug));
      expect(answer.status, route).toBe(200);
      const content = operation.responses['200']!.content!;
      const type = Object.keys(content)[0]!;
      expect(answer.type, route).toContain(type);
      if (!type.includes('json')) {
        expect(typeof answer.body, route).toBe('string');
        continue;
      }
      const validate = responseValidator(route, '200');
      expect(validate(answer.body) ? [] : validate.errors, route).toEqual([]);
      checked.push(route);
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
    // The schemas do reject what does not fit.
    expect(responseValidator('/api/entries', '200')({ hits: [{ slug: 1 }], total: -1 })).toBe(false);
    expect(responseValidator('/api/export.geojson', '200')({ type: 'FeatureCollection', features: [{ type: 'Feature' }] })).toBe(false);
  });

  it('a bad parameter gets the documented 400 error shape, with a Dutch message per parameter', async () => {
    const broken: Record<string, string> = {
      '/api/entries/{slug}/matches': `/api/entries/${exampleSlug}/matches?limit=0`,
      '/api/places': '/api/places?q=',
      '/api/map/clusters': '/api/map/clusters?bbox=7,50,3,53&zoom=7',
      '/api/map/choropleth': '/api/map/choropleth?layer=wijk',
    };
    for (const { route, operation } of operations()) {
      if (!operation.responses['400'] || !routeFiles.some((file) => pathOfRoute(file) === route)) continue;
      const url = broken[route] ?? `${route}?kind=geen-soort`;
      const answer = await call(route, url);
      expect(answer.status, url).toBe(400);
      const validate = responseValidator(route, '400');
      expect(validate(answer.body) ? [] : validate.errors, url).toEqual([]);
      expect((answer.body as { error: string }).error, url).toMatch(/^Ongeldige parameter '\w+': /);
      expect(Object.keys((answer.body as { errors: Record<string, string> }).errors).length, url).toBeGreaterThan(0);
    }
  });

  it('an unknown entry gets the documented 404', async () => {
    for (const route of ['/api/entries/{slug}/coverage', '/api/entries/{slug}/matches']) {
      const answer = await call(route, route.replace('{slug}', 'bestaat-niet'));
      expect(answer.status).toBe(404);
      const validate = responseValidator(route, '404');
      expect(validate(answer.body) ? [] : validate.errors).toEqual([]);
    }
  });
});
