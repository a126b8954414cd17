import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { browserAvailable, useBrowserPage } from '../support/browser';
import { DEMO_CURATOR, publicOriginOf, signInPage, signUpAndVerify } from '../support/browser-accounts';

const baseUrl = inject('baseUrl');
const ORIGIN = publicOriginOf(baseUrl);
const PASSWORD = 'een lange zin als wachtwoord';
// Shown as typed in the other side's inbox, never run.
const MESSAGE = 'Wij zoeken een partner voor valpreventie in onze wijk. <img src=x onerror="window.xss=1">';

type Hit = { slug: string; name: string };

async function json<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function claim(page: Page, slug: string) {
  await page.goto(`${ORIGIN}/vermelding/${slug}/claimen`);
  await page.getByLabel('Wie ben je en wat is je rol?').fill('Ik ben de coördinator en beheer onze gegevens.');
  await page.getByRole('button', { name: 'Claim versturen' }).click();
  await page.getByText('Je verzoek is verstuurd.').waitFor();
}

describe.runIf(browserAvailable())('an introduction becomes a partnership (headless Chromium)', () => {
  // bypassCSP only for axe, which is injected as an inline script.
  const session = useBrowserPage({ bypassCSP: true });

  it('asks from a proposal, the other side accepts, and the partnership shows on both pages and the map', async () => {
    const { page, browser } = session;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // A demo initiative and its best proposal, both without an owner yet.
    const { hits } = await json<{ hits: Hit[] }>('/api/entries?kind=initiatief&q=mantelzorg&per_page=1');
    const initiative = hits[0]!;
    const { proposals } = await json<{ proposals: Array<{ entry: Hit }> }>(`/api/entries/${initiative.slug}/matches?limit=1`);
    const coalitie = proposals[0]!.entry;

    // Two members claim them; the demo curator approves both claims.
    const stamp = Date.now();
    const asker = { name: 'Ilse Initiatief', email: `e2e-intro-a-${stamp}@example.nl`, password: PASSWORD };
    const answerer = { name: 'Cor Coalitie', email: `e2e-intro-b-${stamp}@example.nl`, password: PASSWORD };
    await signUpAndVerify(page, browser, ORIGIN, asker);
    await claim(page, initiative.slug);
    const otherContext = await browser.newContext({ bypassCSP: true });
    const other = await otherContext.newPage();
    await signUpAndVerify(other, browser, ORIGIN, answerer);
    await claim(other, coalitie.slug);
    const curatorContext = await browser.newContext({ bypassCSP: true });
    const curator = await curatorContext.newPage();
    await signInPage(curator, ORIGIN, DEMO_CURATOR.email, DEMO_CURATOR.password);
    for (const slug of [initiative.slug, coalitie.slug]) {
      await curator.goto(`${ORIGIN}/beheer/beoordelen`);
      await curator
        .locator('li', { has: curator.locator(`a[href="/entries/${slug}"]`) })
        .getByRole('button', { name: 'Claim goedkeuren' })
        .click();
      await curator.waitForLoadState('networkidle');
    }
    await curator.goto(`${ORIGIN}/beheer/introducties`);
    expect(await seriousViolations(curator)).toEqual([]);
    await curatorContext.close();

    // The owner of the initiative asks from the proposal card on its page.
    await page.goto(`${ORIGIN}/entries/${initiative.slug}`);
    const card = page.locator('.match-card', { has: page.locator(`a[href="/entries/${coalitie.slug}"]`) });
    await card.getByText('Niet relevant').click();
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByRole('link', { name: `Vraag een introductie bij ${coalitie.name}` }).click();
    await page.getByRole('heading', { name: `Introductie vragen bij ${coalitie.name}` }).waitFor();
    expect(await page.getByLabel('Namens').inputValue()).toBe(initiative.slug);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Je bericht').fill(MESSAGE);
    await page.getByRole('button', { name: 'Verzoek versturen' }).click();
    await page.getByText('Je verzoek is verstuurd.').waitFor();
    // The card now says a request is open instead of offering another.
    await page.goto(`${ORIGIN}/entries/${initiative.slug}`);
    await card.getByText('Er loopt een verzoek om kennis te maken.').waitFor();

    // The other side reads it in the inbox, without the asker's address, and accepts.
    await other.goto(`${ORIGIN}/account/berichten`);
    const request = other.locator('.inbox-item', { hasText: initiative.name });
    await request.getByText(MESSAGE).waitFor();
    expect(await other.content()).not.toContain(asker.email);
    expect(await seriousViolations(other)).toEqual([]);
    await request.getByRole('button', { name: 'Accepteren' }).click();
    await other.getByText('Het verzoek is geaccepteerd.').waitFor();
    await other.getByRole('link', { name: asker.email }).waitFor();
    expect(await other.evaluate(() => (window as { xss?: number }).xss)).toBeUndefined();

    // The asker now has the other side's contact details.
    await page.goto(`${ORIGIN}/account/berichten`);
    await page.getByRole('link', { name: answerer.email }).waitFor();

    // Both detail pages list the partnership and draw it as a solid line.
    for (const [slug, partner] of [
      [initiative.slug, coalitie],
      [coalitie.slug, initiative],
    ] as const) {
      await page.goto(`${ORIGIN}/entries/${slug}`);
      const section = page.getByRole('region', { name: 'Samenwerkingen via Samenspel' });
      await section.getByRole('link', { name: partner.name }).waitFor();
      // Attached, not visible: two entries in one town make a line too short to count as visible.
      await page.locator('.entry-map[data-ready="true"] path.partnership-line').first().waitFor({ state: 'attached' });
    }
    // Partners are no longer proposed to each other.
    expect(await page.locator(`.match-card a[href="/entries/${initiative.slug}"]`).count()).toBe(0);

    // The directory map's partnership layer draws the line and lists the pair.
    await page.goto(`${ORIGIN}/`);
    await page.locator('.entry-map[data-ready="true"]').waitFor();
    await page.getByLabel('Samenwerkingen via Samenspel tonen (doorgetrokken lijnen)').check();
    await page.locator('.directory-map path.partnership-line').first().waitFor({ state: 'attached' });
    await page.getByText(/^1 samenwerking op de kaart/).click();
    const listed = page.locator('.partnership-layer li', { hasText: initiative.name });
    await listed.getByRole('link', { name: coalitie.name }).waitFor();

    await otherContext.close();
    expect(problems).toEqual([]);
  });
});
