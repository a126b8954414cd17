import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../app/auth/demo-accounts.server';

/** Forms are accepted only from the public origin (no PUBLIC_URL in the e2e app: localhost on its port). */
export const publicOriginOf = (baseUrl: string) => `http://localhost:${new URL(baseUrl).port}`;

export const DEMO_ADMIN = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
export const DEMO_CURATOR = DEMO_ACCOUNTS.find((account) => account.role === 'curator')!;

/** Fills in and sends the sign-in form, whatever the answer. */
export async function submitSignIn(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(`${origin}/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** Signs in and waits for the account page. */
export async function signInPage(page: Page, origin: string, email: string, password: string): Promise<void> {
  await submitSignIn(page, origin, email, password);
  await page.waitForURL(`${origin}/account`);
}

/** The link in the newest outbox mail to `email` whose address matches `path`, as the demo admin reads it at /beheer/mail. */
export async function linkFromOutbox(browser: Browser, origin: string, email: string, path: RegExp): Promise<string> {
  const context = await browser.newContext();
  try {
    const admin = await context.newPage();
    await signInPage(admin, origin, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await admin.goto(`${origin}/beheer/mail`);
    const href = await admin
      .locator('article.mail', { hasText: `Aan: ${email}` })
      .first()
      .getByRole('link', { name: path })
      .getAttribute('href');
    if (!href) throw new Error(`No link ${path} in the mail to ${email}`);
    return href;
  } finally {
    await context.close();
  }
}

/** Signs up through the form, confirms the address through the mail outbox and signs in. */
export async function signUpAndVerify(
  page: Page,
  browser: Browser,
  origin: string,
  account: { name: string; email: string; password: string },
) {
  await page.goto(`${origin}/registreren`);
  await page.getByLabel('Naam').fill(account.name);
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(account.password);
  await page.getByLabel('Herhaal het wachtwoord').fill(account.password);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await page.getByRole('heading', { name: 'Controleer je e-mail' }).waitFor();
  await page.goto(await linkFromOutbox(browser, origin, account.email, /\/e-mail-bevestigen\//));
  await page.getByRole('button', { name: 'E-mailadres bevestigen' }).click();
  await page.getByText('Je e-mailadres is bevestigd.').waitFor();
  await signInPage(page, origin, account.email, account.password);
}
