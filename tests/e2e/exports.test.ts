import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { browserAvailable, launchBrowser, useBrowserPage } from '../support/browser';

const baseUrl = inject('baseUrl');

const parseCsv = (text: string) => parse(text, { delimiter: ';', bom: true, columns: true }) as Array<Record<string, string>>;

/** How many demo coalities there are (the map test counts them too). */
const DEMO_COALITIES = 14;

describe('the exports and the API description over HTTP', () => {
  it('streams an export of the filtered selection as a dated attachment', async () => {
    const response = await fetch(`${baseUrl}/api/export.csv?kind=coalitie`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="samenspel-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('x-total-count')).toBe(String(DEMO_COALITIES));
    expect(parseCsv(await response.text())).toHaveLength(DEMO_COALITIES);

    const geojson = (await (await fetch(`${baseUrl}/api/export.geojson?kind=coalitie&werkgebied=1`)).json()) as {
      features: Array<{ geometry: { type: string } }>;
    };
    expect(geojson.features.filter((f) => f.geometry.type === 'Point')).toHaveLength(DEMO_COALITIES);
    expect(geojson.features.filter((f) => f.geometry.type === 'MultiPolygon')).toHaveLength(DEMO_COALITIES);

    const bad = await fetch(`${baseUrl}/api/export.hsds.json?topic=NOPE`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^Ongeldige parameter 'topic'/);
  });

  it('serves the OpenAPI document and a readable Dutch page made from it', async () => {
    const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    const page = await (await fetch(`${baseUrl}/api/docs`)).text();
    for (const route of Object.keys(document.paths)) expect(page).toContain(route);
    expect(page).toContain('Export als CSV');
    expect(page).toContain('herhaalbaar');
  });
});

describe.runIf(browserAvailable())('the export links on the directory in headless Chromium', () => {
  const session = useBrowserPage({ viewport: { width: 1300, height: 900 }, acceptDownloads: true });

  it('downloads the current selection as CSV with a progress report', async () => {
    await session.page.goto(`${baseUrl}/?kind=coalitie`);
    // Hydrated: the map only reports ready from the browser.
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    const block = session.page.getByRole('region', { name: 'Download deze selectie' });
    expect(await block.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/export.csv?kind=coalitie');
    const [download] = await Promise.all([session.page.waitForEvent('download'), block.getByRole('link', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^samenspel-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
    expect(rows).toHaveLength(DEMO_COALITIES);
    expect(rows.every((row) => row.soort === 'Doe-coalitie')).toBe(true);
    await expect.poll(() => block.getByRole('status').textContent()).toBe(`CSV is klaar: ${DEMO_COALITIES} vermeldingen.`);
  });

  it('downloads through the plain link without JavaScript', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ javaScriptEnabled: false, acceptDownloads: true });
      await page.goto(`${baseUrl}/?kind=coalitie`);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('region', { name: 'Download deze selectie' }).getByRole('link', { name: 'GeoJSON' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^samenspel-\d{4}-\d{2}-\d{2}\.geojson$/);
      const collection = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { features: unknown[] };
      expect(collection.features).toHaveLength(DEMO_COALITIES);
    } finally {
      await browser.close();
    }
  });

  it('has an accessible docs page and export block, also once a download is done', async () => {
    const browser = await launchBrowser();
    try {
      // axe is injected as an inline script, which the app's Content-Security-Policy rightly refuses.
      const page = await browser.newPage({ bypassCSP: true, acceptDownloads: true });
      await page.goto(`${baseUrl}/api/docs`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Samenspel API');
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${baseUrl}/?kind=coalitie`);
      await page.locator('.entry-map[data-ready="true"]').waitFor();
      const block = page.getByRole('region', { name: 'Download deze selectie' });
      await Promise.all([page.waitForEvent('download'), block.getByRole('link', { name: 'HSDS (JSON)' }).click()]);
      await expect.poll(() => block.getByRole('status').textContent()).toMatch(/^HSDS \(JSON\) is klaar/);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
