import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, useBrowserPage } from '../support/browser';

const baseUrl = inject('baseUrl');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** WCAG 2.1 A and AA rules, as Dutch public bodies must meet; only serious and critical findings fail. */
async function seriousViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
}

describe.runIf(browserAvailable())('accessibility (axe-core)', () => {
  // axe is injected as an inline script, which the app's Content-Security-Policy rightly refuses.
  const session = useBrowserPage({ bypassCSP: true });

  it('finds no serious or critical violations on the home page with the map drawn', async () => {
    await session.page.goto(`${baseUrl}/?kind=coalitie`);
    await session.page.locator('.entry-map[data-ready="true"]').waitFor();
    expect(await seriousViolations(session.page)).toEqual([]);
  });

  it('finds no serious or critical violations on a detail page', async () => {
    await session.page.goto(`${baseUrl}/entries/alliantie-drentse-zorg-met-ouderen`);
    await session.page.locator('.entry-map[data-ready="true"] path.match-line').first().waitFor({ state: 'attached' });
    expect(await seriousViolations(session.page)).toEqual([]);
  });

  it('finds no serious or critical violations on the page of all proposals and on /zonder-partner', async () => {
    await session.page.goto(`${baseUrl}/entries/werkgroep-dementievriendelijk-dukenburg/mogelijke-partners`);
    expect(await seriousViolations(session.page)).toEqual([]);
    await session.page.goto(`${baseUrl}/zonder-partner?region=provincie:PV25`);
    expect(await seriousViolations(session.page)).toEqual([]);
    await session.page.goto(`${baseUrl}/zonder-partner?region=bestaat-niet`);
    expect(await seriousViolations(session.page)).toEqual([]);
  });

  it('finds no serious or critical violations on an empty result and on the 404 page', async () => {
    await session.page.goto(`${baseUrl}/?q=zzzzqqq`);
    expect(await seriousViolations(session.page)).toEqual([]);
    await session.page.goto(`${baseUrl}/entries/bestaat-niet`);
    expect(await seriousViolations(session.page)).toEqual([]);
  });

  it('finds no serious or critical violations on the account pages, also with error messages shown', async () => {
    // Forms post only from the public origin (localhost on the app's port).
    const publicOrigin = `http://localhost:${new URL(baseUrl).port}`;
    for (const path of ['/registreren', '/wachtwoord-vergeten', '/inloggen']) {
      await session.page.goto(`${publicOrigin}${path}`);
      expect(await seriousViolations(session.page), path).toEqual([]);
    }
    await session.page.getByLabel('E-mailadres').fill('geen-adres');
    await session.page.getByRole('button', { name: 'Inloggen' }).click();
    await session.page.locator('#email-error').waitFor();
    expect(await seriousViolations(session.page)).toEqual([]);
  });
});
