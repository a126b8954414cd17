import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { CROSS_SITE_MESSAGE } from '../app/auth/csrf';
import type { AppConfig } from '../app/config.server';
import { whenDrained } from '../app/server/backpressure.server';
import type { AppServices } from '../app/server/services.server';

/** The methods the app answers; anything else (TRACE, CONNECT, PROPFIND …) gets a plain 405. */
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'];

/**
 * Every browser feature is off except geolocation on our own pages (the place finder's "Mijn
 * locatie"). Only features Chromium knows are listed: unknown ones make it log an error per page.
 */
export const PERMISSIONS_POLICY = [
  'geolocation=(self)',
  ...[
    'accelerometer',
    'autoplay',
    'camera',
    'display-capture',
    'encrypted-media',
    'fullscreen',
    'gyroscope',
    'magnetometer',
    'microphone',
    'midi',
    'payment',
    'picture-in-picture',
    'publickey-credentials-get',
    'screen-wake-lock',
    'serial',
    'usb',
    'xr-spatial-tracking',
  ].map((feature) => `${feature}=()`),
].join(', ');

type WithNonce = ServerResponse & { locals: { cspNonce: string } };

/**
 * The origin map tiles come from, for img-src: TILE_URL's scheme and host, with Leaflet's `{s}`
 * subdomain placeholder as a wildcard (https://{s}.tile.example → https://*.tile.example).
 */
export function tileSource(tileUrl: string): string {
  const { protocol, host } = new URL(tileUrl.replace(/\{s\}/g, 'subdomain-placeholder'));
  return `${protocol}//${host.replace('subdomain-placeholder', '*')}`;
}

/**
 * Security headers for every response (docs/decisions/0011). The Content-Security-Policy allows
 * what the app uses and nothing else: its own scripts plus Remix's inline ones carrying this
 * request's nonce, its own styles, images from itself, the tile host and Leaflet's data: URL,
 * requests to itself.
 */
export function securityHeaders(config: AppConfig): HelmetOptions {
  const https = config.publicOrigin.startsWith('https:');
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'script-src': ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as WithNonce).locals.cspNonce}'`],
        'style-src': ["'self'"],
        // data: is Leaflet's empty image, which it puts in a tile to cancel its loading.
        'img-src': ["'self'", 'data:', tileSource(config.TILE_URL)],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    // Cross-origin requests (tiles, links out) carry only our origin; some tile servers require a Referer.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // HSTS would make browsers refuse plain HTTP to this host for a year: only for an https public URL.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

function plain(res: express.Response, status: number, text: string) {
  res.status(status).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(text);
}

/** A fresh nonce per response, for the CSP header and the page's inline scripts (through the load context). */
const nonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
};

/** Node's fetch Request refuses TRACE, CONNECT and TRACK outright: answer them, and other odd methods, here. */
const onlyAllowedMethods: RequestHandler = (req, res, next) => {
  if (ALLOWED_METHODS.includes(req.method)) return next();
  res.set('Allow', ALLOWED_METHODS.join(', '));
  plain(res, 405, 'Deze methode wordt niet ondersteund.');
};

/**
 * Requests the app cannot make sense of: a path with broken percent-encoding (e.g. /entries/%C3%28)
 * or a Host header that is no host. Refused once here, with a 400, instead of as an exception in
 * every layer behind it.
 */
const wellFormedRequest: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path);
    for (const host of [req.get('host'), req.get('x-forwarded-host')]) if (host !== undefined) new URL(`http://${host}/`);
  } catch {
    return plain(res, 400, 'Dit adres is ongeldig.');
  }
  next();
};

/**
 * The largest form a page of ours sends (an entry step with all its partners and gemeenten is
 * some tens of kB): Remix reads a form into memory whole, before the action can look at it.
 */
export const MAX_FORM_BYTES = 512 * 1024;

/**
 * Bounds what a POST may make the app read: a body without a declared length (chunked; browsers
 * always declare a form's length) or with a longer one is refused before any of it is read, and
 * the connection is closed instead of draining the rest.
 */
const boundedBodies: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const length = req.get('content-length');
  if (length === undefined && req.get('transfer-encoding') !== undefined) {
    res.set('Connection', 'close');
    return plain(res, 411, 'Stuur de lengte van het formulier mee.');
  }
  if (length !== undefined && Number(length) > MAX_FORM_BYTES) {
    res.set('Connection', 'close');
    return plain(res, 413, 'Dit formulier is te groot.');
  }
  next();
};

type ResourceRoute = { pattern: RegExp; loader: boolean; action: boolean };

/** The routes without a page (API, downloads, form targets), with the methods each answers, from the build. */
function resourceRoutes(build: ServerBuild): ResourceRoute[] {
  const fullPath = (id: string): string => {
    const route = build.routes[id]!;
    const own = route.path ?? '';
    return route.parentId ? `${fullPath(route.parentId)}/${own}` : own;
  };
  return Object.entries(build.routes)
    .filter(([, route]) => !route.module.default && route.path)
    .map(([id, route]) => {
      const source = fullPath(id)
        .split('/')
        .filter(Boolean)
        .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      // Case-insensitive, as Remix matches routes.
      return { pattern: new RegExp(`^/${source}/?$`, 'i'), loader: Boolean(route.module.loader), action: Boolean(route.module.action) };
    });
}

