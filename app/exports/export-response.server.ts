import { sql } from 'kysely';
import { z } from 'zod';
import { badRequest, messagesByParameter } from '~/api/parameter-errors';
import { jsonError } from '~/api/responses';
import { SEARCH_REFUSED } from '~/api/search-refusal';
import { publicOrigin, type AppConfig } from '~/config.server';
import type { DB } from '~/db/db.server';
import { mapFilterQuery } from '~/map/map-state';
import { etagMatches, strongEtag } from '~/regions/etag.server';
import { layerFileName, layerTopology, unionOfGemeenten } from '~/regions/region-shapes.server';
import { whereClause } from '~/search/fallback.server';
import { SearchQueryError } from '~/search/search-errors';
import { parseSearchParams } from '~/search/search-params';
import type { Meilisearch } from 'meilisearch';
import { csvWriter } from './csv.server';
import { entriesVersion } from '~/db/data-version.server';
import { exportBatches, resolveSelection, type Selection } from './export-selection.server';
import type { ExportFormat } from './export-formats';
import type { ExportWriter } from './export-writer';
import { geojsonWriter } from './geojson.server';
import { hsdsWriter } from './hsds.server';

/**
 * An export holds every entry of its selection, so it costs far more than a page: at most this
 * many run at once, the rest get a 503 with Retry-After (docs/decisions/0020).
 */
export const MAX_CONCURRENT_EXPORTS = 2;
export const EXPORT_RETRY_AFTER_SECONDS = 10;
/** Exports change only when an entry does; a client or proxy may reuse one this long, then revalidate with the ETag. */
export const EXPORT_MAX_AGE_SECONDS = 300;

let running = 0;

/** A slot for one export, or null when all are taken; `release` may be called more than once. */
function acquireSlot(): (() => void) | null {
  if (running >= MAX_CONCURRENT_EXPORTS) return null;
  running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running--;
  };
}

const FILE = {
  csv: { extension: 'csv', type: 'text/csv; charset=utf-8' },
  geojson: { extension: 'geojson', type: 'application/geo+json; charset=utf-8' },
  hsds: { extension: 'hsds.json', type: 'application/json; charset=utf-8' },
} as const satisfies Record<ExportFormat, { extension: string; type: string }>;

const optionsSchema = z.object({
  werkgebied: z
    .enum(['0', '1'], { message: 'Gebruik werkgebied=1 om het werkgebied mee te geven, of laat de parameter weg.' })
    .optional()
    .transform((value) => value === '1'),
});

/** The date in the Netherlands, for the file name: `samenspel-2026-12-03.csv`. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());

async function selectionSize(db: DB, selection: Selection): Promise<number> {
  if (selection.ids) return selection.ids.length;
  const { rows } = await sql<{ n: number }>`select count(*) as n from entries e
    where ${whereClause(selection.params, selection.match)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The body as a pull stream: a batch is read from the database only when the reader has taken
 * the previous one. When the client goes away (`signal`, aborted by the Remix adapter when the
 * connection closes), the stream ends at once and the slot is free again.
 */
function exportStream(
  db: DB,
  selection: Selection,
  writer: ExportWriter,
  release: () => void,
  signal: AbortSignal,
  drained: () => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = exportBatches(db, selection);
  let count = 0;
  const stop = () => {
    release();
    void batches.return(undefined);
  };
  signal.addEventListener('abort', stop, { once: true });
  const finish = () => {
    signal.removeEventListener('abort', stop);
    release();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(writer.head()));
      },
      async pull(controller) {
        try {
          // At the client's pace: the next batch only once the previous one has left for the network.
          await drained();
          const next = signal.aborted ? { done: true as const, value: undefined } : await batches.next();
          if (signal.aborted) {
            controller.close();
            return;
          }
          if (next.done) {
            controller.enqueue(encoder.encode(writer.tail(count)));
            controller.close();
            finish();
            return;
          }
          count += next.value.length;
          const text = writer.batch(next.value);
          if (text) controller.enqueue(encoder.encode(text));
        } catch (error) {
          // Headers are sent: the client sees a broken download rather than a file that looks complete.
          console.error('export: failed while streaming:', error);
          controller.error(error);
          finish();
        }
      },
      async cancel() {
        finish();
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Resolves when the client can take more of a streamed body (scripts/http-app.ts); absent in tests that call loaders. */
    drained?: () => Promise<void>;
  }
}

