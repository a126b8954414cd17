import type { LoaderFunctionArgs } from '@remix-run/node';
import { getDb } from '~/db/db.server';
import { getSearchClient } from '~/search/meili.server';
import { searchEntries, searchParamsFromUrl, searchParamsSchema } from '~/search/search.server';

/** GET /api/entries?q=&kind=&topic=&limit=&offset= → { hits, total, degraded } */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = searchParamsSchema.safeParse(searchParamsFromUrl(new URL(request.url)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json(
      { error: `Ongeldige parameter '${String(issue.path[0])}': ${issue.message}` },
      { status: 400 },
    );
  }
  const result = await searchEntries(getDb(), getSearchClient(), parsed.data);
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
