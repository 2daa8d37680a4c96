/**
 * The manager's trends page in the built extension, in real Chromium, against the real endpoint
 * filled with the demo year: connect with a manager code, read the headline, the themes' last 8
 * weeks and the long view, note markers and tooltips, sort the statements by keyboard, see the
 * table with hidden weeks as words, export the CSV (identical to the server's), write a note
 * engineers can read, and the refused-code, unreachable and empty states. axe on each; screenshots
 * in English and German, at 100% and 200% zoom, into .cache/screenshots/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatManagerCode } from '../../src/core/invite';
import { addWeeksToId } from '../../src/core/week';
import { DEMO_NOTES, seedDemo } from '../../src/server/demo';
import { hashToken } from '../../src/server/tokens';
import { deferred } from '../deferred';
import { readWithPapaparse } from '../server/csv-readers';
import { INGEST, MANAGER, type Running, startServer } from '../server/harness';
import { axe } from './axe';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { screenshotPath, ZOOMED } from './screenshots';
import { fromPlaywright, PULSE_MOMENT, PULSE_WEEK, pinClock } from './steps';
import {
  drawnInDarkScheme,
  type Expected,
  expectedFrom,
  marksNotes,
  readsHeadline,
  showsRecentThenLongView,
  sortsStatementsByKeyboard,
} from './trends-steps';

let browser: ExtensionBrowser;
let server: Running;
const EMPTY_MANAGER = 'empty-manager-token-hhhhhhhhhhhhhhhhhhhhhhhhhhhhhh';
// The endpoint and the extension both at the pinned moment: which weeks are released, and which
// year the week labels leave out, never depend on the day the tests run.
const LAST_WEEK = addWeeksToId(PULSE_WEEK, -1);

/** The extension's clock pinned where the endpoint's is, from a page that is then closed. */
async function pin(extension: ExtensionBrowser): Promise<void> {
  const page = await extension.open('src/trends/index.html');
  await pinClock(fromPlaywright(page), PULSE_MOMENT);
  await page.close();
}

