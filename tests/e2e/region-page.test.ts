import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { browserAvailable, useBrowserPage } from '../support/browser';
import { tempPath } from '../support/paths';

const baseUrl = inject('baseUrl');

describe('region pages over HTTP', () => {
  it('renders a region page without JavaScript: figures, matrix, SVG charts with text', async () => {
    const response = await fetch(`${baseUrl}/regio/provincie/PV25`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Provincie Gelderland</h1>');
    expect(html).toContain('class="key-figures"');
    expect(html).toContain('class="agenda-matrix"');
    expect(html).toMatch(/<svg class="comparison-chart"[^>]*role="img"/);
    expect(html).toMatch(/<desc id="[^"]+">Initiatieven met formele partner: Gelderland \d+%, Nederland \d+%/);
  });

  it('answers unknown layers and codes with a Dutch 404 page', async () => {
    for (const path of ['/regio/wijk/GM0268', '/regio/provincie/PV99', '/regio/gemeente/nijmegen']) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain('Deze regio kennen we niet');
    }
  });
});

describe.runIf(browserAvailable())('a region page in Chromium', () => {
  // axe is injected as an inline script, which the app's Content-Security-Policy rightly refuses.
  const session = useBrowserPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } });

  it('goes from the header to "mijn gemeente" by postcode, and shows figures, matrix, the initiatieven without a partner and export links', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Regio’s' }).click();
    await page.waitForURL(/\/regio$/);
    await page.getByLabel('Plaatsnaam, gemeente of postcode (4 cijfers)').fill('6525');
    await page.getByRole('button', { name: 'Naar mijn gemeente' }).click();
    await page.waitForURL(/\/regio\/gemeente\/GM0268$/);
    await page.getByRole('heading', { level: 1, name: 'Gemeente Nijmegen' }).waitFor();

    const figures = page.locator('table.key-figures tbody tr');
    // Six figures and the three answers to the follow-up question.
    expect(await figures.count()).toBe(9);
    expect(await figures.last().locator('th').textContent()).toBe('Vervolgvraag “Heeft dit geleid tot samenwerking?”: nee');
    for (const row of await figures.all()) {
      expect(await row.locator('td').allTextContents()).toEqual([expect.stringMatching(/^\d/), expect.stringMatching(/^\d/)]);
    }
    expect(await page.locator('table.key-figures thead th').allTextContents()).toEqual(['Cijfer', 'Nijmegen', 'Nederland']);

    const topics = page.locator('table.agenda-matrix tr[data-topic]');
    expect(await topics.count()).toBe(20);
    const statuses = await topics.locator('.matrix-status').allTextContents();
    expect(new Set(statuses).size).toBeGreaterThan(1);
    expect(statuses.every((s) => ['Beide', 'Alleen formeel', 'Alleen informeel', 'Witte vlek'].includes(s))).toBe(true);
    // The shading follows the counts: an empty cell is white, a filled one darker.
    const firstFilled = page.locator('table.agenda-matrix td[class^="heat-"]:not(.heat-0)').first();
    expect(await firstFilled.evaluate((cell) => getComputedStyle(cell).backgroundColor)).not.toBe('rgb(255, 255, 255)');

    await page.getByRole('heading', { level: 2, name: 'Initiatieven zonder formele partner' }).waitFor();
    expect(await page.getByRole('link', { name: 'Initiatieven in Nijmegen die een verbinder nodig hebben' }).getAttribute('href')).toBe(
      '/zonder-partner?region=gemeente%3AGM0268',
    );

    // The wirwar: Nijmegen's regions, each a link.
    await page.locator('.memberships').getByRole('link', { name: 'GGD Gelderland-Zuid' }).waitFor();

    const exports = page.locator('.region-exports .export-links li a');
    expect(await exports.evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      '/api/export.csv?region=gemeente%3AGM0268',
      '/api/export.geojson?region=gemeente%3AGM0268',
      '/api/export.hsds.json?region=gemeente%3AGM0268',
    ]);
    expect(await page.getByRole('link', { name: 'Bekijk de vermeldingen in de lijst' }).getAttribute('href')).toBe(
      '/?region=gemeente%3AGM0268',
    );
    // The CSV of the region really downloads.
    const [download] = await Promise.all([page.waitForEvent('download'), exports.first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await page.getByText(/CSV is klaar: \d+ vermelding/).waitFor();

    await page.locator('.region-map[data-ready="true"]').waitFor();
    expect(await page.locator('.region-map .leaflet-overlay-pane path').count()).toBeGreaterThan(0);
    expect(await page.locator('.region-map .entry-marker, .region-map .cluster-marker').count()).toBeGreaterThan(0);

    expect(await seriousViolations(page)).toEqual([]);
  });

  it('follows the wirwar from a zorgkantoorregio to the GGD-regio’s it spans', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/regio/zorgkantoor/ZK16`);
    const ggd = page.locator('.overlaps li[data-ref="ggd:GG2014"]');
    expect(await ggd.textContent()).toContain('gedeeltelijk (12 van de 14 gemeenten daarvan)');
    await ggd.getByRole('link').click();
    await page.waitForURL(/\/regio\/ggd\/GG2014$/);
    await page.getByRole('heading', { level: 1, name: 'GGD-regio GGD Gelderland-Zuid' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('prints as a handout: no header, navigation, map or buttons; the figures and matrix stay', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/regio/provincie/PV25`);
    await page.locator('.region-map[data-ready="true"]').waitFor();
    await page.emulateMedia({ media: 'print' });
    try {
      for (const selector of ['.site-header', 'nav[aria-label="Hoofdmenu"]', '.site-footer', '.region-map', '.region-exports']) {
        expect(await page.locator(selector).isVisible(), selector).toBe(false);
      }
      expect(await page.locator('table.key-figures').isVisible()).toBe(true);
      expect(await page.locator('table.agenda-matrix').isVisible()).toBe(true);
      await page.screenshot({ path: tempPath('region-print', '.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    expect(await page.locator('.site-header').isVisible()).toBe(true);
  });
});
