/**
 * "My data" in real Chromium: export as JSON and CSV, delete everything, import the export back and
 * find the same records; a malformed or foreign file is refused with a clear error and changes nothing.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseRecord } from '../../src/core/schemas';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { type ExtensionBrowser, launchExtension, readStore, writeRecords } from './chromium';
import { pulseRecord } from './records';
import { asImported, expectCsvExport, expectJsonExport } from './steps';

let browser: ExtensionBrowser;
let page: Page;

const thisWeek = weekIdOf(new Date());
const seeded = [
  pulseRecord(addWeeksToId(thisWeek, -2), '', 2),
  pulseRecord(addWeeksToId(thisWeek, -1), 'Ça va, "merci" =1+1\nsecond line', 4),
  pulseRecord(thisWeek, '', 5),
];

const byWeek = (records: unknown[]) => [...(records as PulseRecord[])].sort((a, b) => a.weekId.localeCompare(b.weekId));

beforeAll(async () => {
  browser = await launchExtension();
  page = await browser.open('src/options/index.html');
  await page.waitForSelector('#data-summary');
  await writeRecords(page, seeded);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#data-summary')?.textContent?.startsWith('3 weeks stored'));
});
afterAll(async () => {
  await browser?.close();
});

async function download(button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return readFileSync(path, 'utf8');
}

async function importFile(name: string, text: string): Promise<void> {
  await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('my data', () => {
  let exported = '';

  it('shows the history, and exports every record as JSON', async () => {
    expect(await page.locator('table.history tbody tr').count()).toBe(3);
    exported = await download('Export as JSON');
    expectJsonExport(exported, seeded);
  });

  it('exports a CSV that papaparse reads back, comment and all', async () => {
    const csv = await download('Export as CSV');
    expectCsvExport(csv, seeded);
    // The seeded weeks, spelled out: a skipped first statement (no number), a comment with a quote,
    // a formula-like start and a line break.
    const middle = Papa.parse<Record<string, string>>(csv.slice(1), { header: true }).data.filter(
      (r) => r.iso_week === seeded[1]?.weekId,
    );
    expect(middle.map((r) => r.answer)).toEqual(['', '4', '4', '4']);
    expect(middle[0]?.week_comment).toBe('Ça va, "merci" =1+1\nsecond line');
  });

  it('refuses a malformed file with a clear error and keeps the data untouched', async () => {
    const before = byWeek(await readStore(page, 'pulses'));
    await importFile(
      'broken.json',
      '{"format": "culture-pulse-export", "version": 1, "pulses": [{"weekId": "2026-W99"}]',
    );
    await expect.poll(() => page.textContent('[role=alert]')).toMatch(/not valid JSON.*not changed/s);

    const damaged = JSON.parse(exported);
    damaged.pulses[1].answers[damaged.pulses[1].questionIds[1]] = 9;
    await importFile('damaged.json', JSON.stringify(damaged));
    await expect.poll(() => page.textContent('[role=alert]')).toMatch(/damaged.*pulses\[1\]\.answers.*not changed/s);

    await importFile('package.json', JSON.stringify({ name: 'something-else', version: '1.0.0' }));
    await expect.poll(() => page.textContent('[role=alert]')).toMatch(/not a Culture Pulse export/);

    expect(byWeek(await readStore(page, 'pulses'))).toEqual(before);
  });

  it('deletes everything after a confirmation, and Cancel keeps it', async () => {
    await page.getByRole('button', { name: 'Delete all my answers…' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await readStore(page, 'pulses')).toHaveLength(3);

    await page.getByRole('button', { name: 'Delete all my answers…' }).click();
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await expect.poll(() => page.textContent('[role=status].notice')).toMatch(/deleted/);
    expect(await readStore(page, 'pulses')).toEqual([]);
    expect(await page.textContent('#data-summary')).toMatch(/No answers stored yet/);
  });

  it('imports the export back and finds the same records', async () => {
    await importFile('culture-pulse.json', exported);
    await expect.poll(() => page.textContent('[role=status].notice')).toMatch(/3 weeks added, 0 updated/);
    expect(byWeek(await readStore(page, 'pulses'))).toEqual(asImported(byWeek(seeded)));
    expect(await page.locator('table.history tbody tr').count()).toBe(3);

    // Importing the same file again changes nothing.
    await importFile('culture-pulse.json', exported);
    await expect
      .poll(() => page.textContent('[role=status].notice'))
      .toMatch(/0 weeks added, 0 updated, 3 already up to date/);
  });
});
