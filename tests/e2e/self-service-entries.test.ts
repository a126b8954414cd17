import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS } from '~/auth/demo-accounts.server';
import { seriousViolations } from '../support/axe';
import { browserAvailable, useBrowserPage } from '../support/browser';
import { signInPage, signUpAndVerify } from '../support/browser-accounts';

const baseUrl = inject('baseUrl');
// Forms are accepted only from the public origin (no PUBLIC_URL in the e2e app: localhost on its port).
const PUBLIC_ORIGIN = `http://localhost:${new URL(baseUrl).port}`;
const CURATOR = DEMO_ACCOUNTS.find((account) => account.role === 'curator')!;
const PASSWORD = 'een lange zin als wachtwoord';
const WORD = 'Kwikstaartkookclub';
// Stored as typed; it must show as text on the detail page, never run.
const NAME = `${WORD} <img src=x onerror="window.xss=1"><script>window.xss=2</script>`;

const signIn = (page: Page, email: string, password: string) => signInPage(page, PUBLIC_ORIGIN, email, password);

const next = (page: Page) => page.getByRole('button', { name: 'Opslaan en verder' }).click();

describe.runIf(browserAvailable())('a member registers an entry through every step; a curator approves it (headless Chromium)', () => {
  const session = useBrowserPage();
  const email = `e2e-vermelding-${Date.now()}@example.nl`;

  it('signs up, fills in every step, submits; the curator approves; the entry is searchable and shown inert', async () => {
    const { page, browser } = session;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await signUpAndVerify(page, browser, PUBLIC_ORIGIN, { name: 'Vera Vermelding', email, password: PASSWORD });

    await page.getByRole('link', { name: 'Vermelding toevoegen' }).click();
    await page.getByRole('heading', { name: 'Vermelding toevoegen' }).waitFor();
    // The browser checks the step first: the first invalid field gets the focus, with its message.
    await next(page);
    await page.getByText('Kies of dit een burgerinitiatief of een doe-coalitie is.').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kind');

    await page.getByLabel('Burgerinitiatief').check();
    await page.getByLabel('Naam', { exact: true }).fill(NAME);
    await page.getByLabel('Korte samenvatting').fill('Samen koken en eten met buurtgenoten van 70 jaar en ouder.');
    await page.getByLabel('Oprichtingsjaar (optioneel)').fill('2021');
    await page.getByLabel('Website (optioneel)').fill('https://kookclub.example');
    await next(page);

    // With JavaScript a click on the map picks a point; the postcode typed next takes precedence.
    await page.locator('.entry-map[data-ready="true"]').click();
    await page.getByText(/Gekozen punt: 5\d\.\d+, [3-7]\.\d+\./).waitFor();
    await page.getByLabel('Postcode (4 cijfers) of plaatsnaam').fill('6511');
    await next(page);
    await page.getByText('Stap 3 van 6').waitFor();
    await page.getByLabel('Ruimte maken voor burgerinitiatieven die bijdragen aan zelf en samen prettig ouder worden').check();
    await next(page);
    await page.getByText('Stap 4 van 6').waitFor();
    await page.getByRole('group', { name: 'Waar heb je behoefte aan?' }).getByLabel('Vrijwilligers').check();
    await next(page);
    await page.getByText('Stap 5 van 6').waitFor();
    await page.getByLabel('Partner 1', { exact: true }).fill('Wijkteam Oost');
    await next(page);
    await page.getByText('Stap 6 van 6').waitFor();
    await page.getByLabel('Fase').selectOption('vormgeven');
    await page.getByLabel('Gemeente', { exact: true }).check();
    await next(page);
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await page.waitForURL(`${PUBLIC_ORIGIN}/account/vermeldingen?ingediend=1`);
    await page.getByRole('cell', { name: 'wacht op beoordeling' }).waitFor();

    const curatorContext = await browser.newContext();
    const curator = await curatorContext.newPage();
    await signIn(curator, CURATOR.email, CURATOR.password);
    await curator.goto(`${PUBLIC_ORIGIN}/beheer/beoordelen`);
    const item = curator.locator('.review-list li', { hasText: WORD });
    await item.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
    await curator.getByText('Goedgekeurd en gepubliceerd.').waitFor();
    await curatorContext.close();

    // The outbox brings the entry into the search index shortly after.
    let hits: Array<{ name: string; slug: string }> = [];
    for (let attempt = 0; attempt < 60 && hits.length === 0; attempt++) {
      const body = (await (await fetch(`${baseUrl}/api/entries?q=${WORD}`)).json()) as { hits: typeof hits };
      hits = body.hits.filter((hit) => hit.name === NAME);
      if (hits.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(hits).toHaveLength(1);

    await page.goto(`${PUBLIC_ORIGIN}/entries/${hits[0]!.slug}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(NAME);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();

    // The approval counted as a check; "Klopt nog" confirms it again, in place.
    await page.goto(`${PUBLIC_ORIGIN}/account/vermeldingen`);
    const row = page.getByRole('row', { name: new RegExp(WORD) });
    await row.getByRole('button', { name: /^Klopt nog/ }).click();
    await row.getByText(/^Bevestigd: deze vermelding klopt nog, gecontroleerd op /).waitFor();
    expect(page.url()).toBe(`${PUBLIC_ORIGIN}/account/vermeldingen`);
    expect(problems).toEqual([]);
  });
});

describe.runIf(browserAvailable())('the entry form without JavaScript (headless Chromium)', () => {
  const session = useBrowserPage({ javaScriptEnabled: false });

  it('checks each step on the server, marks the invalid fields and saves the draft', async () => {
    const { page } = session;
    // The demo curator may add entries too; no sign-up needed here.
    await signIn(page, CURATOR.email, CURATOR.password);
    await page.goto(`${PUBLIC_ORIGIN}/vermelding/nieuw`);
    await page.getByLabel('Naam', { exact: true }).fill('x');
    await next(page);
    await page.getByText('Controleer deze stap:').waitFor();
    expect(await page.getByLabel('Naam', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#name-error').textContent()).toBe('De naam moet minstens 3 tekens lang zijn.');

    await page.getByLabel('Doe-coalitie').check();
    await page.getByLabel('Naam', { exact: true }).fill('Coalitie zonder script');
    await page.getByLabel('Korte samenvatting').fill('Een doe-coalitie die zonder JavaScript is ingevoerd.');
    await next(page);
    await page.getByText('Stap 2 van 6').waitFor();
    await page.getByLabel('Postcode (4 cijfers) of plaatsnaam').fill('Lemmer');
    await next(page);
    await page.getByText('Stap 3 van 6').waitFor();
    // Back to the saved step: the gemeente of the place found is the werkgebied, with its regions.
    await page.goto(page.url().replace(/onderwerpen$/, 'locatie'));
    await page.getByRole('rowheader', { name: 'De Fryske Marren' }).waitFor();
  });
});

describe.runIf(browserAvailable())('accessibility of the entry form and review pages (axe-core)', () => {
  // axe is injected as an inline script, which the app's Content-Security-Policy rightly refuses.
  const session = useBrowserPage({ bypassCSP: true });

  it('finds no serious or critical violations on every step, the overview and the review page', async () => {
    const { page } = session;
    await signIn(page, CURATOR.email, CURATOR.password);
    await page.goto(`${PUBLIC_ORIGIN}/vermelding/nieuw`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Burgerinitiatief').check();
    await page.getByLabel('Naam', { exact: true }).fill('Toegankelijk initiatief');
    await page.getByLabel('Korte samenvatting').fill('Een initiatief om de pagina’s te controleren.');
    await next(page);
    await page.getByText('Stap 2 van 6').waitFor();
    const draft = page.url().replace(/\/locatie$/, '');
    for (const step of ['basis', 'locatie', 'onderwerpen', 'behoeften', 'partners', 'organisatie', 'indienen']) {
      await page.goto(`${draft}/${step}`);
      expect({ step, violations: await seriousViolations(page) }).toEqual({ step, violations: [] });
    }
    for (const path of ['/account/vermeldingen', '/beheer/beoordelen']) {
      await page.goto(`${PUBLIC_ORIGIN}${path}`);
      expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
    }
  });
});