type ExportServices = { db: DB; search: Meilisearch | null; config: AppConfig };

/**
 * GET /api/export.{csv,geojson,hsds.json} with the directory's filters: the whole selection (no
 * paging), streamed, with a dated file name and an ETag over the data version and the query.
 */
export async function exportResponse(
  request: Request,
  { db, search, config }: ExportServices,
  format: ExportFormat,
  drained: () => Promise<void> = () => Promise.resolve(),
): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const filters = parseSearchParams(query);
  const errors: Record<string, string> = filters.ok ? {} : { ...filters.errors };
  const options = optionsSchema.safeParse({ werkgebied: query.get('werkgebied') || undefined });
  if (!options.success) messagesByParameter(options.error, undefined, errors);
  else if (options.data.werkgebied && format !== 'geojson') errors.werkgebied = 'Het werkgebied als vorm kan alleen in de GeoJSON-export.';
  if (!options.success || Object.keys(errors).length) return badRequest(errors);
  const { werkgebied } = options.data;

  const source = { geoDir: config.geoDir, year: config.GEO_YEAR };
  const gemeenten = werkgebied ? layerTopology(source, 'gemeente') : null;
  if (werkgebied && !gemeenten) {
    return jsonError(
      503,
      `Het werkgebied kan niet mee: het bestand ${layerFileName('gemeente', config.GEO_YEAR)} met de gemeentegrenzen ontbreekt op de server.`,
    );
  }
  const origin = publicOrigin(config, request);
  const filterQuery = mapFilterQuery(filters.params);
  const etag = strongEtag([format, await entriesVersion(db), filterQuery, werkgebied ? gemeenten!.etag : '', origin].join('|'));
  const cacheHeaders = { ETag: etag, 'Cache-Control': `public, max-age=${EXPORT_MAX_AGE_SECONDS}` };
  if (etagMatches(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers: cacheHeaders });

  const { extension, type } = FILE[format];
  const fileHeaders = { 'Content-Type': type, 'Content-Disposition': `attachment; filename="samenspel-${today()}.${extension}"` };
  // A HEAD request gets the headers without the work (the adapter would read the whole body and drop it).
  if (request.method === 'HEAD') return new Response(null, { headers: { ...fileHeaders, ...cacheHeaders } });

  const release = acquireSlot();
  if (!release) {
    return Response.json(
      { error: 'Er worden nu al andere exports gemaakt. Probeer het over een paar seconden opnieuw.' },
      { status: 503, headers: { 'Retry-After': String(EXPORT_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } },
    );
  }
  try {
    const selection = await resolveSelection(search, filters.params);
    const total = await selectionSize(db, selection);
    const context = { origin };
    const writer =
      format === 'csv'
        ? csvWriter(context)
        : format === 'geojson'
          ? geojsonWriter(context, werkgebied ? (codes) => unionOfGemeenten(source, codes) : null)
          : hsdsWriter(context);
    return new Response(exportStream(db, selection, writer, release, request.signal, drained), {
      headers: {
        ...fileHeaders,
        // For the progress bar on the page.
        'X-Total-Count': String(total),
        // The fallback's answer is not kept: once Meilisearch is back, the same URL may select differently.
        ...(selection.degraded ? { 'Cache-Control': 'no-store' } : cacheHeaders),
      },
    });
  } catch (error) {
    release();
    if (error instanceof SearchQueryError) return jsonError(400, SEARCH_REFUSED);
    throw error;
  }
}
