import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, useBrowserPage } from '../support/browser';

const baseUrl = inject('baseUrl');

/** A demo initiative with nine proposals, gaps among them; its best partner is the Radboudumc wijknetwerk. */
const SLUG = 'werkgroep-dementievriendelijk-dukenburg';

describe('the zonder-partner page over HTTP', () => {
  it('answers an unknown region and a bad layer with 400 and a Dutch message, not a 500', async () => {
    for (const [query, message] of [
      ['region=provincie:PV99', 'bestaat niet'],
      ['region=Gelderland', 'laag:code'],
      ['per=wijk', 'Tel per'],
    ]) {
      const response = await fetch(`${baseUrl}/zonder-partner?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text(), query).toContain(message);
    }
  });
});

describe.runIf(browserAvailable())('Mogelijke partners in Chromium', () => {
  const session = useBrowserPage();

  it('shows the best five with label, reasons and gaps, repeats them on the map with a line each, and links to each partner', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/entries/${SLUG}`);
    const section = page.locator('section.match-section');
    await expect(section.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Mogelijke partners');
    const cards = section.locator('.match-card');
    expect(await cards.count()).toBe(5);
    expect(await cards.first().locator('.match-label').textContent()).toMatch(/^(sterke|goede) match \(score 0,\d\d\)$/);
    expect(await cards.first().locator('.match-reasons li').allTextContents()).toContain('Het werkgebied van deze coalitie omvat Nijmegen');
    expect(await section.locator('.match-gaps li').first().textContent()).toMatch(/Zoekt .+ — deze coalitie biedt dat niet/);

    await page.locator('.entry-map[data-ready="true"]').waitFor();
    expect(await page.locator('.entry-map path.match-line').count()).toBe(5);
    // One marker for the entry itself, one per partner.
    expect(await page.locator('.entry-map .entry-marker').count()).toBe(6);

    const first = cards.first().getByRole('link');
    const partnerName = await first.textContent();
    await first.click();
    await page.waitForURL(/\/entries\/een-sterk-wijknetwerk-radboudumc-han-en-koh$/);
    await page.getByRole('heading', { level: 1, name: partnerName!, exact: true }).waitFor();
  });

  it('lists every proposal on the page of all proposals', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/entries/${SLUG}`);
    await page.getByRole('link', { name: /^Alle mogelijke partners/ }).click();
    await page.waitForURL(new RegExp(`/entries/${SLUG}/mogelijke-partners$`));
    await page.getByRole('heading', { level: 1, name: /^Mogelijke partners van / }).waitFor();
    const cards = page.locator('.match-card');
    expect(await cards.count()).toBe(9);
    expect(await cards.nth(8).locator('.match-reasons li').count()).toBeGreaterThan(0);
  });

  it('renders /zonder-partner from the header and filters it by a region', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Initiatieven zonder partner' }).click();
    await page.waitForURL(/\/zonder-partner$/);
    await page.getByRole('heading', { level: 1, name: 'Initiatieven zonder partner' }).waitFor();
    expect(await page.locator('.result-count').textContent()).toMatch(
      /zonder partner in heel Nederland, van \d+ gepubliceerde initiatieven\./,
    );

    await page.getByLabel('Regio').selectOption('provincie:PV25');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.waitForURL(/region=provincie%3APV25/);
    await page.locator('.result-count', { hasText: 'Gelderland' }).waitFor();
    expect(await page.locator('.result-count').textContent()).toMatch(/zonder partner in Gelderland, van \d+ gepubliceerde initiatieven\./);
    // Counting per layer is left to the page (per gemeente inside a region) unless chosen.
    expect(await page.getByLabel('Tel per').inputValue()).toBe('');
  });
});
