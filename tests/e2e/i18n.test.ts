/**
 * The extension in German, in real Chromium and Firefox ESR: the browser's UI language picks the
 * translation (Chromium from the environment and --lang, Firefox from its language pack). Each
 * page is read as a German user sees it: German words from the translations, no English sentence
 * left over, no raw message key; and the pulse answered with the keyboard as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatManagerCode } from '../../src/core/invite';
import { statementKey } from '../../src/core/questions';
import { pulseForWeek } from '../../src/core/rotation';
import { addWeeksToId, weekStart } from '../../src/core/week';
import { fillMessage, type Messages, readLocales } from '../../src/dev/locales';
import { seedDemo } from '../../src/server/demo';
import { MANAGER, startServer } from '../server/harness';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { fromPlaywright, fromPuppeteer, PULSE_MOMENT, PULSE_WEEK, pinClock, startFrom, type UserPage } from './steps';

const locales = new Map(readLocales().map((l) => [l.language, l.messages]));
const de = locales.get('de') as Messages;
const en = locales.get('en') as Messages;
// The week on the extension's clock, pinned by each test (and the endpoint's), not the real one.
const week = PULSE_WEEK;
const questions = pulseForWeek(week).questions;

function say(key: string, ...subs: (string | number)[]): string {
  const message = de[key]?.message;
  if (!message) throw new Error(`no German message ${key}`);
  return fillMessage(message, subs);
}

/** English sentences that differ from their German and hold no substitution: none may show. */
const ENGLISH_ONLY = Object.entries(en)
  .filter(([key, m]) => !m.message.includes('$') && m.message.length >= 8 && de[key]?.message !== m.message)
  .map(([key, m]) => ({ key, text: m.message }));

async function pageText(page: UserPage): Promise<string> {
  // textContent, not innerText: closed dialogs and text for screen readers must be German too.
  return page.evaluate(() => document.body.textContent ?? '', undefined);
}

/** What a German reader must not meet: an English sentence, or a key shown for a missing message. */
async function expectAllGerman(page: UserPage): Promise<void> {
  const text = await pageText(page);
  expect(ENGLISH_ONLY.filter((m) => text.includes(m.text)).map((m) => m.key)).toEqual([]);
  expect(text).not.toMatch(/\b(popup|options|trends|bg|error|history|theme|scale|q)_[A-Za-z_]+\b/);
}

async function germanPulse(page: UserPage): Promise<void> {
  // "Diese Woche · 23.–29. Nov." or, across two months, "30. Nov. – 6. Dez.": the week's days as
  // German writes them, and the pinned week's Monday and Sunday.
  await expect.poll(() => page.text('h1')).toMatch(/^Diese Woche · \d+\.(\s\S+\s)?–\u2060\s?\d+\.\s\S+$/);
  const monday = weekStart(week);
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
  expect((await page.text('h1')).match(/\d+/g)).toEqual([monday.getDate(), sunday.getDate()].map(String));
  await expect.poll(() => page.text('#progress')).toBe(say('popup_statementOf', 1, questions.length));
  expect(await page.text('legend')).toBe(say(statementKey(questions[0]?.id ?? '')));
  expect(await pageText(page)).toContain(say('scale_4'));
  await expectAllGerman(page);
  for (const [i] of questions.entries()) {
    await expect.poll(() => page.text('#progress')).toBe(say('popup_statementOf', i + 1, questions.length));
    await page.press('4');
    await page.press('Enter');
  }
  await page.waitFor('textarea#comment');
  expect(await page.text('.progress')).toBe(say('popup_allAnswered', questions.length));
  await page.type('Gute Woche');
  await page.press('Enter');
  await page.waitFor('#thanks');
  expect(await page.text('#thanks')).toBe(say('popup_thanks'));
  await expectAllGerman(page);
}

