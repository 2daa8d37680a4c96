/**
 * The manager's trends page in Firefox ESR, from the same dist/ (built as one script of its own):
 * connect with a manager code to the real endpoint filled with the demo year, see the charts of the
 * first screen drawn, and the figures table with hidden weeks as words. Chromium runs the page's
 * full set of states in trends.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatManagerCode } from '../../src/core/invite';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { seedDemo } from '../../src/server/demo';
import { MANAGER, type Running, startServer } from '../server/harness';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { fromPuppeteer } from './steps';

let firefox: FirefoxExtension;
let server: Running;

beforeAll(async () => {
  server = await startServer({ now: () => new Date() });
  await seedDemo(server.store, { teamId: 'platform', lastWeek: addWeeksToId(weekIdOf(new Date()), -1) });
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('the trends page in Firefox', () => {
  it('connects with a manager code and draws the demo year, hidden weeks as words', async () => {
    const page = await firefox.open('src/trends/index.html');
    const user = fromPuppeteer(page);
    const code = formatManagerCode({ endpoint: server.url, teamId: 'platform', managerToken: MANAGER });
    await user.fill('#manager-code', code);
    await user.clickButton('Connect');
    await page.waitForFunction(() => performance.getEntriesByName('trends-ready').length > 0);
    expect(await user.text('#team-line')).toMatch(/Demo team|Platform/);
    // The first screen's charts are drawn by the time the page says it is ready.
    expect(await page.$$eval('figure.chart canvas', (all) => all.length)).toBeGreaterThanOrEqual(2);
    // Scrolled to first, as a reader would: below the first screen, the section is laid out only
    // once near (content-visibility: auto), and puppeteer clicks only what has a box.
    await page.$eval('summary', (summary) => summary.scrollIntoView());
    await page.waitForFunction(() => (document.querySelector('summary')?.getClientRects().length ?? 0) > 0);
    await page.click('summary');
    await user.waitFor('table.trend-table');
    const table = await user.text('table.trend-table');
    expect(table).toMatch(/fewer than 5 responses/);
    expect(table).not.toMatch(/NaN|undefined|null/);
    await page.close();
  });
});
