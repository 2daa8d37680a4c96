/**
 * The built extension in real Firefox ESR (puppeteer-core over WebDriver BiDi), installed as a
 * temporary add-on from the same dist/ Chromium loads. One browser per test file.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../vite.config';
import { assertPrerequisites, DIST } from './chromium';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxExtension {
  readonly browser: Browser;
  readonly origin: string;
  /** Open a page of the extension, e.g. 'src/popup/index.html', once its script has run. */
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  /** Unload the background (an event page in Firefox) after this much idle time, as it may in real use. */
  readonly idleUnloadMs?: number;
  /** A profile to reuse across launches (a browser restart); a fresh one otherwise. */
  readonly profile?: string;
  /** The moz-extension:// host to keep across launches of one profile. */
  readonly uuid?: string;
  /** Firefox's UI language (needs its language pack: Debian's firefox-esr-l10n-<language>). */
  readonly language?: string;
}

/**
 * Wait until the page shows the extension's document, loaded. A script evaluated while Firefox
 * swaps documents can fail inside its BiDi code ("right-hand side of 'in' should be an object"),
 * a race of the driver, not of the page: an evaluation that meets it is simply tried again.
 */
async function untilLoaded(page: Page, origin: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForFunction(
        (o) => location.href.startsWith(o) && document.readyState === 'complete',
        { timeout: 15_000 },
        origin,
      );
      return;
    } catch (error) {
      // puppeteer wraps the driver's error: "Waiting failed", caused by the ProtocolError.
      const text = `${String(error)} ${String((error as { cause?: unknown }).cause)}`;
      if (attempt >= 5 || !text.includes('Protocol error')) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxExtension> {
  assertPrerequisites();
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `Firefox not found at ${FIREFOX_PATH}. Install it with: apt-get update && apt-get install -y firefox-esr ` +
        '(or set FIREFOX_PATH); .ci/run does.',
    );
  }
  const uuid = options.uuid ?? crypto.randomUUID(); // fixes the moz-extension:// host
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: ['--remote-allow-system-access'],
    ...(options.profile ? { userDataDir: options.profile } : {}),
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // The permission prompt of "Allow and join" is accepted as a user's click on Allow would.
      'extensions.webextOptionalPermissionPrompts': false,
      ...(options.idleUnloadMs === undefined ? {} : { 'extensions.background.idle.timeout': options.idleUnloadMs }),
      // A temporary add-on is uninstalled when Firefox closes: keep its storage and host for a restart.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      ...(options.language ? { 'intl.locale.requested': options.language } : {}),
    },
  });
  await browser.installExtension(DIST);
  const origin = `moz-extension://${uuid}/`;
  return {
    browser,
    origin,
    async open(path) {
      const page = await browser.newPage();
      // Over BiDi a moz-extension:// navigation does not resolve: start it, then wait for the page.
      page.goto(origin + path).catch(() => {});
      await untilLoaded(page, origin);
      return page;
    },
    close: () => browser.close(),
  };
}
