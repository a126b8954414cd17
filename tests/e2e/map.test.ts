import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, useBrowserPage } from '../support/browser';

const baseUrl = inject('baseUrl');

describe('the map data endpoints over HTTP', () => {
  it('serves region boundaries as cacheable TopoJSON and explains unknown layers', async () => {
    const response = await fetch(`${baseUrl}/api/regions/corop`);
    expect(response.status).toBe(200);
    const etag = response.headers.get('etag')!;
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    const topology = (await response.json()) as { type: string; objects: { corop: { geometries: unknown[] } } };
    expect(topology.type).toBe('Topology');
    expect(topology.objects.corop.geometries).toHaveLength(40);
    expect((await fetch(`${baseUrl}/api/regions/corop`, { headers: { 'If-None-Match': etag } })).status).toBe(304);

    const unknown = await fetch(`${baseUrl}/api/regions/wijk`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/^Onbekende regiolaag 'wijk'/);
  });

  it('answers clusters and choropleth figures, and refuses bad parameters in Dutch', async () => {
    const clusters = (await (await fetch(`${baseUrl}/api/map/clusters?bbox=3.2,50.7,7.3,53.6&zoom=7&kind=coalitie`)).json()) as {
      type: string;
      total: number;
    };
    expect(clusters).toMatchObject({ type: 'FeatureCollection', total: 14 });
    const figures = (await (await fetch(`${baseUrl}/api/map/choropleth?layer=provincie&metric=count`)).json()) as {
      values: Record<string, number>;
    };
    expect(figures.values.PV22).toBeGreaterThan(0);

    for (const [query, param] of [
      ['bbox=7,50,3,53&zoom=7', 'bbox'],
      ['bbox=3,50,7,53&zoom=99', 'zoom'],
      ['bbox=3,50,7,53&zoom=7&topic=NOPE', 'topic'],
    ]) {
      const response = await fetch(`${baseUrl}/api/map/clusters?${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: Record<string, string> }).errors).toHaveProperty(param!);
    }
    const badLayer = await fetch(`${baseUrl}/api/map/choropleth?layer=wijk`);
    expect(badLayer.status).toBe(400);
    expect(((await badLayer.json()) as { error: string }).error).toMatch(/^Ongeldige parameter 'layer': Kies een regiolaag/);
  });

  it('gives a coalitie’s werkgebied as one shape, and a 404 for unknown entries', async () => {
    const response = await fetch(`${baseUrl}/api/entries/alliantie-drentse-zorg-met-ouderen/coverage`);
    const area = (await response.json()) as { type: string; geometry: { type: string }; properties: { gemeenten: string[] } };
    expect(area).toMatchObject({ type: 'Feature', geometry: { type: 'MultiPolygon' } });
    expect(area.properties.gemeenten).toHaveLength(12);
    expect((await fetch(`${baseUrl}/api/entries/bestaat-niet/coverage`)).status).toBe(404);
  });
});

describe.runIf(browserAvailable())('region layers on the map in headless Chromium', () => {
  const session = useBrowserPage({ viewport: { width: 1300, height: 900 } });

  it('switches region layers, shades them with a legend and table, and filters by clicking a region', async () => {
    await session.page.goto(`${baseUrl}/?map=7%2F52.2%2F5.3`);
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    await session.page.getByLabel("GGD-regio's").check();
    await session.page.waitForURL(/layer=ggd/);
    await expect.poll(() => session.page.locator('path.region-shape').count()).toBe(25);

    await session.page.getByLabel("Kleur de regio's naar").selectOption('count');
    await session.page.waitForURL(/shade=count/);
    await session.page.locator('.shade-legend').waitFor();
    await session.page.getByText(/^Tabel: aantal vermeldingen per ggd-regio/).click();
    const firstRow = session.page.locator('.shade-table tbody tr').first();
    expect(await firstRow.locator('td').textContent()).toMatch(/^\d+ vermelding(en)?$/);

    await session.page.getByLabel('COROP-regio').check();
    await expect.poll(() => session.page.locator('path.region-shape').count()).toBe(40);
    await session.page.getByLabel("GGD-regio's").check();
    await expect.poll(() => session.page.locator('path.region-shape').count()).toBe(25);

    // Clicking GGD Gelderland-Zuid filters the directory on it, keeping the layer and view.
    await session.page.locator('path.region-GG2014').dispatchEvent('click');
    await session.page.waitForURL(/region=ggd%3AGG2014/);
    await expect.poll(() => session.page.locator('.entry-list > li h3').allTextContents()).toContain('DementieNet Dukenburg');
    await expect.poll(() => session.page.getByLabel('Regio', { exact: true }).inputValue()).toBe('ggd:GG2014');
    expect(session.page.url()).toMatch(/layer=ggd/);
    const names = await session.page.locator('.entry-list > li h3').allTextContents();
    await expect.poll(() => session.page.locator('.map-status').textContent()).toBe(`Op de kaart: ${names.length} vermeldingen.`);
  });

  it('draws a coalitie’s werkgebied when its card opens', async () => {
    await session.page.goto(`${baseUrl}/?q=Alliantie+Drentse&map=13%2F53.0%2F6.56`);
    const marker = session.page.locator('.leaflet-marker-pane .entry-marker--coalitie[title^="Doe-coalitie: Alliantie Drentse"]');
    await marker.waitFor();
    await marker.focus();
    await session.page.keyboard.press('Enter');
    await session.page.locator('.leaflet-popup .map-card').waitFor();
    await expect.poll(() => session.page.locator('.leaflet-overlay-pane path[stroke-dasharray="5 4"]').count()).toBe(1);
    await session.page.keyboard.press('Escape');
    await expect.poll(() => session.page.locator('.leaflet-overlay-pane path[stroke-dasharray="5 4"]').count()).toBe(0);
    expect(await marker.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('finds a place or postcode offline, centres the map there and sorts the list by distance', async () => {
    await session.page.goto(`${baseUrl}/?map=7%2F52.2%2F5.3`);
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    await session.page.getByLabel('Ga naar een plaats of postcode').fill('6533');
    await session.page.getByRole('button', { name: /^6533 — Nijmegen/ }).click();
    await session.page.waitForURL(/sort=distance/);
    expect(new URL(session.page.url()).searchParams.get('map')).toMatch(/^12\/51\.8\d+\/5\.8\d+$/);
    const near = new URL(session.page.url()).searchParams.get('near')!.split(',').map(Number);
    expect(near[0]).toBeCloseTo(51.82, 1);
    await expect.poll(() => session.page.locator('.entry-list > li').first().textContent()).toMatch(/ km/);
    const distances = (await session.page
      .locator('.entry-list > li')
      .evaluateAll((items) => items.map((item) => Number(/([\d,]+) km/.exec(item.textContent ?? '')?.[1]?.replace(',', '.'))))) as number[];
    expect(distances.every(Number.isFinite)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(10);
    expect(await session.page.getByLabel('Afstand vanaf').inputValue()).toMatch(/^6533 — Nijmegen/);
  });

  it('takes a place typed in the form, keeps it while filtering and clears it on request', async () => {
    await session.page.goto(`${baseUrl}/`);
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    const field = session.page.getByLabel('Afstand vanaf');
    await field.fill('Nijmegen');
    await field.press('Enter');
    await session.page.waitForURL(/near=51\.8/);
    await expect.poll(() => field.inputValue()).toBe('Nijmegen');
    await session.page.getByLabel(/^Burgerinitiatieven/).check();
    await session.page.waitForURL(/kind=initiatief/);
    const filtered = new URL(session.page.url()).searchParams;
    expect(filtered.get('near')).toMatch(/^51\.8/);
    expect(filtered.has('plaats')).toBe(false);
    await session.page.getByRole('link', { name: 'Afstand wissen' }).click();
    await session.page.waitForURL((url) => !url.searchParams.has('near'));
    await expect.poll(() => field.inputValue()).toBe('');
    expect(new URL(session.page.url()).searchParams.get('kind')).toBe('initiatief');
  });

  it('uses the browser’s location when allowed', async () => {
    const context = await session.browser.newContext({
      geolocation: { latitude: 53.2012, longitude: 5.7999 },
      permissions: ['geolocation'],
    });
    const located = await context.newPage();
    await located.goto(baseUrl);
    await located.locator('.entry-map[data-ready="true"]').waitFor();
    await located.getByRole('button', { name: 'Gebruik mijn locatie' }).click();
    await located.waitForURL(/near=53\.2012/);
    expect(await located.locator('.place-status').textContent()).toBe(
      'Kaart gecentreerd op je locatie; de lijst is gesorteerd op afstand.',
    );
    await context.close();
  });
});
