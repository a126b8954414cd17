import type { LoaderFunctionArgs } from '@remix-run/node';
import { badRequest, messagesByParameter, repeatedParameters } from '~/api/parameter-errors';
import { searchResponse } from '~/api/search-refusal';
import { z } from 'zod';
import { REGION_LAYER_CODES, REGION_METRICS } from '~/regions/region-layers';
import { regionStats } from '~/regions/region-stats.server';
import { parseSearchParams } from '~/search/search-params';

const choroplethSchema = z.object({
  layer: z.enum(REGION_LAYER_CODES, { message: `Kies een regiolaag: ${REGION_LAYER_CODES.join(', ')}.` }),
  metric: z
    .enum(REGION_METRICS, { message: "Kies 'count' (aantal vermeldingen) of 'partnered' (aandeel met formele partner)." })
    .default('count'),
});

/** GET /api/map/choropleth?layer=&metric=count|partnered plus the filters of /api/entries → figures per region. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const filters = parseSearchParams(search);
  // Empty values count as absent, as for the filters (a plain GET form sends them).
  const choice = choroplethSchema.safeParse({ layer: search.get('layer') || undefined, metric: search.get('metric') || undefined });
  const errors: Record<string, string> = { ...(filters.ok ? {} : filters.errors), ...repeatedParameters(search, ['layer', 'metric']) };
  if (!choice.success) messagesByParameter(choice.error, undefined, errors);
  if (!choice.success || Object.keys(errors).length) return badRequest(errors);
  return searchResponse(regionStats(context.services.db, filters.params, choice.data.layer, choice.data.metric));
}
