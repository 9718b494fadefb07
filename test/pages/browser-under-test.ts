import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ApiUnderTest, startApi } from '../api/api-under-test';

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

/** The API listening on a port of its own, and a browser page signed in as nobody yet. */
export interface BrowserAndApi {
  api: ApiUnderTest;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  baseUrl: string;
}

/**
 * One browser for the suite, and for each test a fresh API (a new data folder, the clock at `now`) with what
 * `prepare` puts in it, and a fresh browser context in Danish.
 */
export const withBrowserAndApi = (now: string, prepare: (api: ApiUnderTest) => Promise<void> = async () => undefined): BrowserAndApi => {
  const state = {} as BrowserAndApi;
  beforeAll(async () => {
    state.browser = await launchBrowser();
  });
  afterAll(() => state.browser?.close());
  beforeEach(async () => {
    state.api = await startApi(now);
    await state.api.app.listen(0, '127.0.0.1');
    state.baseUrl = await state.api.app.getUrl();
    await prepare(state.api);
    state.context = await state.browser.newContext({ locale: 'da-DK' });
    state.context.setDefaultTimeout(10_000);
    state.page = await state.context.newPage();
  });
  afterEach(async () => {
    await state.context?.close();
    await state.api?.close();
  });
  return state;
};
