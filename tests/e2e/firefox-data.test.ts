/**
 * "My data" and a browser restart in Firefox ESR: an export file is imported whole, a malformed one
 * is refused with the data untouched; answers and the reminder alarm are still there after Firefox
 * restarts on the same profile; the export buttons save JSON and CSV files to disk, checked as in
 * Chromium (steps.ts); delete-all asks first and empties the store; and the saved JSON, imported,
 * brings every week back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExportFile } from '../../src/core/export-file';
import { pulseForWeek } from '../../src/core/rotation';
import type { PulseRecord } from '../../src/core/schemas';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { readStoreInPage, type StoreName } from './idb';
import { pulseRecord } from './records';
import { answerPulse, asImported, expectCsvExport, expectJsonExport, fromPuppeteer } from './steps';

const dir = mkdtempSync(join(tmpdir(), 'pulse-firefox-'));
const profile = join(dir, 'profile');
const uuid = crypto.randomUUID();
let firefox: FirefoxExtension;

const thisWeek = weekIdOf(new Date());
const earlier = [
  pulseRecord(addWeeksToId(thisWeek, -2), '', 2),
  pulseRecord(addWeeksToId(thisWeek, -1), 'Ça va, "merci"\nligne', 4),
];

beforeAll(async () => {
  firefox = await launchFirefox({ profile, uuid });
});
afterAll(async () => {
  await firefox?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pulses(page: Page): Promise<PulseRecord[]> {
  const all = (await page.evaluate(readStoreInPage, 'pulses' as StoreName)) as PulseRecord[];
  return all.sort((a, b) => a.weekId.localeCompare(b.weekId));
}

async function upload(page: Page, file: string): Promise<void> {
  const input = await page.waitForSelector('input#import-file');
  await input?.uploadFile(file);
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, text);
  await upload(page, file);
}

const notice = (page: Page) => page.$eval('[role=status].notice', (e) => e.textContent ?? '').catch(() => '');

let beforeDelete: PulseRecord[] = [];
let exportedJson = '';

describe('Firefox: my data, and a restart', () => {
  it('imports an export whole, and refuses a malformed file leaving the data as it was', async () => {
    const page = await firefox.open('src/options/index.html');
    await page.waitForSelector('#data-summary');
    await importFile(page, 'export.json', JSON.stringify(buildExportFile(earlier, [], new Date())));
    await expect.poll(() => page.$eval('#data-summary', (e) => e.textContent ?? '')).toMatch(/^2 weeks stored/);
    expect(await pulses(page)).toEqual(asImported(earlier));

    await importFile(page, 'broken.json', '{"format": "culture-pulse-export", "pulses": [{"weekId": "nope"}]}');
    await expect
      .poll(() => page.$eval('[role=alert]', (e) => e.textContent ?? '').catch(() => ''))
      .toMatch(/weekId[\s\S]*Your saved answers were not changed/);
    expect(await pulses(page)).toEqual(asImported(earlier));
    await page.close();
  });

  it('keeps answers and the reminder alarm when Firefox restarts on the same profile', async () => {
    const popup = await firefox.open('src/popup/index.html');
    await answerPulse(
      fromPuppeteer(popup),
      pulseForWeek(thisWeek).questions.map(() => '3'),
      'before the restart',
    );
    await popup.close();

    await firefox.close();
    firefox = await launchFirefox({ profile, uuid });
    const again = await firefox.open('src/popup/index.html');
    await again.waitForSelector('#thanks');
    const stored = await pulses(again);
    expect(stored.map((p) => p.weekId)).toEqual([...earlier.map((p) => p.weekId), thisWeek]);
    expect(stored.at(-1)?.comment).toBe('before the restart');
    await expect
      .poll(async () => (await again.evaluate(() => chrome.alarms.getAll())).map((a) => a.name))
      .toContain('weekly-reminder');
    await again.close();
  });

  it('saves the exports as JSON and CSV files holding every week', async () => {
    const page = await firefox.open('src/options/index.html');
    await page.waitForSelector('#data-summary');
    beforeDelete = await pulses(page);
    expect(beforeDelete).toHaveLength(3);

    const json = await firefox.download(page, 'Export as JSON');
    expect(json.name).toMatch(/^culture-pulse-\d{4}-\d{2}-\d{2}\.json$/);
    expectJsonExport(json.text, beforeDelete);
    exportedJson = json.path; // imported below, as saved

    const csv = await firefox.download(page, 'Export as CSV');
    expect(csv.name).toMatch(/^culture-pulse-\d{4}-\d{2}-\d{2}\.csv$/);
    expectCsvExport(csv.text, beforeDelete);
    await page.close();
  });

  it('deletes everything after asking, and only then', async () => {
    const page = await firefox.open('src/options/index.html');
    await page.waitForSelector('#data-summary');
    const ui = fromPuppeteer(page);
    await ui.clickButton('Delete all my answers');
    await page.waitForSelector('dialog[open]');
    await ui.clickButton('Cancel');
    expect(await pulses(page)).toHaveLength(3);
    await ui.clickButton('Delete all my answers');
    await ui.clickButton('Delete everything');
    await expect.poll(() => page.$eval('#data-summary', (e) => e.textContent ?? '')).toMatch(/^No answers/);
    expect(await pulses(page)).toEqual([]);
    await page.close();
  });

  it('brings every week back from the saved JSON export', async () => {
    const page = await firefox.open('src/options/index.html');
    await page.waitForSelector('#data-summary');
    expect(await pulses(page)).toEqual([]);
    await upload(page, exportedJson);
    await expect.poll(() => notice(page)).toMatch(/3 weeks added, 0 updated/);
    expect(await pulses(page)).toEqual(asImported(beforeDelete));
    await expect.poll(() => page.$$eval('table.history tbody tr', (rows) => rows.length)).toBe(3);
    await page.close();
  });
});
