import fs from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const hasChromium = fs.existsSync(CHROMIUM);

/** Without a browser the end-to-end tests skip locally; in CI (CI=true) a missing browser fails the run. */
export function browserAvailable(): boolean {
  if (!hasChromium && process.env.CI === 'true') {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium".`);
  }
  return hasChromium;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A browser and one page for the tests of the enclosing describe block, closed after them. */
export function useBrowserPage(options?: BrowserContextOptions): { browser: Browser; page: Page } {
  const session = {} as { browser: Browser; page: Page };
  beforeAll(async () => {
    session.browser = await launchBrowser();
    session.page = await session.browser.newPage(options);
  });
  afterAll(() => session.browser?.close());
  return session;
}
