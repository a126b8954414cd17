import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportResponse } from '~/exports/export-response.server';

/** GET /api/export.csv plus the filters of /api/entries → the whole selection, streamed (docs/export.md). */
export const loader = ({ request, context }: LoaderFunctionArgs) => exportResponse(request, context.services, 'csv', context.drained);
