import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS } from '~/auth/demo-accounts.server';
import { seriousViolations } from '../support/axe';
import { browserAvailable, useBrowserPage } from '../support/browser';
import { submitSignIn } from '../support/browser-accounts';

const baseUrl = inject('baseUrl');
// Forms are accepted only from the public origin (no PUBLIC_URL in the e2e app: localhost on its port).
const PUBLIC_ORIGIN = `http://localhost:${new URL(baseUrl).port}`;
const ADMIN = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
const PASSWORD = 'een lange zin als wachtwoord';

const signIn = (page: Page, email: string, password: string) => submitSignIn(page, PUBLIC_ORIGIN, email, password);

describe.runIf(browserAvailable())('privacy in headless Chromium: download my data, delete my account', () => {
  // bypassCSP only for axe, which is injected as an inline script.
  const session = useBrowserPage({ bypassCSP: true, acceptDownloads: true });
  const email = `privacy-${Date.now()}@example.nl`;

  /** The newest mail to `email` as the demo admin sees it at /beheer/mail, in a browser context of its own. */
  async function newestMail(subject: string) {
    const context = await session.browser.newContext();
    const admin = await context.newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL(`${PUBLIC_ORIGIN}/account`);
    await admin.goto(`${PUBLIC_ORIGIN}/beheer/mail`);
    const mail = admin
      .locator('article.mail', { hasText: `Aan: ${email}` })
      .filter({ hasText: subject })
      .first();
    const body = (await mail.locator('.mail-body').textContent()) ?? '';
    const link = await mail
      .getByRole('link', { name: /\/e-mail-bevestigen\// })
      .getAttribute('href', { timeout: 1000 })
      .catch(() => null);
    await context.close();
    return { body, link };
  }

  it('links the privacy page from the footer and the sign-up form, with no serious accessibility findings', async () => {
    const { page } = session;
    await page.goto(`${PUBLIC_ORIGIN}/registreren`);
    await page.getByRole('main').getByRole('link', { name: 'privacyverklaring' }).click();
    await page.waitForURL(`${PUBLIC_ORIGIN}/privacy`);
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Je rechten en hoe je ze gebruikt' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'privacy@samenspel.invalid' }).getAttribute('href')).toBe(
      'mailto:privacy@samenspel.invalid',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${PUBLIC_ORIGIN}/`);
    expect(await page.locator('footer').getByRole('link', { name: 'Privacy' }).getAttribute('href')).toBe('/privacy');
  });

  it('signs up through the mail outbox, downloads the data, deletes the account and cannot sign in again', async () => {
    const { page } = session;
    await page.goto(`${PUBLIC_ORIGIN}/registreren`);
    await page.getByLabel('Naam').fill('Priva Cy');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Herhaal het wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByRole('heading', { name: 'Controleer je e-mail' }).waitFor();

    const { link } = await newestMail('Bevestig je e-mailadres');
    await page.goto(link!);
    await page.getByRole('button', { name: 'E-mailadres bevestigen' }).click();
    await page.getByText('Je e-mailadres is bevestigd. Je kunt nu inloggen.').waitFor();
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${PUBLIC_ORIGIN}/account`);
    expect(await seriousViolations(page)).toEqual([]);

    // The download, as the browser saves it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download mijn gegevens' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^samenspel-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
      account: { email: string; name: string; role: string; emailVerifiedAt: string | null };
      sessions: Array<{ thisDevice: boolean }>;
      mail: Array<{ subject: string }>;
    };
    expect(data.account).toMatchObject({ email, name: 'Priva Cy', role: 'member' });
    expect(data.account.emailVerifiedAt).toBeTruthy();
    expect(data.sessions).toEqual([expect.objectContaining({ thisDevice: true })]);
    expect(data.mail.map((mail) => mail.subject)).toEqual(['Bevestig je e-mailadres voor Samenspel']);

    await page.getByRole('link', { name: 'Account verwijderen' }).click();
    await page.waitForURL(`${PUBLIC_ORIGIN}/account/verwijderen`);
    expect(await seriousViolations(page)).toEqual([]);

    // A wrong password: the message sits next to the field, which gets the focus.
    await page.getByLabel('Je wachtwoord').fill('niet mijn wachtwoord');
    await page.getByRole('button', { name: 'Account definitief verwijderen' }).click();
    await page.locator('#password-error').waitFor();
    expect(await page.locator('#password-error').textContent()).toBe('Dit is niet je wachtwoord.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Je wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Account definitief verwijderen' }).click();
    await page.waitForURL(`${PUBLIC_ORIGIN}/account/verwijderd`);
    await page.getByRole('heading', { name: 'Je account is verwijderd' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Account' }).textContent()).toBe('Inloggen');
    expect(await seriousViolations(page)).toEqual([]);

    const { body } = await newestMail('Je account bij Samenspel is verwijderd');
    expect(body).toContain('Hallo Priva Cy,');

    await signIn(page, email, PASSWORD);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      'Dit e-mailadres en wachtwoord horen niet bij een account. Controleer ze en probeer het opnieuw.',
    );
    await page.goto(`${PUBLIC_ORIGIN}/account/gegevens`);
    expect(page.url()).toBe(`${PUBLIC_ORIGIN}/inloggen?terug=%2Faccount%2Fgegevens`);
  });

  it('shows curators the entries awaiting a new owner, with no serious accessibility findings', async () => {
    const curator = DEMO_ACCOUNTS.find((account) => account.role === 'curator')!;
    const context = await session.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, curator.email, curator.password);
    await page.waitForURL(`${PUBLIC_ORIGIN}/account`);
    await page.goto(`${PUBLIC_ORIGIN}/beheer/beoordelen`);
    await page.getByRole('heading', { name: 'Vermeldingen zonder beheerder' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
