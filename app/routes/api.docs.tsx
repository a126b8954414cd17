import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { openApiDocument, type OpenApiDocument, type Operation, type Parameter } from '~/api/openapi';
import { publicOrigin } from '~/config.server';

export const meta: MetaFunction = () => [
  { title: 'API-documentatie — Samenspel' },
  { name: 'description', content: 'De openbare API van Samenspel: zoeken, kaart, regio’s, partnervoorstellen en exports.' },
];

/** GET /api/docs → the OpenAPI document as a readable Dutch page, with examples that use a real entry. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { config, db } = context.services;
  const example = await db.selectFrom('entries').select('slug').where('status', '=', 'published').orderBy('id').limit(1).executeTakeFirst();
  return { document: openApiDocument(publicOrigin(config, request)), exampleSlug: example?.slug ?? 'voorbeeld' };
}

type Schema = Record<string, unknown>;

const dutchNumber = (value: number) => value.toLocaleString('nl-NL');

/** A schema in words: which values a parameter takes. */
function describeSchema(schema: Schema): string {
  const parts: string[] = [];
  if (schema.type === 'array') {
    parts.push(`${describeSchema((schema.items ?? {}) as Schema)}; herhaalbaar of met komma’s`);
    if (typeof schema.maxItems === 'number') parts.push(`hooguit ${schema.maxItems} waarden`);
  } else if (Array.isArray(schema.enum)) {
    parts.push((schema.enum as string[]).join(', '));
  } else if (schema.type === 'integer' || schema.type === 'number') {
    const kind = schema.type === 'integer' ? 'geheel getal' : 'getal';
    parts.push(
      typeof schema.minimum === 'number' && typeof schema.maximum === 'number'
        ? `${kind} van ${dutchNumber(schema.minimum)} tot en met ${dutchNumber(schema.maximum)}`
        : kind,
    );
  } else {
    parts.push(typeof schema.maxLength === 'number' ? `tekst, hooguit ${schema.maxLength} tekens` : 'tekst');
  }
  if (schema.default !== undefined && !(Array.isArray(schema.default) && schema.default.length === 0))
    parts.push(`standaard ${String(schema.default)}`);
  return parts.join('; ');
}

function resolve(document: OpenApiDocument, parameter: Operation['parameters'][number]): Parameter {
  return '$ref' in parameter ? document.components.parameters[parameter.$ref.split('/').pop()!]! : parameter;
}

const anchorOf = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function OperationSection({
  document,
  path,
  operation,
  exampleSlug,
}: {
  document: OpenApiDocument;
  path: string;
  operation: Operation;
  exampleSlug: string;
}) {
  const example = operation['x-example'].replace('{slug}', exampleSlug);
  const parameters = operation.parameters.map((parameter) => resolve(document, parameter));
  return (
    <section className="api-operation" aria-labelledby={`op-${operation.operationId}`}>
      <h3 id={`op-${operation.operationId}`}>
        {operation.summary}: <code>GET {path}</code>
      </h3>
      <p>{operation.description}</p>
      <p>
        Voorbeeld: <a href={example}>{example}</a>
      </p>
      {parameters.length ? (
        <table>
          <caption className="visually-hidden">Parameters van {path}</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Waarden</th>
              <th scope="col">Uitleg</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((parameter) => (
              <tr key={`${parameter.in}-${parameter.name}`}>
                <th scope="row">
                  <code>{parameter.name}</code>
                  {parameter.in === 'path' ? ' (in het pad)' : ''}
                  {parameter.required ? ', verplicht' : ''}
                </th>
                <td>{describeSchema(parameter.schema)}</td>
                <td>
                  {parameter.description}
                  {parameter.example ? (
                    <>
                      {' '}
                      Bijvoorbeeld <code>{parameter.example}</code>.
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <dl className="api-responses">
        {Object.entries(operation.responses).map(([status, response]) => (
          <div key={status}>
            <dt>
              {status}
              {response.content ? ` (${Object.keys(response.content).join(', ')})` : ''}
            </dt>
            <dd>{response.description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default function ApiDocs() {
  const { document, exampleSlug } = useLoaderData<typeof loader>();
  const operations = Object.entries(document.paths).map(([path, { get }]) => ({ path, operation: get }));
  return (
    <article className="api-docs">
      <h1>{document.info.title}</h1>
      <p>{document.info.description}</p>
      <p>
        Dezelfde beschrijving als OpenAPI 3.1, voor eigen hulpmiddelen: <a href="/api/openapi.json">/api/openapi.json</a>. Adressen beginnen
        met <code>{document.servers[0]!.url}</code>; alle antwoorden zijn JSON tenzij anders vermeld.
      </p>
      <nav aria-label="Onderdelen van de API">
        <ul>
          {document.tags.map((tag) => (
            <li key={tag.name}>
              <a href={`#${anchorOf(tag.name)}`}>{tag.name}</a>: {tag.description}
            </li>
          ))}
        </ul>
      </nav>
      {document.tags.map((tag) => (
        <section key={tag.name} id={anchorOf(tag.name)} aria-labelledby={`tag-${anchorOf(tag.name)}`}>
          <h2 id={`tag-${anchorOf(tag.name)}`}>{tag.name}</h2>
          <p>{tag.description}</p>
          {operations
            .filter(({ operation }) => operation.tags.includes(tag.name))
            .map(({ path, operation }) => (
              <OperationSection key={path} document={document} path={path} operation={operation} exampleSlug={exampleSlug} />
            ))}
        </section>
      ))}
    </article>
  );
}
