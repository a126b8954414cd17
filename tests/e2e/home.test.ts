import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, useBrowserPage } from '../support/browser';

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
      errors: { topic: 'Onbekend onderwerp; gebruik een code zoals VITAAL-3.' },
    });
  });
});

/** How many entries the map shows: single markers plus the counts in cluster pills. */
async function entriesOnMap(page: Page): Promise<number> {
  await page.locator('.entry-map[data-ready="true"]').waitFor();
  return page.locator('.leaflet-marker-pane').evaluate((pane) => {
    const singles = pane.querySelectorAll('.entry-marker').length;
    const clustered = [...pane.querySelectorAll('.cluster-part')].reduce((sum, part) => sum + Number(part.textContent), 0);
    return singles + clustered;
  });
}

const mapZoom = (url: string) => Number(new URL(url).searchParams.get('map')?.split('/')[0]);

/** Names in the result list, once the page has settled after a navigation. */
async function listedNames(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  return page.locator('.entry-list > li h3').allTextContents();
}

/** Every published entry: the demo data, plus what other end-to-end files published before this one ran. */
async function publishedCount(): Promise<number> {
  return ((await (await fetch(`${baseUrl}/api/entries?per_page=1`)).json()) as { total: number }).total;
}

describe.runIf(browserAvailable())('the home page in headless Chromium', () => {
  const session = useBrowserPage();

  it('shows every published entry on the map, clustered, and the first page in the list', async () => {
    const published = await publishedCount();
    expect(published).toBeGreaterThanOrEqual(32);
    await session.page.goto(baseUrl);
    expect(await session.page.locator('.result-count').textContent()).toMatch(
      new RegExp(`^${published} vermeldingen gevonden; 1–20 staan`),
    );
    expect(await session.page.locator('.entry-list > li').count()).toBe(20);
    await expect.poll(() => entriesOnMap(session.page)).toBe(published);
    expect(await session.page.locator('.map-status').textContent()).toBe(`Op de kaart: ${published} vermeldingen.`);
    const clusterLabel = await session.page.locator('.cluster-marker').first().getAttribute('title');
    expect(clusterLabel).toMatch(
      /^Cluster van \d+ vermeldingen: \d+ doe-coalitie(s)? en \d+ burgerinitiatie(f|ven)\. Activeer om in te zoomen\.$/,
    );
    // The view is in the URL as soon as the map has settled.
    await session.page.waitForURL(/map=\d+%2F/);

    await session.page.getByRole('link', { name: /Volgende/ }).click();
    await session.page.waitForURL(/page=2/);
    await expect.poll(() => session.page.locator('.entry-list > li').count()).toBe(Math.min(20, published - 20));
  });

  it('searches as you type and updates list and map together', async () => {
    await session.page.goto(baseUrl);
    await session.page.getByLabel('Zoek op naam, plaats, partner of onderwerp').fill('Dukenburg');
    await session.page.waitForURL(/q=Dukenburg/);
    await expect.poll(() => listedNames(session.page)).toContain('DementieNet Dukenburg');
    const listed = await session.page.locator('.entry-list > li').count();
    expect(listed).toBeLessThan(10);
    await expect.poll(() => entriesOnMap(session.page)).toBe(listed);
    expect(await session.page.locator('.entry-list mark').first().textContent()).toMatch(/dukenburg/i);
    expect(await session.page.locator('.notice--warning').count()).toBe(0);
  });

  it('filters through the facet panel, and the shared URL shows the same view', async () => {
    await session.page.goto(baseUrl);
    await session.page.getByLabel(/^Doe-coalities/).check();
    await session.page.waitForURL(/kind=coalitie/);
    await expect.poll(() => session.page.locator('.entry-list > li[data-kind="initiatief"]').count()).toBe(0);
    expect(await session.page.locator('.result-count').textContent()).toMatch(/^14 vermeldingen/);

    await session.page.getByLabel(/^Vitaal doen/).check();
    await session.page.waitForURL(/theme=VITAAL/);
    await session.page.getByLabel('Regio', { exact: true }).selectOption({ label: 'Gelderland (3)' });
    await session.page.waitForURL(/region=provincie%3APV25/);
    const names = await listedNames(session.page);
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(14);
    const sharedUrl = session.page.url();

    // A colleague opens the link in a fresh browser: the same filters are set, the same entries listed.
    const colleague = await session.browser.newPage();
    await colleague.goto(sharedUrl);
    expect(await listedNames(colleague)).toEqual(names);
    expect(await colleague.getByLabel(/^Doe-coalities/).isChecked()).toBe(true);
    expect(await colleague.getByLabel(/^Vitaal doen/).isChecked()).toBe(true);
    expect(await colleague.getByLabel('Regio', { exact: true }).inputValue()).toBe('provincie:PV25');
    await colleague.close();

    // Removing a filter from the summary unchecks it in the panel.
    await session.page.getByRole('link', { name: /Verwijder filter Soort/ }).click();
    await expect.poll(() => session.page.getByLabel(/^Doe-coalities/).isChecked()).toBe(false);
    expect(session.page.url()).not.toMatch(/kind=/);
  });

  it('expands a cluster by keyboard, keeps the view in the URL, and opens a point’s card', async () => {
    const published = await publishedCount();
    await session.page.goto(`${baseUrl}/?map=7%2F52.2%2F5.3`);
    await expect.poll(() => entriesOnMap(session.page)).toBe(published);
    const clusters = session.page.locator('.cluster-marker');
    const before = await clusters.count();
    expect(before).toBeGreaterThan(0);
    await clusters.first().focus();
    await session.page.keyboard.press('Enter');
    await expect.poll(() => mapZoom(session.page.url())).toBeGreaterThan(7);
    // Zoomed in on one cluster: it has come apart into smaller clusters or single entries.
    await expect.poll(() => session.page.locator('.entry-marker').count()).toBeGreaterThan(0);

    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    const title = (await session.page.locator('.leaflet-marker-pane .entry-marker').first().getAttribute('title'))!;
    expect(title).toMatch(/^(Doe-coalitie|Burgerinitiatief): /);
    await session.page.locator(`.leaflet-marker-pane [title="${title}"]`).focus();
    await session.page.keyboard.press('Enter');
    const cardLink = session.page.locator('.leaflet-popup .map-card a');
    await expect.poll(() => cardLink.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(title).toContain((await cardLink.textContent())!);

    // Reloading the shared URL restores the same view.
    const zoom = mapZoom(session.page.url());
    await session.page.goto(session.page.url());
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    expect(mapZoom(session.page.url())).toBe(zoom);
  });

  it('restricts the list to the visible area with “Zoek in dit gebied”', async () => {
    await session.page.goto(`${baseUrl}/?map=11%2F51.83%2F5.8`);
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    await session.page.getByRole('button', { name: 'Zoek in dit gebied' }).click();
    await session.page.waitForURL(/area=/);
    const names = await listedNames(session.page);
    expect(names).toContain('DementieNet Dukenburg');
    expect(names.length).toBeLessThan(32);
    expect(await session.page.getByRole('link', { name: 'Verwijder filter Gebied: het kaartgebied' }).count()).toBe(1);
    await expect.poll(() => entriesOnMap(session.page)).toBe(names.length);
    expect(mapZoom(session.page.url())).toBe(11);
  });

  it('searches and filters without JavaScript through the plain form', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(baseUrl);
    await plain.getByLabel('Zoek op naam, plaats, partner of onderwerp').fill('mantelzorger');
    await plain.getByLabel(/^Burgerinitiatieven/).check();
    await plain.getByRole('button', { name: 'Zoeken' }).click();
    await plain.waitForURL(/q=mantelzorger.*kind=initiatief/);
    const kinds = await plain.locator('.entry-list > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['initiatief']));
    await context.close();
  });

  it('opens a detail page from the list with partners, coverage, map and JSON-LD, and a friendly 404', async () => {
    await session.page.goto(`${baseUrl}/?q=Dukenburg`);
    await session.page.getByRole('link', { name: 'DementieNet Dukenburg' }).click();
    await session.page.waitForURL(/\/entries\/dementienet-dukenburg$/);
    await expect.poll(() => session.page.locator('h1').textContent()).toBe('DementieNet Dukenburg');
    expect(await session.page.locator('body').textContent()).toContain('VITAAL-3');

    await session.page.goto(`${baseUrl}/entries/alliantie-drentse-zorg-met-ouderen`);
    const jsonLd = JSON.parse((await session.page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(jsonLd).toMatchObject({ '@type': 'Organization', name: 'Alliantie Drentse Zorg met Ouderen' });
    expect(jsonLd.areaServed).toHaveLength(12);
    expect(await session.page.locator('.partner-groups dt').allTextContents()).toContain('Zorgaanbieders (2)');
    const assen = session.page.getByRole('row', { name: /^Assen/ });
    expect(await assen.getByRole('cell').allTextContents()).toEqual(['Drenthe', 'GGD Drenthe', 'Drenthe', 'Noord-Drenthe']);
    // The entry's own marker and one per proposed partner.
    await expect
      .poll(() => session.page.locator('.entry-map .entry-marker').count())
      .toBe(1 + (await session.page.locator('.match-card').count()));
    expect(await session.page.getByText('Laatst gecontroleerd').count()).toBe(1);

    const response = await session.page.goto(`${baseUrl}/entries/bestaat-niet`);
    expect(response?.status()).toBe(404);
    expect(await session.page.locator('h1').textContent()).toBe('Pagina niet gevonden');
    // The boundary shows the message the route threw, not a fixed text.
    expect(await session.page.locator('.error-page p').first().textContent()).toBe('Deze vermelding bestaat niet of is niet openbaar.');
    expect(await session.page.title()).toBe('Pagina niet gevonden — Samenspel');
    expect(await session.page.getByRole('link', { name: 'Terug naar de kaart' }).getAttribute('href')).toBe('/');
  });
});
