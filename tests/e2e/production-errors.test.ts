import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../app/search/meilisearch-process.server';
import { MAX_FORM_BYTES } from '../../scripts/http-app';
import { GEO_DIR, ROOT, tempPath } from '../support/paths';
import { DEMO_CURATOR } from '../support/browser-accounts';
import { leaksInternals, rawRequest } from '../support/raw-http';

const baseUrl = inject('baseUrl');
const SLUG = 'dementienet-dukenburg';
// The e2e app runs without PUBLIC_URL: its public origin is localhost on its port.
const PUBLIC_ORIGIN = `http://localhost:${new URL(baseUrl).port}`;

/** Requests a hostile tester sends: odd methods, broken encodings, the old data protocol, bad route lists. */
type Mistake = { method: string; path: string; headers?: Record<string, string>; status: number | 'client error'; allow?: string };
const CLIENT_MISTAKES: Mistake[] = [
  ...['TRACE', 'PROPFIND', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].flatMap((method) =>
    ['/', `/entries/${SLUG}`, '/api/entries', '/favicon.svg'].map((path) => ({ method, path, status: 405, allow: 'GET, HEAD, POST' })),
  ),
  // Methods Node's HTTP parser does not know: it answers 400 itself, before the app sees them.
  { method: 'TRACK', path: '/', status: 'client error' },
  { method: 'FOO', path: '/', status: 'client error' },
  // Pages without an action: Remix refuses the POST.
  { method: 'POST', path: '/', status: 405, allow: 'GET, HEAD' },
  { method: 'POST', path: `/entries/${SLUG}`, status: 405, allow: 'GET, HEAD' },
  ...['/entries/%C3%28', '/%C3%28', '/build/%C3%28', '/api/entries/%E0%A4%A/coverage', '/entries/%', '/%ZZ'].map((path) => ({
    method: 'GET',
    path,
    status: 400,
  })),
  ...[
    '/?_data=root',
    `/entries/${SLUG}?_data=routes/entries.$slug`,
    `/entries/${SLUG}?_data=bogus`,
    '/api/entries?_data=routes/api.entries',
    '/healthz?_data=',
  ].map((path) => ({ method: 'GET', path, status: 400 })),
  { method: 'GET', path: `/entries/${SLUG}.data?_routes=bogus`, status: 'client error' },
  { method: 'GET', path: '/bestaat-niet.data', status: 404 },
  { method: 'GET', path: '/entries/%00', status: 404 },
  { method: 'GET', path: '/entries/..%2F..%2Fpackage.json', status: 404 },
  { method: 'GET', path: '/build/..%2F..%2Fpackage.json', status: 'client error' },
  { method: 'GET', path: '/__manifest?p=/x&version=bogus', status: 'client error' },
  { method: 'GET', path: '/?q=%E0%A4%A', status: 'client error' },
  // A badly encoded cookie, of this site or another on the domain, is ignored: the pages still answer.
  ...['other=%ZZ', 'samenspel_sessie=%E0', 'samenspel_csrf=%'].flatMap((cookie) =>
    ['/', `/entries/${SLUG}`, '/regio', '/_root.data'].map((path) => ({ method: 'GET', path, headers: { cookie }, status: 200 })),
  ),
  // A form from our own origin through a proxy that passes another host on: refused for its missing
  // CSRF token (403), not by Remix's own host check (a bare 500 with a logged stack).
  ...[{ host: `127.0.0.1:${new URL(baseUrl).port}` }, { 'x-forwarded-host': 'evil.example' }].map((headers) => ({
    method: 'POST',
    path: '/inloggen',
    headers: { origin: PUBLIC_ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    status: 403,
  })),
  // Bodies the app would have to read whole before it can refuse them: refused unread.
  { method: 'POST', path: '/inloggen', headers: { origin: PUBLIC_ORIGIN, 'content-length': String(MAX_FORM_BYTES + 1) }, status: 413 },
  { method: 'POST', path: '/registreren', headers: { origin: PUBLIC_ORIGIN, 'transfer-encoding': 'chunked' }, status: 411 },
  // Routes without a page: no data requests, no forms to downloads, no page views of form targets.
  ...[
    '/api/export.csv.data',
    '/Api/Export.csv.data',
    '/api/export%2Ecsv.data',
    '/API/entries.DATA',
    '/HEALTHZ.data',
    '/Account/Gegevens.data',
    '/api/entries.data?q=zorg',
    '/healthz.data',
    '/account/gegevens.data',
    `/api/entries/${SLUG}/matches.data`,
  ].map((path) => ({ method: 'GET', path, status: 404 })),
  ...['/api/entries', '/account/gegevens', '/healthz', '/API/entries', '/HEALTHZ', '/Account/gegevens'].map((path) => ({
    method: 'POST',
    path,
    headers: { origin: PUBLIC_ORIGIN },
    status: 405,
    allow: 'GET, HEAD',
  })),
  { method: 'GET', path: `/vermelding/${SLUG}/bewerken`, status: 405, allow: 'POST' },
  { method: 'GET', path: `/VERMELDING/${SLUG}/bewerken`, status: 405, allow: 'POST' },
  { method: 'GET', path: '/voorstel/niet-relevant', status: 200 },
  { method: 'GET', path: '/', headers: { host: 'a b' }, status: 400 },
  { method: 'GET', path: '/', headers: { 'x-forwarded-host': '[::' }, status: 400 },
];

async function sendClientMistakes(url: string) {
  for (const { method, path, headers, status, allow } of CLIENT_MISTAKES) {
    const response = await rawRequest(url, method, path, headers);
    const what = `${method} ${path} ${JSON.stringify(headers ?? {})}`;
    if (status === 'client error') expect(response.status, what).toBeLessThan(500);
    else expect(response.status, what).toBe(status);
    if (allow) expect(response.headers.allow, what).toBe(allow);
    expect(leaksInternals(response.body), what).toEqual([]);
  }
}

describe('client mistakes in production mode', () => {
  it('get a plain 4xx without a stack trace or a path', async () => {
    await sendClientMistakes(baseUrl);
  });

  it('show a refused "niet relevant" form as a Dutch page, also without JavaScript', async () => {
    // Signed in as the demo curator, as a browser without JavaScript would: the form's token, then the post.
    const signInPage = await fetch(`${baseUrl}/inloggen`);
    const csrfCookie = signInPage.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('samenspel_csrf='))!
      .split(';')[0]!;
    const token = /name="csrf" value="([^"]+)"/.exec(await signInPage.text())![1]!;
    const post = (path: string, fields: Record<string, string>, cookie: string) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: PUBLIC_ORIGIN, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, csrf: token }),
      });
    const signedIn = await post('/inloggen', { email: DEMO_CURATOR.email, password: DEMO_CURATOR.password }, csrfCookie);
    const session = signedIn.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('samenspel_sessie='))!
      .split(';')[0]!;

    // A proposal that does not exist: refused, as a page with a way back rather than a bare error.
    const refused = await post('/voorstel/niet-relevant', { entry: SLUG, other: 'bestaat-niet' }, `${csrfCookie}; ${session}`);
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await refused.text();
    expect(page).toContain('Deze vermelding bestaat niet (meer).');
    expect(page).toContain('Terug naar de kaart');

    // Bad input: the same page with the field's message, not a redirect that loses it.
    const itself = await post('/voorstel/niet-relevant', { entry: SLUG, other: SLUG }, `${csrfCookie}; ${session}`);
    expect(itself.status).toBe(400);
    expect(await itself.text()).toContain('Een vermelding wordt zichzelf nooit voorgesteld.');
  });
});

