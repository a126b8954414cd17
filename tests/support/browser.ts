import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
