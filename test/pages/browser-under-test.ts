import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs where it is missing; a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the browser tests leave a screenshot of each page they visit; the README names this folder. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'reports', 'screenshots');

export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) console.log(`Skipping the browser tests: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it).`);

/** Runs the suite where Chromium is installed, and says why not where it is not. */
export const describeInBrowser: jest.Describe = chromiumMissing ? describe.skip : describe;

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    // As root in a sandboxed machine with no way out: no sandbox of Chromium's own, and no calls home.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });

export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** Signs in on the sign-in page, as a person would: by typing and pressing Enter. */
export const signInAs = async (page: Page, baseUrl: string, email: string, password: string): Promise<void> => {
  await page.goto(`${baseUrl}/log-ind`);
  await page.getByLabel('E-mailadresse').fill(email);
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByLabel('Adgangskode').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/log-ind'));
};
