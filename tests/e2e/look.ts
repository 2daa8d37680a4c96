/**
 * The engineer's screens as a reader sees them, in Chromium and Firefox alike: opened in a colour
 * scheme, at a width and a zoom, measured (type sizes, sideways overflow), checked with axe and
 * photographed into .cache/screenshots/. One small interface, one implementation per driver.
 */
import { writeFileSync } from 'node:fs';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { axe } from './axe';
import type { ExtensionBrowser } from './chromium';
import type { FirefoxExtension } from './firefox';
import { screenshotPath } from './screenshots';
import { fromPlaywright, fromPuppeteer, type UserPage } from './steps';

export type Scheme = 'light' | 'dark';

/** The popup's width (src/popup/popup.css), and a settings or welcome tab's window. */
export const POPUP = { width: 380, height: 600 } as const;
export const TAB = { width: 1000, height: 800 } as const;

export interface LookPage extends UserPage {
  /** axe's serious and critical findings. */
  axe(): Promise<string[]>;
  /** The page as it is now into .cache/screenshots/<name>.png, at 100% or 200% zoom. */
  screenshot(name: string, zoom?: 1 | 2): Promise<void>;
}

export interface LookBrowser {
  readonly name: 'chromium' | 'firefox';
  open(path: string, size: { width: number; height: number }): Promise<LookPage>;
}

/** Chromium: the scheme is emulated per page (CDP Emulation.setEmulatedMedia, through playwright). */
export function chromiumLook(browser: ExtensionBrowser, scheme: Scheme): LookBrowser {
  return {
    name: 'chromium',
    async open(path, size) {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(size);
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      return {
        ...fromPlaywright(page),
        axe: () => axe(page),
        screenshot: (name, zoom) => shootChromium(page, name, zoom),
      };
    },
  };
}

/** Firefox: the scheme was set when the browser started (FirefoxOptions.colorScheme). */
export function firefoxLook(browser: FirefoxExtension): LookBrowser {
  return {
    name: 'firefox',
    async open(path, size) {
      const page = await browser.open(path);
      await page.setViewport(size);
      return {
        ...fromPuppeteer(page),
        axe: () => axe(page),
        screenshot: (name, zoom) => shootFirefox(page, name, zoom),
      };
    },
  };
}

const twoFrames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

/**
 * 200% zoom lays a tab out at half its CSS width with two device pixels per CSS pixel. The popup
 * keeps its CSS width when zoomed (its window grows instead), so only the pixels double there.
 */
function zoomedWidth(width: number): number {
  return width === POPUP.width ? width : width / 2;
}

async function shootChromium(page: PlaywrightPage, name: string, zoom: 1 | 2 = 1): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const width =
    zoom === 2 ? zoomedWidth(page.viewportSize()?.width ?? TAB.width) : (page.viewportSize()?.width ?? TAB.width);
  const metrics = (height: number) =>
    cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: zoom, mobile: false });
  await metrics(page.viewportSize()?.height ?? TAB.height);
  await page.evaluate(twoFrames);
  await metrics(await page.evaluate(() => document.documentElement.scrollHeight));
  await page.evaluate(twoFrames);
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(screenshotPath(name), Buffer.from(data, 'base64'));
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  await cdp.detach();
}

async function shootFirefox(page: PuppeteerPage, name: string, zoom: 1 | 2 = 1): Promise<void> {
  const before = page.viewport() ?? TAB;
  const width = zoom === 2 ? zoomedWidth(before.width) : before.width;
  await page.setViewport({ width, height: before.height, deviceScaleFactor: zoom });
  await page.evaluate(twoFrames);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewport({ width, height, deviceScaleFactor: zoom });
  await page.evaluate(twoFrames);
  await page.screenshot({ path: screenshotPath(name) as `${string}.png` });
  await page.setViewport({ width: before.width, height: before.height });
}

/** The computed font size, in CSS pixels, of the first element matching each selector. */
export function fontSizes(page: UserPage, selectors: readonly string[]): Promise<Record<string, number>> {
  return page.evaluate(
    (list) =>
      Object.fromEntries(
        list.map((s) => {
          const element = document.querySelector(s);
          return [s, element ? Number.parseFloat(getComputedStyle(element).fontSize) : -1];
        }),
      ),
    selectors,
  );
}

/**
 * What sticks out of the window sideways: '' when nothing does (no sideways scrolling), else how
 * far the page is wider than its window and the elements reaching past its right edge.
 */
export function overflowX(page: UserPage): Promise<string> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const over = root.scrollWidth - root.clientWidth;
    const past = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}: ${e.textContent?.slice(0, 30)}`,
      );
    return over <= 0 && past.length === 0 ? '' : `${over}px wider: ${past.slice(0, 5).join(' | ')}`;
  }, undefined);
}

/** Whether the page is drawn in the dark scheme (its paper colour's lightness below a half). */
export function isDark(page: UserPage): Promise<boolean> {
  return page.evaluate(() => {
    const [r = 255, g = 255, b = 255] = (getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g) ?? [])
      .slice(0, 3)
      .map(Number);
    return (r + g + b) / 3 < 128;
  }, undefined);
}
