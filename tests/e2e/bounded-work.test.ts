import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, useBrowserPage } from '../support/browser';

/**
 * The built app over HTTP: a URL built to be expensive (every value repeated, the most distinct
 * values allowed, long search words, no hits) answers in under 300 ms and 200 KB, as an HTML
 * page and as JSON; past the caps the page says why, with a 400.
 */

const baseUrl = inject('baseUrl');
const MAX_MS = 300;
const MAX_BYTES = 200 * 1024;

const NONSENSE = Array.from({ length: 28 }, (_, i) => `qx${String(i).padStart(2, '0')}zv`).join(' ');
const VALUES: Record<string, string[]> = {
  kind: ['initiatief', 'coalitie'],
  theme: ['MEE', 'ERTOE', 'SAMEN', 'VITAAL', 'DIGITAAL'],
  topic: ['MEE-1', 'MEE-2', 'MEE-3', 'MEE-4', 'ERTOE-1', 'ERTOE-2', 'ERTOE-3', 'ERTOE-4', 'SAMEN-1', 'SAMEN-2', 'SAMEN-3'],
  topic2: ['SAMEN-4', 'SAMEN-5', 'VITAAL-1', 'VITAAL-2', 'VITAAL-3', 'VITAAL-4', 'DIGITAAL-1', 'DIGITAAL-2', 'DIGITAAL-3'],
  need: ['financiering', 'expertise', 'rugdekking', 'ruimte', 'vrijwilligers', 'netwerk', 'scholing', 'digitaal', 'zorgprofessionals'],
  region: ['provincie:PV25', 'ggd:GG2014', 'corop:CR15', 'gemeente:GM0268'],
};

function expensiveQuery(): string {
  const query = new URLSearchParams({ q: NONSENSE });
  for (let i = 0; i < 8; i++) {
    for (const [name, values] of Object.entries(VALUES)) query.append(name.replace(/\d$/, ''), values.join(','));
  }
  return query.toString();
}

/** The page's visible text, roughly: what the server rendered, without tags or scripts. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** The median of a few timed requests (the machine is shared) and the last body. */
async function measure(path: string, runs = 7) {
  await fetch(`${baseUrl}${path}`).then((response) => response.arrayBuffer());
  const times: number[] = [];
  let last = { status: 0, body: '' };
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { 'Accept-Encoding': 'identity' } });
    const body = await response.text();
    times.push(performance.now() - start);
    last = { status: response.status, body };
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)]!, ...last, bytes: Buffer.byteLength(last.body) };
}

describe('an expensive URL against the running app', () => {
  it('answers the home page and the API in under 300 ms and 200 KB', async () => {
    const query = expensiveQuery();
    expect(query.length).toBeGreaterThan(4_000);
    const page = await measure(`/?${query}`);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('Geen vermeldingen gevonden.');
    expect(text(page.body)).toContain('Verwijder de zoekwoorden');
    expect(page.ms, `home page ${page.ms.toFixed(0)} ms`).toBeLessThan(MAX_MS);
    expect(page.bytes, 'home page bytes').toBeLessThan(MAX_BYTES);

    const api = await measure(`/api/entries?${query}&per_page=100`);
    expect(api.status).toBe(200);
    expect(api.ms, `API ${api.ms.toFixed(0)} ms`).toBeLessThan(MAX_MS);
    expect(api.bytes).toBeLessThan(MAX_BYTES);
  });

  it('says on the page, with a 400, which values were too many, and still lists the rest', async () => {
    const regions = Array.from({ length: 30 }, (_, i) => `region=gemeente:GM${String(i + 1).padStart(4, '0')}`).join('&');
    const page = await measure(`/?${regions}&kind=coalitie`, 3);
    expect(page.status).toBe(400);
    expect(text(page.body)).toContain('Regio: Kies hooguit 20 waarden voor dit filter.');
    expect(text(page.body)).toMatch(/\d+ vermeldingen? gevonden/);
    expect(page.ms).toBeLessThan(MAX_MS);
    const api = await fetch(`${baseUrl}/api/entries?${regions}`);
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: string }).error).toBe("Ongeldige parameter 'region': Kies hooguit 20 waarden voor dit filter.");
  });
});

describe.runIf(browserAvailable())('a refused query in the browser', () => {
  const session = useBrowserPage();

  it('shows the message next to the field after a client-side navigation, not an error page', async () => {
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByLabel('Zoek op naam, plaats, partner of onderwerp').fill('zorg '.repeat(45));
    await page.locator('#q-error').waitFor();
    expect(await page.locator('#q-error').textContent()).toBe('De zoekopdracht mag maximaal 200 tekens lang zijn.');
    expect(await page.locator('.error-page').count()).toBe(0);
    expect(await page.locator('.entry-list > li').count()).toBeGreaterThan(0);
  });
});
