import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');

describe('the running app over HTTP', () => {
  it('reports healthy database, search and geodata', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { ok: true },
      search: { ok: true, configured: true, outboxBacklog: 0 },
      geodata: { available: true, municipalities: 342 },
    });
  });

  it('serves search results as JSON from Meilisearch', async () => {
    const response = await fetch(`${baseUrl}/api/entries?q=Lemmer&limit=5`);
    const body = (await response.json()) as { hits: Array<{ name: string; kind: string }>; total: number; degraded: boolean };
    expect(body.degraded).toBe(false);
    expect(body.hits[0]).toMatchObject({ name: 'Zorgplein Lemmer', kind: 'initiatief' });

    const coalities = (await (await fetch(`${baseUrl}/api/entries?kind=coalitie&limit=100`)).json()) as typeof body;
    expect(coalities.total).toBeGreaterThan(5);
    expect(coalities.hits.every((hit) => hit.kind === 'coalitie')).toBe(true);
  });

  it('answers bad parameters with 400 and a Dutch message', async () => {
    const response = await fetch(`${baseUrl}/api/entries?topic=VITAAL-99`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "Ongeldige parameter 'topic': Onbekend onderwerp; gebruik een code zoals VITAAL-3.",
    });
  });
});

describe.runIf(browserAvailable())('the home page in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  it('shows the published entries as markers and as the same list', async () => {
    await page.goto(baseUrl);
    await page.locator('.entry-marker').first().waitFor();
    const listed = await page.locator('.entry-list > li').count();
    expect(listed).toBeGreaterThanOrEqual(25);
    expect(await page.locator('.entry-marker').count()).toBe(listed);
    expect(await page.locator('.entry-marker--coalitie').count()).toBeGreaterThan(0);
    expect(await page.locator('.entry-marker--initiatief').count()).toBeGreaterThan(0);
    const label = await page.locator('.entry-marker').first().getAttribute('title');
    expect(label).toMatch(/^(Doe-coalitie|Burgerinitiatief): /);
  });

  it('searches through Meilisearch and updates list and map together', async () => {
    await page.getByLabel('Zoek op naam, plaats of onderwerp').fill('Dukenburg');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL(/q=Dukenburg/);
    await expect.poll(() => page.locator('.entry-list > li h3').allTextContents()).toContain('DementieNet Dukenburg');
    const listed = await page.locator('.entry-list > li').count();
    expect(listed).toBeLessThan(10);
    await expect.poll(() => page.locator('.entry-marker').count()).toBe(listed);
    expect(await page.locator('.notice--warning').count()).toBe(0);
  });

  it('opens a detail page from the list, and a friendly 404 for an unknown entry', async () => {
    await page.getByRole('link', { name: 'DementieNet Dukenburg' }).click();
    await page.waitForURL(/\/entries\/dementienet-dukenburg$/);
    expect(await page.locator('h1').textContent()).toBe('DementieNet Dukenburg');
    expect(await page.locator('body').textContent()).toContain('VITAAL-3');

    const response = await page.goto(`${baseUrl}/entries/bestaat-niet`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Pagina niet gevonden');
  });
});
