import { PassThrough } from 'node:stream';
import {
  createReadableStreamFromReadable,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceContext } from '~/utils/nonce';

// The server build exports the app's start-up, so that `scripts/start.ts` runs this one copy of the app modules.
export { startApp } from './server/start-app.server';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce (scripts/http-app.ts); absent in tests that call loaders. */
    cspNonce?: string;
  }
}

const ABORT_DELAY_MS = 5_000;

/**
 * Pages and their `.data` follow entries as they are edited, unpublished or archived, and each page
 * carries its own CSP nonce: browsers revalidate them every time and shared caches keep none
 * (docs/decisions/0011). A route that knows better sets its own.
 */
const PAGE_CACHE_CONTROL = 'private, no-cache';

/** Streams the page; crawlers get it once everything has rendered, so they see the whole document. */
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: { cspNonce?: string },
) {
  const waitForAll = isbot(request.headers.get('user-agent') ?? '');
  const nonce = loadContext.cspNonce;
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', PAGE_CACHE_CONTROL);
  // Remix answers 405 when a page has no action for the method: reading is what it allows.
  if (status === 405) headers.set('Allow', 'GET, HEAD');
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true;
          const body = new PassThrough();
          headers.set('Content-Type', 'text/html; charset=utf-8');
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          // Errors before the shell reject and are logged by Remix; later ones only show here.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', PAGE_CACHE_CONTROL);
  return response;
};

/**
 * What Remix logs. A client mistake answered with a 4xx (no such page, a method a route does not
 * take, a bad `.data` route list) is not a fault of ours: the response says it and the log stays
 * quiet. Real faults are logged with their stack, for the operator only; the visitor sees a
 * general page (production mode hides error details from responses).
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(`${request.method} ${new URL(request.url).pathname}:`, error);
};
