import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, useBrowserPage } from '../support/browser';
import { rawRequest } from '../support/raw-http';

const baseUrl = inject('baseUrl');
const port = new URL(baseUrl).port;
// The e2e app runs without PUBLIC_URL, so its public origin is localhost on its port (and tiles from 127.0.0.1:9).
const PUBLIC_ORIGIN = `http://localhost:${port}`;
const SLUG = 'dementienet-dukenburg';

const nonceOf = (csp: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

/** The directives of a Content-Security-Policy header, the nonce replaced by a placeholder. */
function directives(csp: string): Record<string, string> {
  return Object.fromEntries(
    csp.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values.join(' ').replace(/'nonce-[^']+'/, "'nonce-…'")];
    }),
  );
}

describe('security headers on every kind of response', () => {
  const responses: Array<[string, string, string]> = [
    ['the home page', 'GET', '/'],
    ['a detail page', 'GET', `/entries/${SLUG}`],
    ['its loader data', 'GET', `/entries/${SLUG}.data`],
    ['the search API', 'GET', '/api/entries?q=zorg'],
    ['an API error', 'GET', '/api/entries?topic=X'],
    ['a static file', 'GET', '/favicon.svg'],
    ['a missing page', 'GET', '/bestaat-niet'],
    ['an odd method', 'TRACE', '/'],
    ['a broken path', 'GET', '/entries/%C3%28'],
    ['a HEAD request', 'HEAD', '/'],
  ];

  it.each(responses)('%s (%s %s)', async (_name, method, path) => {
    const { headers } = await rawRequest(baseUrl, method, path);
    expect(directives(String(headers['content-security-policy']))).toEqual({
      'default-src': "'none'",
      'script-src': "'self' 'nonce-…'",
      'style-src': "'self'",
      'img-src': "'self' data: http://127.0.0.1:9",
      'connect-src': "'self'",
      'form-action': "'self'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    expect(headers['permissions-policy']).toMatch(/^geolocation=\(self\), accelerometer=\(\), .*camera=\(\), .*microphone=\(\)/);
    // The public URL is http: no HSTS (tests/e2e/production-errors.test.ts checks it for https).
    expect(headers).not.toHaveProperty('strict-transport-security');
    expect(headers).not.toHaveProperty('x-powered-by');
  });

  it('gives every page its own nonce, the one its inline scripts carry', async () => {
    const [first, second] = await Promise.all([
      rawRequest(baseUrl, 'GET', `/entries/${SLUG}`),
      rawRequest(baseUrl, 'GET', `/entries/${SLUG}`),
    ]);
    const nonce = nonceOf(String(first.headers['content-security-policy']));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(String(second.headers['content-security-policy']))).not.toBe(nonce);
    const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(3);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(scripts.some((tag) => tag.includes('application/ld+json'))).toBe(true);
  });
});

describe('Cache-Control', () => {
  it('makes browsers revalidate pages and their data, and keeps build assets for a year', async () => {
    for (const path of ['/', `/entries/${SLUG}`, `/entries/${SLUG}.data`, '/_root.data', '/entries/bestaat-niet']) {
      expect((await rawRequest(baseUrl, 'GET', path)).headers['cache-control'], path).toBe('private, no-cache');
    }
    const page = await rawRequest(baseUrl, 'GET', '/');
    const asset = /<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset).toBeDefined();
    expect((await rawRequest(baseUrl, 'GET', asset!)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('honest URLs', () => {
  const canonical = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
  const jsonLdId = (html: string) =>
    (JSON.parse(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as { '@id': string } | null)?.[
      '@id'
    ];

  it('takes the canonical link and the JSON-LD from the configuration, whatever Host the client sends', async () => {
    const expected = `${PUBLIC_ORIGIN}/entries/${SLUG}`;
    const variants: Array<Record<string, string>> = [
      {},
      { host: 'evil.example' },
      { host: 'evil.example:8443', 'x-forwarded-host': 'phish.example' },
    ];
    for (const headers of variants) {
      const { status, body } = await rawRequest(baseUrl, 'GET', `/entries/${SLUG}?utm=x`, headers);
      expect(status).toBe(200);
      expect(canonical(body)).toBe(expected);
      expect(jsonLdId(body)).toBe(expected);
      expect(body).not.toMatch(/evil\.example|phish\.example/);
    }
  });
});

describe('the detail page hands out only public fields', () => {
  it('has no status, internal dates or ids in its loader data', async () => {
    const { status, body } = await rawRequest(baseUrl, 'GET', `/entries/${SLUG}.data`);
    expect(status).toBe(200);
    // Single fetch (turbo-stream) writes every key as a string.
    expect(body).toContain('"summary"');
    expect(body).toContain('"isDemo"');
    for (const field of ['status', 'published', 'created_at', 'funding_ends_on', 'funding_sources', 'target_groups', 'is_demo', 'id']) {
      expect(body).not.toContain(`"${field}"`);
    }
  });
});

/** CSP violations seen by the page, and console errors other than tiles that cannot load (the e2e tile server is unreachable). */
const TILE_HOST = 'http://127.0.0.1:9/';

async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.startsWith(TILE_HOST)) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = ((window as unknown as { cspViolations?: string[] }).cspViolations ??= []);
      seen.push(`${event.violatedDirective} ${event.blockedURI} from ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return async () => [
    ...problems,
    ...((await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])) as string[]).map(
      (violation) => `CSP violation: ${violation}`,
    ),
  ];
}

describe.runIf(browserAvailable())('the pages under their Content-Security-Policy in headless Chromium', () => {
  const session = useBrowserPage();

  it('loads the home page with its map, region shading and client-side navigation, with no violation', async () => {
    const problems = await watchPolicy(session.page);
    await session.page.goto(`${baseUrl}/?layer=ggd&shade=count`);
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    await session.page.locator('.shade-legend').waitFor();
    await session.page.locator('.entry-marker, .cluster-marker').first().waitFor({ state: 'attached' });
    // Hydrated: a client-side navigation fetches .data and lazily discovers the route.
    await session.page.locator('.entry-list > li h3 a').first().click();
    await session.page.locator('.entry-detail h1').waitFor();
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    await session.page.waitForLoadState('networkidle');
    expect(await problems()).toEqual([]);
  });

  it('loads a detail page with its map and werkgebied, with no violation', async () => {
    const page = await session.browser.newPage();
    const problems = await watchPolicy(page);
    await page.goto(`${baseUrl}/entries/${SLUG}`);
    await page.locator('.entry-map[data-ready="true"]').waitFor();
    expect(await page.locator('.entry-map .leaflet-overlay-pane path').count()).toBeGreaterThan(0);
    // The entry's own marker and one per proposed partner.
    expect(await page.locator('.entry-map .entry-marker').count()).toBe(1 + (await page.locator('.match-card').count()));
    await page.waitForLoadState('networkidle');
    expect(await problems()).toEqual([]);
    await page.close();
  });
});
