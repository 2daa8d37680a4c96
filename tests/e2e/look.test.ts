/**
 * What an engineer sees, in Chromium and Firefox, English and German, light and dark: the same type
 * sizes in both browsers (Chromium's extension pages shrink the body to 75% unless a page sizes it),
 * body text at least 14 px; no serious or critical axe finding in either scheme; no sideways
 * scrolling in the popup; and screenshots of every screen at 100% and 200% zoom into
 * .cache/screenshots/ for a reviewer to open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { type FirefoxExtension, launchFirefox } from './firefox';
import {
  chromiumLook,
  firefoxLook,
  fontSizes,
  isDark,
  type LookBrowser,
  type LookPage,
  overflowX,
  POPUP,
  type Scheme,
  TAB,
} from './look';

let open: (ExtensionBrowser | FirefoxExtension)[] = [];
afterEach(async () => {
  await Promise.all(open.map((b) => b.close()));
  open = [];
});

async function chromium(scheme: Scheme, language?: string): Promise<LookBrowser> {
  const browser = await launchExtension(undefined, language);
  open.push(browser);
  return chromiumLook(browser, scheme);
}

async function firefox(scheme: Scheme, language?: string): Promise<LookBrowser> {
  const browser = await launchFirefox({ colorScheme: scheme, ...(language ? { language } : {}) });
  open.push(browser);
  return firefoxLook(browser);
}

const POPUP_TYPE = ['body', 'h1', 'legend', '.scale-option', '.hint', 'button.primary'];
const OPTIONS_TYPE = ['body', 'h1', 'h2', 'p', 'button', 'label'];
const WELCOME_TYPE = ['body', 'h1', 'p.lead', '.promise li', '.pin-steps li'];

describe('type', () => {
  it('is the same size in Chromium and Firefox, the body at least 14 px', async () => {
    const sizes: Record<string, Record<string, number>> = {};
    for (const look of [await chromium('light'), await firefox('light')]) {
      const popup = await look.open('src/popup/index.html', POPUP);
      await popup.waitFor('input[type=radio]');
      const options = await look.open('src/options/index.html', TAB);
      await options.waitFor('#data-summary');
      const welcome = await look.open('src/welcome/index.html', TAB);
      await welcome.waitFor('#pin');
      sizes[look.name] = {
        ...prefixed('popup', await fontSizes(popup, POPUP_TYPE)),
        ...prefixed('options', await fontSizes(options, OPTIONS_TYPE)),
        ...prefixed('welcome', await fontSizes(welcome, WELCOME_TYPE)),
      };
    }
    expect(sizes.chromium?.['popup body']).toBeGreaterThanOrEqual(14);
    expect(sizes.chromium?.['options body']).toBeGreaterThanOrEqual(14);
    expect(sizes.chromium?.['welcome body']).toBeGreaterThanOrEqual(14);
    // Every element found (-1 would be a selector that matched nothing), none below 11.9 px (0.85rem).
    expect(Object.values(sizes.chromium ?? {}).filter((px) => px < 11.9)).toEqual([]);
    expect(sizes.firefox).toEqual(sizes.chromium);
  });
});

function prefixed(page: string, sizes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(sizes).map(([selector, px]) => [`${page} ${selector}`, px]));
}

/** axe finds nothing serious, nothing scrolls sideways, and the screen is photographed at both zooms. */
async function check(page: LookPage, name: string, { popup }: { popup: boolean }): Promise<void> {
  expect(await page.axe(), name).toEqual([]);
  if (popup) expect(await overflowX(page), name).toBe('');
  await page.screenshot(name, 1);
  await page.screenshot(name.concat('-200'), 2);
  if (popup) expect(await overflowX(page), `${name} at 200%`).toBe('');
}

/** Every screen of the engineer's: the first statement, the comment, the thank-you, settings, welcome. */
async function everyScreen(look: LookBrowser, scheme: Scheme, language: string): Promise<void> {
  const tag = `${look.name}-${language}-${scheme}`;
  const popup = await look.open('src/popup/index.html', POPUP);
  await popup.waitFor('input[type=radio]');
  expect(await isDark(popup)).toBe(scheme === 'dark');
  await check(popup, `popup-question-${tag}`, { popup: true });
  for (const key of ['4', 's', '5', '2']) {
    await popup.press(key);
    await popup.press('Enter');
  }
  await popup.waitFor('textarea#comment');
  await check(popup, `popup-comment-${tag}`, { popup: true });
  await popup.press('Enter');
  await popup.waitFor('table.history');
  await check(popup, `popup-thanks-${tag}`, { popup: true });

  const options = await look.open('src/options/index.html', TAB);
  await options.waitFor('table.history');
  expect(await isDark(options)).toBe(scheme === 'dark');
  await check(options, `options-${tag}`, { popup: false });

  const welcome = await look.open('src/welcome/index.html', TAB);
  await welcome.waitFor('#reminder-day');
  expect(await isDark(welcome)).toBe(scheme === 'dark');
  await check(welcome, `welcome-${tag}`, { popup: false });
}

describe.each(['en', 'de'])('every engineer screen in %s', (language) => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`Chromium, ${scheme}`, async () => {
      await everyScreen(await chromium(scheme, language), scheme, language);
    });
    it(`Firefox, ${scheme}`, async () => {
      await everyScreen(await firefox(scheme, language), scheme, language);
    });
  }
});