beforeAll(async () => {
  server = await startServer({ now: () => PULSE_MOMENT });
  await seedDemo(server.store, { teamId: 'platform', lastWeek: LAST_WEEK });
  await server.store.createTeam({
    teamId: 'empty',
    kind: 'personal',
    name: 'Empty team',
    ingestTokenHash: hashToken('empty-ingest-token-iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii'),
    managerTokenHash: hashToken(EMPTY_MANAGER),
    k: 5,
  });
  browser = await launchExtension();
  await pin(browser);
  await browser.approveHost('http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function connect(code: string): Promise<Page> {
  const page = await browser.open('src/trends/index.html');
  await page.fill('#manager-code', code);
  await page.click('button:text("Connect")');
  return page;
}

const code = (teamId: string, managerToken: string) =>
  formatManagerCode({ endpoint: server.url, teamId, managerToken });

/**
 * The whole page in a screenshot, at 100% or 200% zoom: the window at half its CSS width with two
 * device pixels per CSS pixel, as zooming lays a page out. Taken over CDP, since playwright's own
 * full-page screenshot puts back the context's viewport.
 */
async function screenshot(page: Page, name: string, zoom: 1 | 2 = 1): Promise<void> {
  if (zoom === 1) {
    await page.screenshot({ path: screenshotPath(name), fullPage: true });
    return;
  }
  const cdp = await page.context().newCDPSession(page);
  const metrics = (height: number) =>
    cdp.send('Emulation.setDeviceMetricsOverride', {
      width: ZOOMED.width,
      height,
      deviceScaleFactor: ZOOMED.scale,
      mobile: false,
    });
  await metrics(ZOOMED.height);
  // Laid out and drawn again for the narrower window, as zooming does.
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('trends-ready').length > 0);
  await page.waitForSelector('figure.chart .chart-layer');
  await metrics(await page.evaluate(() => document.documentElement.scrollHeight));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(screenshotPath(name), Buffer.from(data, 'base64'));
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  await cdp.detach();
}

describe('the trends page', () => {
  it('refuses an engineers’ invite or a wrong code, saying what it is', async () => {
    const page = await browser.open('src/trends/index.html');
    // Someone without a code learns what it is and who has it.
    expect(await page.textContent('aside.no-code')).toMatch(
      /No manager code\?.*whoever runs your team’s endpoint creates the team.*ask them/,
    );
    expect(await axe(page, { every: true })).toEqual([]);
    // Every finding counts, minor ones too: an empty heading (minor) would be reported.
    await page.evaluate(() => document.querySelector('aside.no-code')?.append(document.createElement('h4')));
    expect((await axe(page, { every: true })).join('\n')).toMatch(/^empty-heading \(minor\)/m);
    await page.evaluate(() => document.querySelector('aside.no-code h4')?.remove());
    await screenshot(page, 'trends-connect-chromium-en');
    await page.fill('#manager-code', `cpulse1.${'x'.repeat(20)}`);
    await page.click('button:text("Connect")');
    expect(await page.textContent('#manager-code-error')).toMatch(/engineers’ invite/);
    await page.fill('#manager-code', code('platform', 'wrong-manager-token-jjjjjjjjjjjjjjjjjjjjjjjj'));
    await page.click('button:text("Connect")');
    await expect.poll(() => page.textContent('h2')).toBe('The manager code was refused');
    expect(await axe(page, { every: true })).toEqual([]);
    await page.click('button:text("Use another manager code")');
    await page.waitForSelector('#manager-code');
    await page.close();
  });

  it('shows the demo year: charts, hidden weeks as words, and a table; and stays connected', async () => {
    let page = await connect(code('platform', MANAGER));
    await page.waitForSelector('figure.chart canvas');
    // Charts below the first screen are drawn as they are scrolled to: every one of them, once there.
    const charts = page.locator('figure.chart');
    const count = await charts.count();
    expect(count).toBe(3);
    for (let i = 0; i < count; i++) {
      await charts.nth(i).scrollIntoViewIfNeeded();
      await charts.nth(i).locator('canvas').waitFor();
    }
    expect(await page.locator('figure.chart canvas').count()).toBe(count);
    await page.waitForFunction(() => performance.getEntriesByName('trends-all-charts').length === 1);
    expect(await page.textContent('#team-line')).toMatch(/Demo team|Platform/);
    // The demo team shares one invite: the page says what that means for its figures.
    expect(await page.textContent('#open-team')).toMatch(/Open team: .*one person could answer more than once/);
    // Once drawn, a chart stays the same canvas while its figures do: the notes arriving and the
    // table opening re-render the page, and once redrew every chart.
    await page.waitForSelector('section[aria-labelledby=notes-heading] :is(ul.notes, .notice)');
    await page.$$eval('figure.chart canvas', (all) => {
      for (const c of all) c.setAttribute('data-drawn-before', '');
    });
    await page.click('summary:text("Show the figures as a table")');
    await page.waitForSelector('table.trend-table');
    expect(await page.locator('figure.chart canvas[data-drawn-before]').count()).toBe(count);
    // The long view, which holds the demo's holiday weeks, hidden below k.
    await page.check('input[name=range][value="0"]');
    const table = (await page.textContent('table.trend-table')) ?? '';
    expect(table).toMatch(/fewer than 5 responses/);
    expect(table).not.toMatch(/NaN|undefined|null/);
    // Newest week first, and a week's label on one line.
    const weeks = await page.$$eval('table.trend-table tbody th', (all) => all.map((th) => th.textContent ?? ''));
    expect(weeks[0]).toBe(weeks.toSorted().at(-1));
    expect(await page.$eval('table.trend-table tbody th', (th) => getComputedStyle(th).whiteSpace)).toBe('nowrap');
    expect(await axe(page, { every: true })).toEqual([]);
    await page.close();
    page = await browser.open('src/trends/index.html'); // the code was kept: no form this time
    await page.waitForSelector('figure.chart canvas');
    await page.close();
  });

  it('reads in seconds: headline, the last 8 weeks and the long view, notes on the charts, statements sorted by keyboard', async () => {
    const expected: Expected = await expectedFrom(await server.get('/v1/teams/platform/weeks'));
    const page = await browser.open('src/trends/index.html');
    await page.waitForFunction(() => performance.getEntriesByName('trends-ready').length > 0);
    const user = fromPlaywright(page);
    await readsHeadline(user, expected);
    const note = DEMO_NOTES.find((n) => n.weeksAgo === 6);
    if (!note) throw new Error('The demo has no note 6 weeks back.');
    await marksNotes(user, { weeks: expected.weeks, note: { ...note, weekId: addWeeksToId(LAST_WEEK, -6) } });
    await page.locator('table.statements').scrollIntoViewIfNeeded();
    await sortsStatementsByKeyboard(user);
    await page.evaluate(() => window.scrollTo(0, 0));
    // A tooltip open, so the screenshot shows its wording.
    await page.hover('figure[data-theme=impact] .u-over', { position: { x: 200, y: 40 } });
    expect(await page.textContent('figure[data-theme=impact] .chart-tip')).toMatch(/^Week of/);
    expect(await axe(page, { every: true })).toEqual([]);
    await screenshot(page, 'trends-chromium-en');
    await screenshot(page, 'trends-chromium-en-200', 2);
    expect(await axe(page, { every: true })).toEqual([]);
    await showsRecentThenLongView({ page: user, ...expected });
    // The long view as the steps left it: every week, a tooltip on a hidden one.
    await screenshot(page, 'trends-chromium-en-all-weeks');
    expect(await axe(page, { every: true })).toEqual([]);

    // The dark scheme: charts drawn again in its colours (lines, hatching, note markers), and axe
    // finds nothing there either.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('trends-ready').length > 0);
    await drawnInDarkScheme(user);
    expect(await axe(page, { every: true })).toEqual([]);
    await screenshot(page, 'trends-chromium-en-dark');
    await page.close();
  });

  it('exports the figures shown as the same CSV the server streams', async () => {
    const page = await browser.open('src/trends/index.html');
    await page.waitForSelector('figure.chart canvas');
    await page.check('input[name=range][value="0"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:text("Export CSV")')]);
    const fromPage = readFileSync((await download.path()) ?? '', 'utf8');
    const response = await server.get('/v1/teams/platform/trends.csv');
    const fromServer = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(fromPage).toBe(fromServer);
    expect(readWithPapaparse(fromPage).length).toBeGreaterThan(100);
    await page.close();
  });

  it('writes a note for a week and theme, which engineers’ token can read, rendered as text', async () => {
    const page = await browser.open('src/trends/index.html');
    await page.waitForSelector('#note-text');
    const week = await page.inputValue('#note-week');
    await page.selectOption('#note-theme', 'choice');
    await page.fill('#note-text', 'Teams choose their own sprint length again. <b>not bold</b>');
    await page.click('button:text("Save note")');
    await expect.poll(() => page.textContent('ul.notes')).toContain('<b>not bold</b>');
    expect(await page.locator('ul.notes b').count()).toBe(0);
    const notes = (await (await server.get('/v1/teams/platform/notes', INGEST)).json()) as { notes: unknown[] };
    expect(notes.notes).toContainEqual({
      weekId: week,
      theme: 'choice',
      text: 'Teams choose their own sprint length again. <b>not bold</b>',
    });
    expect(await axe(page, { every: true })).toEqual([]);
    await page.close();
  });

  it('shows the charts without waiting for the notes, and says so when the notes fail', async () => {
    const page = await browser.context.newPage();
    const { promise: held, resolve: release } = deferred();
    await page.route('**/v1/teams/platform/notes', async (route) => {
      await held;
      await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"message":"down"}}' });
    });
    await page.goto(`chrome-extension://${browser.extensionId}/src/trends/index.html`);
    await page.waitForFunction(() => performance.getEntriesByName('trends-ready').length > 0);
    expect(await page.locator('figure.chart canvas').count()).toBeGreaterThan(0);
    expect(await page.textContent('#notes-heading + p + [role=status]')).toMatch(/Loading the team’s notes/);
    release();
    await expect.poll(() => page.textContent('section[aria-labelledby=notes-heading] [role=alert]')).toMatch(/down/);
    // A manager can still write a note.
    expect(await page.locator('#note-text').count()).toBe(1);
    await page.close();
  });

  it('keeps a note saved while the notes were still loading', async () => {
    const page = await browser.context.newPage();
    const { promise: held, resolve: release } = deferred();
    let gets = 0;
    await page.route('**/v1/teams/platform/notes', async (route) => {
      if (route.request().method() !== 'GET' || ++gets > 1) return route.continue();
      // The first list, from before the save, arrives last and without the new note.
      await held;
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"notes":[]}' });
    });
    await page.goto(`chrome-extension://${browser.extensionId}/src/trends/index.html`);
    await page.waitForSelector('#note-text');
    await page.fill('#note-text', 'Saved while the list was loading.');
    await page.click('button:text("Save note")');
    await expect.poll(() => page.textContent('ul.notes')).toContain('Saved while the list was loading.');
    release();
    // Both lists have arrived (the held one last); two frames later the page has shown what it kept.
    await page.waitForFunction(
      () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/notes')).length >= 2,
    );
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.textContent('section[aria-labelledby=notes-heading]')).toContain(
      'Saved while the list was loading.',
    );
    await page.close();
  });

  it('says so when a team has no released week yet', async () => {
    const page = await browser.open('src/trends/index.html');
    await page.click('button:text("Disconnect")');
    await page.fill('#manager-code', code('empty', EMPTY_MANAGER));
    await page.click('button:text("Connect")');
    await expect.poll(() => page.textContent('main')).toMatch(/No week’s figures are released yet/);
    // When the next figures come, from the calendar: never how many weeks hold answers.
    expect(await page.textContent('main')).toMatch(/The next figures come out about \w+ \d+\./);
    // A personal team counts one vote per member: no open-team warning.
    expect(await page.locator('#open-team').count()).toBe(0);
    expect(await axe(page, { every: true })).toEqual([]);
    await page.close();
  });

  it('says so when the endpoint cannot be reached, and loads again once it is back', async () => {
    const page = await browser.open('src/trends/index.html');
    await page.waitForSelector('#team-line');
    await page.context().setOffline(true);
    await page.click('button:text("Reload")');
    await expect.poll(() => page.textContent('[role=alert]')).toMatch(/could not be reached|offline/);
    await page.context().setOffline(false);
    await page.click('button:text("Try again")');
    await page.waitForSelector('#team-line');
    await page.close();
  });
});

