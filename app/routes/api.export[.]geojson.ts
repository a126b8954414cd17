import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportResponse } from '~/exports/export-response.server';

/** GET /api/export.geojson plus the filters of /api/entries → the whole selection, streamed (docs/export.md). */
export const loader = ({ request, context }: LoaderFunctionArgs) => exportResponse(request, context.services, 'geojson', context.drained);
