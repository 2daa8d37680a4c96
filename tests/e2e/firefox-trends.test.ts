/**
 * The manager's trends page in Firefox ESR, from the same dist/ (built as one script of its own):
 * connect with a manager code to the real endpoint filled with the demo year; read the headline,
 * the last 8 weeks and the long view, note markers and tooltips; sort the statements by keyboard;
 * see the figures table with hidden weeks as words; the dark scheme's colours; axe with every
 * finding counted; screenshots in English and German at 100% and 200% zoom, and dark, into
 * .cache/screenshots/. Chromium runs the page's full set of states in trends.test.ts.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatManagerCode } from '../../src/core/invite';
import { addWeeksToId } from '../../src/core/week';
import { DEMO_NOTES, seedDemo } from '../../src/server/demo';
import { MANAGER, type Running, startServer } from '../server/harness';
import { axe } from './axe';
import { type FirefoxExtension, type FirefoxOptions, launchFirefox } from './firefox';
import { screenshotPath, WINDOW, ZOOMED } from './screenshots';
import { fromPuppeteer, PULSE_MOMENT, PULSE_WEEK, pinClock } from './steps';
import {
  drawnInDarkScheme,
  expectedFrom,
  marksNotes,
  readsHeadline,
  showsRecentThenLongView,
  sortsStatementsByKeyboard,
} from './trends-steps';

let firefox: FirefoxExtension;
let server: Running;
// The endpoint and the extension both at the pinned moment: which weeks are released, and which
// year the week labels leave out, never depend on the day the tests run.
const LAST_WEEK = addWeeksToId(PULSE_WEEK, -1);

/** A Firefox with the extension, its clock pinned where the endpoint's is. */
async function launchPinned(options: FirefoxOptions = {}): Promise<FirefoxExtension> {
  const browser = await launchFirefox(options);
  const page = await browser.open('src/trends/index.html');
  await pinClock(fromPuppeteer(page), PULSE_MOMENT);
  await page.close();
  return browser;
}

beforeAll(async () => {
  server = await startServer({ now: () => PULSE_MOMENT });
  await seedDemo(server.store, { teamId: 'platform', lastWeek: LAST_WEEK });
  firefox = await launchPinned();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const ready = (page: Page) => page.waitForFunction(() => performance.getEntriesByName('trends-ready').length > 0);

/**
 * The whole page, at 100% or 200% zoom (half the CSS width, two device pixels per CSS pixel), in
 * a window as tall as the page: Firefox paints no section off screen (content-visibility: auto),
 * so a full-page capture of a shorter window would show them blank.
 */
async function screenshot(page: Page, name: string, zoom: 1 | 2 = 1): Promise<void> {
  const size = zoom === 2 ? ZOOMED : { ...WINDOW, scale: 1 };
  await page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: size.scale });
  // Laid out and drawn again for the window, as zooming does.
  await page.evaluate(() => location.reload());
  await page.waitForFunction(() => document.readyState === 'complete');
  await ready(page);
  await page.waitForSelector('figure.chart .chart-layer');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewport({ width: size.width, height, deviceScaleFactor: size.scale });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: screenshotPath(name) as `${string}.png` });
  await page.setViewport({ width: WINDOW.width, height: WINDOW.height });
}

/** The connect form, as it first shows. */
async function screenshotForm(page: Page, name: string): Promise<void> {
  await page.setViewport({ width: WINDOW.width, height: WINDOW.height });
  await page.screenshot({ path: screenshotPath(name) as `${string}.png`, fullPage: true });
}

async function connect(browser: FirefoxExtension, label: string): Promise<Page> {
  const page = await browser.open('src/trends/index.html');
  const user = fromPuppeteer(page);
  await user.fill(
    '#manager-code',
    formatManagerCode({ endpoint: server.url, teamId: 'platform', managerToken: MANAGER }),
  );
  await user.clickButton(label);
  await ready(page);
  return page;
}

describe('the trends page in Firefox', () => {
  it('connects with a manager code and draws the demo year, hidden weeks as words', async () => {
    const page = await connect(firefox, 'Connect');
    const user = fromPuppeteer(page);
    expect(await user.text('#team-line')).toMatch(/Demo team|Platform/);
    // The first screen's charts are drawn by the time the page says it is ready.
    expect(await page.$$eval('figure.chart canvas', (all) => all.length)).toBe(3);
    // Scrolled to first, as a reader would: below the first screen, the section is laid out only
    // once near (content-visibility: auto), and puppeteer clicks only what has a box.
    await page.$eval('summary', (summary) => summary.scrollIntoView());
    await page.waitForFunction(() => (document.querySelector('summary')?.getClientRects().length ?? 0) > 0);
    await page.click('summary');
    await user.waitFor('table.trend-table');
    await page.click('input[name=range][value="0"]');
    await page.waitForFunction(() => document.querySelector('table.trend-table')?.textContent?.includes('fewer than'));
    const table = await user.text('table.trend-table');
    expect(table).toMatch(/fewer than 5 responses/);
    expect(table).not.toMatch(/NaN|undefined|null/);
    await page.close();
  });

  it('reads in seconds: headline, the last 8 weeks and the long view, notes on the charts, statements sorted by keyboard', async () => {
    const expected = await expectedFrom(await server.get('/v1/teams/platform/weeks'));
    const page = await firefox.open('src/trends/index.html');
    await ready(page);
    const user = fromPuppeteer(page);
    await readsHeadline(user, expected);
    const note = DEMO_NOTES.find((n) => n.weeksAgo === 6);
    if (!note) throw new Error('The demo has no note 6 weeks back.');
    await marksNotes(user, { weeks: expected.weeks, note: { ...note, weekId: addWeeksToId(LAST_WEEK, -6) } });
    await page.$eval('table.statements', (table) => table.scrollIntoView());
    await sortsStatementsByKeyboard(user);
    expect(await axe(page, { every: true })).toEqual([]);
    await screenshot(page, 'trends-firefox-en');
    await screenshot(page, 'trends-firefox-en-200', 2);
    await showsRecentThenLongView({ page: user, ...expected });
    expect(await axe(page, { every: true })).toEqual([]);
    await page.close();
  });

  it('draws the dark scheme in its own colours, and axe finds nothing there either', async () => {
    // Firefox takes the scheme at launch (FirefoxOptions.colorScheme), not per page.
    const dark = await launchPinned({ colorScheme: 'dark' });
    try {
      const page = await connect(dark, 'Connect');
      await drawnInDarkScheme(fromPuppeteer(page));
      expect(await axe(page, { every: true })).toEqual([]);
      await screenshot(page, 'trends-firefox-en-dark');
      await page.close();
    } finally {
      await dark.close();
    }
  });

  it('speaks German to a German Firefox, and is drawn for the screenshots', async () => {
    const german = await launchPinned({ language: 'de' });
    try {
      const page = await german.open('src/trends/index.html');
      await screenshotForm(page, 'trends-connect-firefox-de');
      await page.close();
      const connected = await connect(german, 'Verbinden');
      expect(await fromPuppeteer(connected).text('#headline')).toMatch(
        /^Woche vom \d{1,2}\. \p{L}+\.? \(KW \d{1,2}\) · \d+ Antworten · nächste Zahlen etwa am \d{1,2}\. \p{L}+\.?$/u,
      );
      expect(await axe(connected, { every: true })).toEqual([]);
      await screenshot(connected, 'trends-firefox-de');
      await screenshot(connected, 'trends-firefox-de-200', 2);
      await connected.close();
    } finally {
      await german.close();
    }
  });
});
