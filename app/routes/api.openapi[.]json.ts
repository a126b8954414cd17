import type { LoaderFunctionArgs } from '@remix-run/node';
import { openApiDocument } from '~/api/openapi';
import { publicOrigin } from '~/config.server';
import { etagMatches, strongEtag } from '~/regions/etag.server';

/** GET /api/openapi.json → the OpenAPI 3.1 description of the public API; changes only with a release. */
export function loader({ request, context }: LoaderFunctionArgs) {
  const body = JSON.stringify(openApiDocument(publicOrigin(context.services.config, request)));
  const etag = strongEtag(body);
  const headers = { ETag: etag, 'Cache-Control': 'public, max-age=3600' };
  if (etagMatches(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}
