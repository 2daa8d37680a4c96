/**
 * "My data" on the options page, written once for both browsers: the history and both exports,
 * a malformed, damaged or foreign file refused with the data untouched, delete-all behind a
 * confirmation, and an export imported back. Each scenario starts from the records it writes, at
 * the pinned moment (steps.ts), so each runs alone and in any order.
 */
import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { buildExportFile } from '../../src/core/export-file';
import type { PulseRecord } from '../../src/core/schemas';
import { addWeeksToId } from '../../src/core/week';
import { pulseRecord } from './records';
import {
  asImported,
  expectCsvExport,
  expectJsonExport,
  type OpenPopup,
  PULSE_MOMENT,
  PULSE_WEEK,
  readPulses,
  startFrom,
  type UserPage,
} from './steps';

/** The options page, with what each browser does its own way: saving a download, choosing a file. */
export interface OptionsPage {
  readonly ui: UserPage;
  /** Click the button labelled `label` and read the file it saves. */
  download(label: string): Promise<{ name: string; text: string }>;
  /** Choose a file holding `text` in the import field. */
  importFile(name: string, text: string): Promise<void>;
}

export interface MyDataDriver {
  /** A page that writes no pulses, to set the scenario up from. */
  setupPage: OpenPopup;
  openOptions(): Promise<OptionsPage>;
}

export const seeded: PulseRecord[] = [
  pulseRecord(addWeeksToId(PULSE_WEEK, -2), '', 2),
  pulseRecord(addWeeksToId(PULSE_WEEK, -1), 'Ça va, "merci" =1+1\nsecond line', 4),
  pulseRecord(PULSE_WEEK, '', 5),
];
/** The export of `seeded` as the button saves it. */
const exported = JSON.stringify(buildExportFile(seeded, [], PULSE_MOMENT), null, 2);

const byWeek = (records: readonly PulseRecord[]) => [...records].sort((a, b) => a.weekId.localeCompare(b.weekId));
const stored = async (page: UserPage) => byWeek(await readPulses(page));
const historyRows = (page: UserPage) =>
  page.evaluate(() => document.querySelectorAll('table.history tbody tr').length, undefined);

async function openWith(driver: MyDataDriver, records: readonly PulseRecord[]): Promise<OptionsPage> {
  await startFrom(driver.setupPage, PULSE_MOMENT, records);
  const options = await driver.openOptions();
  await options.ui.waitFor('#data-summary');
  await expect.poll(() => historyRows(options.ui)).toBe(records.length);
  return options;
}

export function myDataScenarios(driver: () => MyDataDriver): void {
  it('shows the history, and exports every record as JSON and as CSV named by the day', async () => {
    const { ui, download } = await openWith(driver(), seeded);
    const json = await download('Export as JSON');
    // The file is named by the extension's day (its pinned clock), not the real one. (Firefox adds
    // "(1)" when an earlier test saved the same name into the same folder.)
    expect(json.name).toMatch(/^culture-pulse-2026-11-25(\(\d+\))?\.json$/);
    expectJsonExport(json.text, seeded);
    const csv = await download('Export as CSV');
    expect(csv.name).toMatch(/^culture-pulse-2026-11-25(\(\d+\))?\.csv$/);
    expectCsvExport(csv.text, seeded);
    // The seeded weeks, spelled out: a skipped first statement (no number), a comment with a quote,
    // a formula-like start and a line break.
    const middle = Papa.parse<Record<string, string>>(csv.text.slice(1), { header: true }).data.filter(
      (r) => r.iso_week === seeded[1]?.weekId,
    );
    expect(middle.map((r) => r.answer)).toEqual(['', '4', '4', '4']);
    expect(middle[0]?.week_comment).toBe('Ça va, "merci" =1+1\nsecond line');
    await ui.close();
  });

  it('refuses a malformed, damaged or foreign file with a clear error and keeps the data untouched', async () => {
    const { ui, importFile } = await openWith(driver(), seeded);
    await importFile(
      'broken.json',
      '{"format": "culture-pulse-export", "version": 1, "pulses": [{"weekId": "2026-W99"}]',
    );
    await expect.poll(() => ui.text('[role=alert]')).toMatch(/not valid JSON.*not changed/s);

    const damaged = JSON.parse(exported);
    damaged.pulses[1].answers[damaged.pulses[1].questionIds[1]] = 9;
    await importFile('damaged.json', JSON.stringify(damaged));
    await expect.poll(() => ui.text('[role=alert]')).toMatch(/damaged.*pulses\[1\]\.answers.*not changed/s);

    await importFile('package.json', JSON.stringify({ name: 'something-else', version: '1.0.0' }));
    await expect.poll(() => ui.text('[role=alert]')).toMatch(/not a Culture Pulse export/);

    expect(await stored(ui)).toEqual(byWeek(seeded));
    await ui.close();
  });

  it('deletes everything after a confirmation, and Cancel keeps it', async () => {
    const { ui } = await openWith(driver(), seeded);
    await ui.clickButton('Delete all my answers');
    await ui.waitFor('dialog[open]');
    await ui.clickButton('Cancel');
    expect(await stored(ui)).toEqual(byWeek(seeded));

    await ui.clickButton('Delete all my answers');
    await ui.clickButton('Delete everything');
    await expect.poll(() => ui.text('[role=status].notice')).toMatch(/deleted/);
    expect(await readPulses(ui)).toEqual([]);
    expect(await ui.text('#data-summary')).toMatch(/No answers stored yet/);
    await ui.close();
  });

  it('imports its own saved export back and finds the same records; the same file again changes nothing', async () => {
    const { ui, download, importFile } = await openWith(driver(), seeded);
    const saved = await download('Export as JSON');
    await ui.clickButton('Delete all my answers');
    await ui.clickButton('Delete everything');
    await expect.poll(() => ui.text('#data-summary')).toMatch(/No answers stored yet/);

    await importFile(saved.name, saved.text);
    await expect.poll(() => ui.text('[role=status].notice')).toMatch(/3 weeks added, 0 updated/);
    expect(await stored(ui)).toEqual(asImported(byWeek(seeded)));
    await expect.poll(() => historyRows(ui)).toBe(3);

    await importFile(saved.name, saved.text);
    await expect.poll(() => ui.text('[role=status].notice')).toMatch(/0 weeks added, 0 updated, 3 already up to date/);
    await ui.close();
  });
}
