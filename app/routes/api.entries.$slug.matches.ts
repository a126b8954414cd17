import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest, messagesByParameter } from '~/api/parameter-errors';
import { jsonError, jsonNoStore } from '~/api/responses';
import { matchParamsSchema } from '~/matching/match-params';
import { proposeMatches } from '~/matching/matching.server';

/**
 * GET /api/entries/:slug/matches?limit=10 → { proposals: [{ entry, score, label, reasons, gaps }], degraded }:
 * coalities for an initiatief, initiatieven for a coalitie, best first.
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const parsed = matchParamsSchema.safeParse({ limit: query.get('limit') ?? undefined });
  if (!parsed.success) return badRequest(messagesByParameter(parsed.error));
  const slug = params.slug ?? '';
  const result = /^[a-z0-9-]{1,100}$/.test(slug)
    ? await proposeMatches(context.services.db, context.services.search, slug, { limit: parsed.data.limit })
    : ({ status: 'not-found' } as const);
  if (result.status === 'not-found') return jsonError(404, 'Deze vermelding bestaat niet of is niet openbaar.');
  return jsonNoStore({ proposals: result.proposals, degraded: result.degraded });
}