describe('German in Chromium', () => {
  let chromium: ExtensionBrowser;
  beforeAll(async () => {
    chromium = await launchExtension(undefined, 'de');
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('is the language the browser reports', async () => {
    const page = fromPlaywright(await chromium.open('src/popup/index.html'));
    expect(await page.evaluate(() => chrome.i18n.getUILanguage(), undefined)).toMatch(/^de/);
    expect(await page.evaluate(() => chrome.i18n.getMessage('extShortName'), undefined)).toBe('Puls');
  });

  it('shows the pulse in German and answers it with the keyboard', async () => {
    await startFrom(async () => fromPlaywright(await chromium.open('src/options/index.html')), PULSE_MOMENT);
    await germanPulse(fromPlaywright(await chromium.open('src/popup/index.html')));
  });

  it('shows the options page in German', async () => {
    const options = fromPlaywright(await chromium.open('src/options/index.html'));
    await options.waitFor('#reminder-day');
    await expect.poll(() => pageText(options)).toContain(say('options_reminderHeading'));
    expect(await options.evaluate(() => [document.title, document.documentElement.lang], undefined)).toEqual([
      say('options_pageTitle'),
      'de',
    ]);
    await expectAllGerman(options);
  });

  it('shows the trends page in German, before a code and with a refused one', async () => {
    const trends = fromPlaywright(await chromium.open('src/trends/index.html'));
    await trends.waitFor('textarea#manager-code');
    expect(await trends.text('h2')).toBe(say('trends_connectHeading'));
    await expectAllGerman(trends);
    await trends.fill('textarea#manager-code', 'cpulse1.abc');
    await trends.clickButton(say('trends_connect'));
    await expect.poll(() => trends.text('#manager-code-error')).toBe(say('error_engineersInvite'));
    await expectAllGerman(trends);
  });

  it('shows the demo year’s charts, hidden weeks and table in German', async () => {
    const server = await startServer({ now: () => PULSE_MOMENT });
    try {
      await seedDemo(server.store, { teamId: 'platform', lastWeek: addWeeksToId(week, -1) });
      await chromium.approveHost('http://127.0.0.1/*');
      const page = await chromium.open('src/trends/index.html');
      await pinClock(fromPlaywright(page), PULSE_MOMENT);
      await page.fill(
        '#manager-code',
        formatManagerCode({ endpoint: server.url, teamId: 'platform', managerToken: MANAGER }),
      );
      await page.getByRole('button', { name: say('trends_connect') }).click();
      await page.waitForSelector('figure.chart canvas');
      for (const chart of await page.locator('figure.chart').all()) await chart.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => performance.getEntriesByName('trends-all-charts').length === 1);
      // Every week, so the demo's holiday weeks (hidden below k) are in the table.
      await page.check('input[name=range][value="0"]');
      await page.locator('details > summary').click();
      await page.waitForSelector('table.trend-table');
      const text = await pageText(fromPlaywright(page));
      expect(text).toContain(say('trends_chartKey', 5));
      expect(text).toContain(say('trends_statementsIntro'));
      expect(text).toContain(say('theme_choice'));
      expect(text).toContain(say('trends_hidden', 5));
      // Means as German writes them, in the table.
      expect(await page.locator('table.trend-table td.num').nth(1).textContent()).toMatch(/^\d,\d\d$/);
      expect(await page.evaluate(() => [document.title, document.documentElement.lang])).toEqual([
        say('trends_pageTitle'),
        'de',
      ]);
      await expectAllGerman(fromPlaywright(page));
    } finally {
      await server.close();
    }
  });
});

describe('German in Firefox ESR', () => {
  let firefox: FirefoxExtension;
  beforeAll(async () => {
    firefox = await launchFirefox({ language: 'de' });
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('shows the pulse in German and answers it with the keyboard', async () => {
    await startFrom(async () => fromPuppeteer(await firefox.open('src/options/index.html')), PULSE_MOMENT);
    await germanPulse(fromPuppeteer(await firefox.open('src/popup/index.html')));
  });
});
