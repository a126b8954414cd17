import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { getDb } from '~/db/db.server';
import { REGION_LAYER_CODES } from '~/regions/region-layers';
import { REGION_METRICS, regionStats } from '~/regions/region-stats.server';
import { parseSearchParams } from '~/search/search-params';

const choroplethSchema = z.object({
  layer: z.enum(REGION_LAYER_CODES, { message: `Kies een regiolaag: ${REGION_LAYER_CODES.join(', ')}.` }),
  metric: z.enum(REGION_METRICS, { message: "Kies 'count' (aantal vermeldingen) of 'partnered' (aandeel met formele partner)." }).default('count'),
});

/** GET /api/map/choropleth?layer=&metric=count|partnered plus the filters of /api/entries → figures per region. */
export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const filters = parseSearchParams(search);
  // Empty values count as absent, as for the filters (a plain GET form sends them).
  const choice = choroplethSchema.safeParse({ layer: search.get('layer') || undefined, metric: search.get('metric') || undefined });
  const errors: Record<string, string> = filters.ok ? {} : { ...filters.errors };
  if (!choice.success) for (const issue of choice.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (!choice.success || Object.keys(errors).length) {
    const [param, message] = Object.entries(errors)[0]!;
    return Response.json({ error: `Ongeldige parameter '${param}': ${message}`, errors }, { status: 400 });
  }
  const stats = await regionStats(getDb(), filters.params, choice.data.layer, choice.data.metric);
  return Response.json(stats, { headers: { 'Cache-Control': 'no-store' } });
}