/**
 * `npm start` as an operator runs it: NODE_ENV not set, an https PUBLIC_URL, and (to keep the test
 * light) a search server that does not answer. Its output is kept, to see what the log says.
 */
describe('an instance started without NODE_ENV, with an https PUBLIC_URL', () => {
  let app: ChildProcess;
  let url: string;
  let log = '';
  const databasePath = tempPath('production-errors', '.sqlite');

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: Record<string, string | undefined> = {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: 'https://samenspel.example.nl',
      DATABASE_PATH: databasePath,
      MEILI_URL: 'http://127.0.0.1:9',
      GEO_DIR,
    };
    delete env.NODE_ENV;
    app = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [app.stdout, app.stderr]) stream?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 90_000;
    while (!log.includes('Samenspel is running')) {
      if (app.exitCode !== null || Date.now() > deadline) throw new Error(`The app did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
  });

  it('runs in production mode', () => {
    expect(log).toMatch(/Samenspel is running at http:\/\/localhost:\d+ \(production\)/);
  });

  it('sends HSTS and upgrades insecure requests, and takes its canonical URL from PUBLIC_URL, not the Host header', async () => {
    const { status, headers, body } = await rawRequest(url, 'GET', `/entries/${SLUG}`, { host: 'evil.example' });
    expect(status).toBe(200);
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(headers['content-security-policy']).toContain("img-src 'self' data: https://service.pdok.nl;");
    expect(body).toContain(`<link rel="canonical" href="https://samenspel.example.nl/entries/${SLUG}"/>`);
    expect(body).toContain(`"@id":"https://samenspel.example.nl/entries/${SLUG}"`);
    expect(body).not.toContain('evil.example');
  });

  it('answers client mistakes plainly and keeps them out of the log', async () => {
    const before = log.length;
    await sendClientMistakes(url);
    // Only request handling is checked: the search worker may log its own trouble meanwhile.
    const logged = log.slice(before);
    expect(logged).not.toMatch(/^\s+at .*(express|@remix-run|react-router|http-app|entry\.server)/m);
    expect(logged).not.toMatch(/URIError|TRACE|PROPFIND|_data|Invalid request method|did not provide an `action`|does not match URL/);
  });

  it('answers a real fault with a general page, and logs it for the operator only', async () => {
    // A fault no request can cause: a table the detail page reads has gone.
    const db = new Database(databasePath);
    db.exec('ALTER TABLE entry_partners RENAME TO entry_partners_gone');
    db.close();
    const before = log.length;

    const page = await rawRequest(url, 'GET', `/entries/${SLUG}`);
    expect(page.status).toBe(500);
    expect(page.body).toContain('Er ging iets mis');
    const data = await rawRequest(url, 'GET', `/entries/${SLUG}.data`);
    expect(data.status).toBe(500);
    for (const body of [page.body, data.body]) {
      expect(leaksInternals(body)).toEqual([]);
      expect(body).not.toMatch(/entry_partners|SqliteError|no such table/);
    }
    await expect.poll(() => log.slice(before)).toMatch(/GET \/entries\/dementienet-dukenburg: SqliteError: no such table: entry_partners/);
  });
});
