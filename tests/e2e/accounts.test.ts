import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS } from '~/auth/demo-accounts.server';
import { browserAvailable, useBrowserPage } from '../support/browser';
import { submitSignIn } from '../support/browser-accounts';
import { leaksInternals, rawRequest } from '../support/raw-http';

const baseUrl = inject('baseUrl');
// Forms are accepted only from the public origin (no PUBLIC_URL in the e2e app: localhost on its port).
const PUBLIC_ORIGIN = `http://localhost:${new URL(baseUrl).port}`;
const ADMIN = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
// Stored as typed; it must show as text wherever it appears, never run.
const NAME = `<img src=x onerror="window.xss=1">Test<script>window.xss=2</script>`;
const PASSWORD = 'een lange zin als wachtwoord';

/** Page errors and CSP violations while the test runs. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text())) problems.push(message.text());
  });
  return problems;
}

const signIn = (page: Page, email: string, password: string) => submitSignIn(page, PUBLIC_ORIGIN, email, password);

describe.runIf(browserAvailable())('an account from sign-up to sign-out in headless Chromium', () => {
  const session = useBrowserPage();
  const email = `e2e-${Date.now()}@example.nl`;

  it('signs up, confirms the address through the mail outbox, signs in, shows the account and signs out', async () => {
    const { page, browser } = session;
    const problems = watchProblems(page);

    await page.goto(`${PUBLIC_ORIGIN}/registreren`);
    await page.getByLabel('Naam').fill(NAME);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Herhaal het wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByRole('heading', { name: 'Controleer je e-mail' }).waitFor();

    // The demo admin reads the stored message at /beheer/mail, in a browser of their own.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL(`${PUBLIC_ORIGIN}/account`);
    await admin.goto(`${PUBLIC_ORIGIN}/beheer/mail`);
    const mail = admin.locator('article.mail', { hasText: `Aan: ${email}` }).first();
    expect(await mail.locator('.mail-body').textContent()).toContain(`Hallo ${NAME},`);
    const link = await mail.getByRole('link', { name: /\/e-mail-bevestigen\// }).getAttribute('href');
    expect(link).toMatch(new RegExp(`^${PUBLIC_ORIGIN}/e-mail-bevestigen/[A-Za-z0-9_-]{43}$`));
    await adminContext.close();

    await page.goto(link!);
    await page.getByRole('button', { name: 'E-mailadres bevestigen' }).click();
    await page.getByText('Je e-mailadres is bevestigd. Je kunt nu inloggen.').waitFor();

    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${PUBLIC_ORIGIN}/account`);
    await page.getByRole('heading', { name: 'Mijn account' }).waitFor();
    expect(await page.locator('dl').textContent()).toBe(`Naam${NAME}E-mailadres${email}Rollid`);
    expect(await page.getByRole('navigation', { name: 'Account' }).textContent()).toBe(`Mijn account (${NAME})`);
    // The stored HTML stayed text: no element was made of it and nothing ran.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { xss?: number }).xss)).toBeUndefined();

    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'samenspel_sessie')).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

    // Personal data: kept by no cache.
    const accountPage = await page.goto(`${PUBLIC_ORIGIN}/account`);
    expect(accountPage?.headers()['cache-control']).toBe('no-store');

    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.getByText('Je bent uitgelogd.').waitFor();
    expect(await page.getByRole('navigation', { name: 'Account' }).textContent()).toBe('Inloggen');
    await page.goto(`${PUBLIC_ORIGIN}/account`);
    expect(page.url()).toBe(`${PUBLIC_ORIGIN}/inloggen?terug=%2Faccount`);
    expect(problems).toEqual([]);
  });

  it('works without JavaScript: the server checks the form and marks the invalid fields', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${PUBLIC_ORIGIN}/inloggen`);
    await page.getByLabel('E-mailadres').fill('geen-adres');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const emailField = page.getByLabel('E-mailadres');
    await page.locator('#email-error').waitFor();
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await emailField.getAttribute('aria-describedby')).toBe('email-error');
    expect(await page.locator('#email-error').textContent()).toBe('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.');

    await page.getByLabel('E-mailadres').fill('niemand@example.nl');
    await page.getByLabel('Wachtwoord').fill('een gok');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(
      'Dit e-mailadres en wachtwoord horen niet bij een account. Controleer ze en probeer het opnieuw.',
    );
    await context.close();
  });

  it('checks in the browser with the shared schema and moves the focus to the first invalid field', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${PUBLIC_ORIGIN}/registreren`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Naam').fill('Anna');
    await page.getByLabel('E-mailadres').fill('anna@');
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.locator('#email-error').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    expect(await page.locator('#password-error').textContent()).toBe('Kies een wachtwoord van minstens 12 tekens.');
    await page.close();
  });
});

describe('cross-site posts to the running app', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ["the app's own address that is not its public origin", { origin: baseUrl }],
  ])('answers 403 with a Dutch message to a form posted from %s', async (_name, headers) => {
    for (const path of ['/inloggen', '/uitloggen', '/registreren.data']) {
      const { status, body } = await rawRequest(baseUrl, 'POST', path, { ...form, ...headers });
      expect(status, path).toBe(403);
      expect(body, path).toContain('Dit formulier is geweigerd');
    }
  });

  it('answers 403 to a post without Origin whose Referer is another site, or without the CSRF token', async () => {
    // A browser on the public origin sends its host too; Remix compares the two.
    const publicHost = new URL(PUBLIC_ORIGIN).host;
    const variants: Array<Record<string, string>> = [{ referer: 'https://evil.example/x' }, { origin: PUBLIC_ORIGIN, host: publicHost }];
    for (const headers of variants) {
      const { status, body } = await rawRequest(baseUrl, 'POST', '/wachtwoord-vergeten', { ...form, ...headers });
      expect(status).toBe(403);
      expect(body).toContain('Dit formulier is geweigerd');
      expect(leaksInternals(body)).toEqual([]);
    }
  });

  it('answers a same-origin post with an unreadable body with 400, not a stack trace', async () => {
    const { status, body } = await rawRequest(baseUrl, 'POST', '/inloggen', {
      'content-type': 'multipart/form-data',
      origin: PUBLIC_ORIGIN,
      host: new URL(PUBLIC_ORIGIN).host,
    });
    expect(status).toBe(400);
    expect(body).toContain('Dit formulier kon niet worden gelezen.');
    expect(leaksInternals(body)).toEqual([]);
  });
});
