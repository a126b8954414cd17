import { describe, expect, inject, it } from 'vitest';
import { seriousViolations } from '../support/axe';
import { browserAvailable, useBrowserPage } from '../support/browser';

const baseUrl = inject('baseUrl');

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