describe('the trends page in German', () => {
  let german: ExtensionBrowser;
  beforeAll(async () => {
    german = await launchExtension(undefined, 'de');
    await pin(german);
    await german.approveHost('http://127.0.0.1/*');
  });
  afterAll(async () => {
    await german?.close();
  });

  it('says which week, how many responded and when the next figures come, in German', async () => {
    const page = await german.open('src/trends/index.html');
    await screenshot(page, 'trends-connect-chromium-de');
    await page.fill('#manager-code', code('platform', MANAGER));
    await page.click('button:text("Verbinden")');
    await page.waitForFunction(() => performance.getEntriesByName('trends-ready').length > 0);
    expect(await page.textContent('#headline')).toMatch(
      /^Woche vom \d{1,2}\. \p{L}+\.? \(KW \d{1,2}\) · \d+ Antworten · nächste Zahlen etwa am \d{1,2}\. \p{L}+\.?$/u,
    );
    const chips = await page.$$eval('.theme-figures .chip', (all) => all.map((c) => c.textContent ?? ''));
    for (const chip of chips) expect(chip).toMatch(/(Pkt\. ggü\. KW \d+|erstmals gezeigt)$/);
    await page.focus('figure[data-theme=choice] .chart-box');
    await page.keyboard.press('Home');
    expect(await page.textContent('figure[data-theme=choice] .chart-tip strong')).toMatch(
      /^Woche vom \d{1,2}\. \p{L}+\.? \(KW \d{1,2}\)$/u,
    );
    expect(await axe(page, { every: true })).toEqual([]);
    await screenshot(page, 'trends-chromium-de');
    await screenshot(page, 'trends-chromium-de-200', 2);
    await page.close();
  });
});