/**
 * Requests a route without a page cannot answer: Remix would send them a bare JSON "Unexpected
 * Server Error". A `.data` read of one (only pages have data requests; it would also turn a
 * streamed export into one payload in memory), a form sent to a download, a page view of a form
 * target: each refused here with the status and a Dutch message.
 */
function resourceRouteMethods(build: ServerBuild): RequestHandler {
  const routes = resourceRoutes(build);
  return (req, res, next) => {
    // Decoded (wellFormedRequest let only decodable paths through): `export%2Ecsv` is `export.csv` to Remix.
    const path = decodeURIComponent(req.path);
    const data = /\.data$/i.test(path);
    const route = routes.find(({ pattern }) => pattern.test(data ? path.slice(0, -'.data'.length) : path));
    if (!route) return next();
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (reading && data) return plain(res, 404, 'Deze pagina bestaat niet.');
    if (reading && !route.loader) {
      res.set('Allow', 'POST');
      return plain(res, 405, 'Dit adres is er alleen voor een formulier; ga terug naar de pagina met dat formulier.');
    }
    if (!reading && !route.action) {
      res.set('Allow', 'GET, HEAD');
      return plain(res, 405, 'Dit adres geeft alleen gegevens; er kan geen formulier naartoe.');
    }
    next();
  };
}

/**
 * `?_data=` is the data protocol of Remix without single fetch; this app uses single fetch
 * (`.data` URLs), so such a request is a client mistake, not a reason to log a warning with a stack.
 */
const noLegacyDataRequests: RequestHandler = (req, res, next) => {
  if (req.query._data === undefined) return next();
  plain(res, 400, 'Deze aanvraag wordt niet ondersteund.');
};

/**
 * The last stop: a client mistake Express noticed (e.g. a body it cannot read) answers with its own
 * 4xx; anything else is a fault of ours, logged with its stack and answered with a plain 500.
 * Never the error itself: that is Express's default handler, which shows stack traces outside production.
 */
const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  const clientError = typeof status === 'number' && status >= 400 && status < 500;
  if (!clientError) console.error(`${req.method} ${req.path}:`, error);
  if (res.headersSent) return next(error);
  if (clientError) plain(res, status, 'Deze aanvraag kan niet worden verwerkt.');
  else plain(res, 500, 'Er ging iets mis. Probeer het later opnieuw.');
};

/**
 * A POST whose Origin header names another site (or "null") is refused here with 403 and a Dutch
 * message, before Remix, whose own check would answer it with a bare 500 and a logged stack. The
 * allowed origin is the public one (in development without PUBLIC_URL: the request's own, as
 * app/config.server.ts's publicOrigin). A POST without Origin goes on: the action's own check
 * (Origin or Referer, plus the CSRF token; app/auth/csrf.server.ts, docs/decisions/0012) decides.
 */
export function sameOriginPosts(config: AppConfig): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (req.method !== 'POST' || origin === undefined) return next();
    const allowed = !config.PUBLIC_URL && config.NODE_ENV === 'development' ? `${req.protocol}://${req.get('host')}` : config.publicOrigin;
    if (origin === allowed) {
      // Remix compares Origin with X-Forwarded-Host or Host once more and throws (a bare 500) when
      // they differ, as behind a proxy that passes its own host on; the check above is the one
      // that counts, so Remix is handed the host it approved.
      req.headers.host = new URL(origin).host;
      delete req.headers['x-forwarded-host'];
      return next();
    }
    plain(res, 403, CROSS_SITE_MESSAGE);
  };
}

/** The Express app in front of Remix: security headers, refusals of malformed requests, static files, then Remix. */
export function createHttpApp({ build, services }: { build: ServerBuild; services: AppServices }): express.Express {
  const { config } = services;
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy every request comes from the proxy: it names the client (for rate limits).
  if (config.TRUST_PROXY !== undefined) app.set('trust proxy', config.TRUST_PROXY);
  app.use(nonce, helmet(securityHeaders(config)), (_req, res, next) => {
    res.set('Permissions-Policy', PERMISSIONS_POLICY);
    next();
  });
  app.use(onlyAllowedMethods, wellFormedRequest, boundedBodies, compression());
  app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
  // Only a path with a file extension can name one of public/'s files: page and API paths skip the disk.
  const publicFiles = express.static('public', { maxAge: '1h', index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  app.use(noLegacyDataRequests, resourceRouteMethods(build), sameOriginPosts(config));
  app.all(
    '*',
    createRequestHandler({
      build,
      // Only development shows error details; the test mode of the config is production to Remix.
      mode: config.NODE_ENV === 'development' ? 'development' : 'production',
      getLoadContext: (req, res) => ({
        services,
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip,
        drained: () => whenDrained(res),
      }),
    }),
  );
  app.use(errorHandler);
  return app;
}
