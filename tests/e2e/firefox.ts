/**
 * The built extension in real Firefox ESR (puppeteer-core over WebDriver BiDi), installed as a
 * temporary add-on from the same dist/ Chromium loads. One browser per test file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { GECKO_ID } from '../../vite.config';
import { assertPrerequisites, DIST } from './chromium';
import { fromPuppeteer } from './steps';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxExtension {
  readonly browser: Browser;
  readonly origin: string;
  /** Open a page of the extension, e.g. 'src/popup/index.html', once its script has run. */
  open(path: string): Promise<Page>;
  /** Click the button labelled `label` on `page` and read the file it saves, once complete. */
  download(page: Page, label: string): Promise<Download>;
  /**
   * Resolves once Firefox has unloaded the event page (after `idleUnloadMs` idle), as seen from an
   * extension page: `extension.getViews()` lists the background page while it is loaded, without
   * waking it. Opens a quiet page of its own (trends, which sends the background nothing) for it.
   */
  backgroundUnloaded(): Promise<void>;
  /** SIGKILL Firefox (no polite close: nothing gets flushed) and wait until it is gone. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export interface Download {
  /** Where Firefox saved it. */
  readonly path: string;
  /** The name it was saved under. */
  readonly name: string;
  readonly text: string;
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
  /**
   * The colour scheme pages see (`prefers-color-scheme`). Set at launch: puppeteer's media
   * emulation does not reach Firefox over BiDi, and an extension page follows the content override.
   */
  readonly colorScheme?: 'light' | 'dark';
  /**
   * Leave open the welcome tab a first install opens. Otherwise, on a new or empty profile, it is
   * waited for and closed: opened while a test's page is in front, it would take the focus from it.
   */
  readonly keepWelcome?: boolean;
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
  // A new or empty profile: the extension's first install there, which opens the welcome tab.
  const firstInstall = !options.profile || !existsSync(options.profile) || readdirSync(options.profile).length === 0;
  const downloads = mkdtempSync(join(tmpdir(), 'pulse-firefox-downloads-'));
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
      ...(options.colorScheme
        ? {
            // 0 dark, 1 light; and the system's own theme to match, for pages that follow it.
            'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
            'ui.systemUsesDarkTheme': options.colorScheme === 'dark' ? 1 : 0,
          }
        : {}),
      // Downloads are saved, without asking, into a folder of the test's own. puppeteer's
      // downloadBehavior reaches Firefox over BiDi only for a new browser context (a container),
      // and the extension's pages live in the default one: the profile's prefs do it there. On
      // ESR 153 these three suffice (the "always ask" pref already defaults to false).
      'browser.download.folderList': 2, // 2: the folder in browser.download.dir
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
    },
  });
  await browser.installExtension(DIST);
  const origin = `moz-extension://${uuid}/`;
  if (firstInstall && !options.keepWelcome) await closeWelcome(browser, origin);
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
    async download(page, label) {
      const before = new Set(readdirSync(downloads));
      await fromPuppeteer(page).clickButton(label);
      return saved(downloads, before);
    },
    async backgroundUnloaded() {
      const page = await browser.newPage();
      page.goto(`${origin}src/trends/index.html`).catch(() => {});
      await untilLoaded(page, origin);
      const loaded = () =>
        page.evaluate(() =>
          (globalThis as unknown as { browser: { extension: { getViews(): Window[] } } }).browser.extension
            .getViews()
            .some((view) => view.location.pathname === '/_generated_background_page.html'),
        );
      await expect.poll(loaded, { timeout: 20_000, interval: 200 }).toBe(false);
      await page.close();
    },
    async kill() {
      const child = browser.process();
      if (!child?.pid) throw new Error('No Firefox process to kill');
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGKILL');
      await exited;
      rmSync(downloads, { recursive: true, force: true });
    },
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** The welcome tab a first install opens (background/welcome.ts), waited for and closed. */
async function closeWelcome(browser: Browser, origin: string): Promise<void> {
  const welcome = `${origin}src/welcome/index.html`;
  // Generous: a first start of the extension on a loaded two-core machine once took over 15 s.
  const deadline = Date.now() + 45_000;
  for (;;) {
    // Over BiDi a tab the extension opened reports about:blank as its url(): ask the page itself.
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href === welcome) return page.close();
    }
    if (Date.now() > deadline) throw new Error('The welcome page did not open on install.');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The one file saved into `folder` since `before`, once complete. Firefox first reserves the
 * name with an empty file and writes into a ".part" beside it, or into a randomly named file, then
 * moves that over the name. So the download is whole once one new, non-empty file, with no ".part"
 * beside it, has kept its name and size over a few polls; a file moved away between listing and
 * reading is just looked for again.
 */
async function saved(folder: string, before: ReadonlySet<string>): Promise<Download> {
  const deadline = Date.now() + 15_000;
  let last = '';
  let steady = 0;
  for (;;) {
    const names = readdirSync(folder);
    const fresh = names.filter((n) => !before.has(n) && !n.endsWith('.part'));
    const [name] = fresh;
    const size = name === undefined ? 0 : sizeOf(join(folder, name));
    const seen = fresh.length === 1 && size > 0 && !names.some((n) => n.endsWith('.part')) ? `${name}:${size}` : '';
    steady = seen !== '' && seen === last ? steady + 1 : 0;
    last = seen;
    if (name !== undefined && steady >= 2) {
      const path = join(folder, name);
      return { path, name, text: readFileSync(path, 'utf8') };
    }
    if (Date.now() > deadline) throw new Error(`No complete download in ${folder}: ${names.join(', ') || 'empty'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The file's size, or 0 when it is gone (Firefox moved it meanwhile). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
