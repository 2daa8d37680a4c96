/**
 * "My data" in real Chromium, through the same steps as Firefox's (tests/e2e/my-data-steps.ts):
 * export as JSON and CSV, a malformed or foreign file refused with a clear error and nothing
 * changed, delete everything behind a confirmation, and an export imported back whole.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe } from 'vitest';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { myDataScenarios } from './my-data-steps';
import { fromPlaywright } from './steps';

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
});

describe('my data', () => {
  myDataScenarios(() => ({
    setupPage: async () => fromPlaywright(await browser.open('src/options/index.html')),
    async openOptions() {
      const page = await browser.open('src/options/index.html');
      return {
        ui: fromPlaywright(page),
        async download(label) {
          const [file] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('button', { name: label }).click(),
          ]);
          return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
        },
        async importFile(name, text) {
          await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
        },
      };
    },
  }));
});
