/**
 * The manager's trends page in the built extension, in real Chromium, against the real endpoint
 * filled with the demo year: connect with a manager code, see charts and the table with hidden
 * weeks as words, export the CSV (identical to the server's), write a note engineers can read,
 * and the refused-code, unreachable and empty states. axe on each.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatManagerCode } from '../../src/core/invite';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { seedDemo } from '../../src/server/demo';
import { hashToken } from '../../src/server/tokens';
import { deferred } from '../deferred';
import { readWithPapaparse } from '../server/csv-readers';
import { INGEST, MANAGER, type Running, startServer } from '../server/harness';
import { axe } from './axe';
import { type ExtensionBrowser, launchExtension } from './chromium';

let browser: ExtensionBrowser;
let server: Running;
const EMPTY_MANAGER = 'empty-manager-token-hhhhhhhhhhhhhhhhhhhhhhhhhhhhhh';

beforeAll(async () => {
  server = await startServer({ now: () => new Date() });
  await seedDemo(server.store, { teamId: 'platform', lastWeek: addWeeksToId(weekIdOf(new Date()), -1) });
  await server.store.createTeam({
    teamId: 'empty',
    kind: 'open',
    name: 'Empty team',
    ingestTokenHash: hashToken('empty-ingest-token-iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii'),
    managerTokenHash: hashToken(EMPTY_MANAGER),
    k: 5,
  });
  browser = await launchExtension();
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

describe('the trends page', () => {
  it('refuses an engineers’ invite or a wrong code, saying what it is', async () => {
    const page = await browser.open('src/trends/index.html');
    await page.fill('#manager-code', `cpulse1.${'x'.repeat(20)}`);
    await page.click('button:text("Connect")');
    expect(await page.textContent('#manager-code-error')).toMatch(/engineers’ invite/);
    await page.fill('#manager-code', code('platform', 'wrong-manager-token-jjjjjjjjjjjjjjjjjjjjjjjj'));
    await page.click('button:text("Connect")');
    await expect.poll(() => page.textContent('h2')).toBe('The manager code was refused');
    expect(await axe(page)).toEqual([]);
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
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i++) {
      await charts.nth(i).scrollIntoViewIfNeeded();
      await charts.nth(i).locator('canvas').waitFor();
    }
    expect(await page.locator('figure.chart canvas').count()).toBe(count);
    await page.waitForFunction(() => performance.getEntriesByName('trends-all-charts').length === 1);
    expect(await page.textContent('#team-line')).toMatch(/Demo team|Platform/);
    // Once drawn, a chart stays the same canvas while its figures do: the notes arriving and the
    // table opening re-render the page, and once redrew all six charts.
    await page.waitForSelector('section[aria-labelledby=notes-heading] :is(ul.notes, .notice)');
    await page.$$eval('figure.chart canvas', (all) => {
      for (const c of all) c.setAttribute('data-drawn-before', '');
    });
    await page.click('summary:text("Show the figures as a table")');
    const table = (await page.textContent('table.trend-table')) ?? '';
    expect(await page.locator('figure.chart canvas[data-drawn-before]').count()).toBe(count);
    expect(table).toMatch(/fewer than 5 responses/);
    expect(table).not.toMatch(/NaN|undefined|null/);
    expect(await axe(page)).toEqual([]);
    await page.close();
    page = await browser.open('src/trends/index.html'); // the code was kept: no form this time
    await page.waitForSelector('figure.chart canvas');
    await page.close();
  });

  it('exports the figures shown as the same CSV the server streams', async () => {
    const page = await browser.open('src/trends/index.html');
    await page.waitForSelector('figure.chart canvas');
    await page.selectOption('#range', '0');
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
    expect(await axe(page)).toEqual([]);
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
    expect(await page.textContent('main')).toMatch(/The next figures come out about \w+/);
    expect(await axe(page)).toEqual([]);
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
