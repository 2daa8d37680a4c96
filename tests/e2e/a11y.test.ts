/**
 * axe-core on the built popup and options pages, in every state a user meets: a question, the
 * comment, the thank-you, a storage error, an empty and a full "my data", an import error, the
 * delete confirmation, and team sharing (a bad invite, what will be sent with noise chosen, joined,
 * the leave confirmation). Zero serious or critical violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInvite } from '../../src/core/invite';
import { axe } from './axe';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { fromPlaywright, joinTeam } from './steps';

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core)', () => {
  it('popup: a question, the comment and the thank-you', async () => {
    const page = await browser.open('src/popup/index.html');
    await page.waitForSelector('input[type=radio]');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('4');
    expect(await axe(page)).toEqual([]);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('4');
      await page.keyboard.press('Enter');
    }
    await page.waitForSelector('textarea#comment');
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.waitForSelector('table.history');
    expect(await axe(page)).toEqual([]);
    // The check is real: a control without a name is caught.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { type: 'text' })));
    expect((await axe(page)).join('\n')).toMatch(/^label \(critical\)/m);
    await page.close();
  });

  it('options: reminder settings, my data with history, an import error and the delete dialog', async () => {
    const page = await browser.open('src/options/index.html');
    await page.waitForSelector('table.history');
    // The delete button is outlined: the page's filled buttons are not the destructive ones.
    const filled = await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .filter(
          (b) =>
            b.checkVisibility() &&
            getComputedStyle(b).backgroundColor !== getComputedStyle(document.documentElement).backgroundColor,
        )
        .map((b) => b.textContent),
    );
    expect(filled.filter((text) => /Delete|Leave/.test(text ?? ''))).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await page.setInputFiles('#import-file', {
      name: 'x.json',
      mimeType: 'application/json',
      buffer: Buffer.from('nope'),
    });
    await page.waitForSelector('[role=alert]');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Delete all my answers…' }).click();
    await page.waitForSelector('dialog[open]');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.waitForFunction(() => document.querySelector('#data-summary')?.textContent?.startsWith('No answers'));
    expect(await axe(page)).toEqual([]);
    // Nothing stored: export is disabled, and says why.
    const exportJson = page.getByRole('button', { name: 'Export as JSON' });
    expect(await exportJson.isDisabled()).toBe(true);
    expect(await page.textContent('#export-nothing')).toBe('Nothing to export yet: answer a week’s pulse first.');
    expect(await exportJson.getAttribute('aria-describedby')).toBe('export-nothing');
    await page.close();
  });

  it('options: team sharing, from a bad invite to joined and the leave dialog', async () => {
    await browser.approveHost('https://pulse.example.org/*');
    const page = await browser.open('src/options/index.html');
    await page.waitForSelector('textarea#invite');
    await page.fill('textarea#invite', 'not an invite');
    await page.getByRole('button', { name: 'Check invite' }).click();
    await page.waitForSelector('#invite-error');
    expect(await page.getAttribute('textarea#invite', 'aria-invalid')).toBe('true');
    expect(await axe(page)).toEqual([]);
    const invite = formatInvite({
      endpoint: 'https://pulse.example.org',
      teamId: 'platform',
      ingestToken: 'k'.repeat(43),
      name: 'Platform',
    });
    await page.fill('textarea#invite', invite);
    await page.getByRole('button', { name: 'Check invite' }).click();
    // Noise is under a closed "Advanced privacy": a new member is not asked to pick an ε.
    expect(await page.getByRole('radio', { name: /Medium \(ε = 3\)/ }).isVisible()).toBe(false);
    await page.getByText('Advanced privacy (optional)').click();
    await page.getByRole('radio', { name: /Medium \(ε = 3\)/ }).check();
    // What a manager would see, uncorrected, and what a year of one statement spends.
    expect(await page.textContent('#noise-explained')).toMatch(
      /uses 39 on it.*team of 8 .*62% of them agreed.*about 57% favourable instead, give or take 11 points/,
    );
    expect(await axe(page)).toEqual([]);
    // Named as the invite names the team, not by its id.
    await joinTeam(fromPlaywright(page), invite, 'Platform');
    expect(await axe(page)).toEqual([]);
    // The popup says where the answers go, by the team's name.
    const popup = await browser.open('src/popup/index.html');
    await popup.waitForFunction(() => document.querySelector('#destination')?.textContent !== '');
    expect(await popup.textContent('#destination')).toBe(
      'Shared with Platform only as anonymous 1–5 scores, after the week closes.',
    );
    await popup.close();
    await page.getByRole('button', { name: 'Leave team…' }).click();
    await page.waitForSelector('dialog[open]');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Stay' }).click();
    await page.close();
  });

  it('popup: the error shown when the data belongs to a newer version', async () => {
    const options = await browser.open('src/options/index.html');
    await options.waitForSelector('#data-summary');
    // Another version of the extension upgraded the database past ours.
    await options.evaluate(
      () =>
        new Promise<void>((done, fail) => {
          const request = indexedDB.open('culture-pulse', 99);
          request.onsuccess = () => {
            request.result.close();
            done();
          };
          request.onerror = () => fail(request.error);
        }),
    );
    await options.close();
    const page = await browser.open('src/popup/index.html');
    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toMatch(/newer version of Culture Pulse/);
    expect(await page.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});
