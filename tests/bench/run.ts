/**
 * `npm run bench`: the budgets as printed figures, never pass/fail. Times are medians over
 * repeated runs after a warm-up, each beside a reference measured the same way in the same run,
 * because this machine is shared and noisy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, extensionId, launchChromium } from '../../src/dev/chromium';
import { assertPrerequisites, DIST } from '../e2e/chromium';
import { csvExportBench } from './csv-export';
import { ingestBench } from './ingest';
import { junkRequestsBench } from './junk-requests';
import { popupFiles } from './popup-size';
import { distWithReference } from './reference-dist';
import { trendsPageBench } from './trends-page';

const OPENS = 20;
const WARM_UP = 3;
const SAVES = 40;
const PACE_MS = 150;

/**
 * Runs in the page (as a string, so the bundler's helpers do not leak into it): `n` strict puts of
 * the stored record under another key, each timed from transaction start to commit.
 */
const BARE_PUTS = `async (n) => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('culture-pulse'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const [record] = await new Promise((ok) => { const r = db.transaction('pulses').objectStore('pulses').getAll(); r.onsuccess = () => ok(r.result); });
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await new Promise((ok, fail) => {
      const tx = db.transaction('pulses', 'readwrite', { durability: 'strict' });
      tx.objectStore('pulses').put({ ...record, weekId: 'bench-reference', updatedAt: i });
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    times.push(performance.now() - start);
    await new Promise((ok) => setTimeout(ok, ${PACE_MS}));
  }
  await new Promise((ok) => { const tx = db.transaction('pulses', 'readwrite'); tx.objectStore('pulses').delete('bench-reference'); tx.oncomplete = ok; });
  db.close();
  return times;
}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

function sizes(): void {
  console.log('\n## Popup payload: everything the popup page loads, gzip -9 (budget: at most 20 KB)\n');
  const files = popupFiles(DIST);
  for (const f of files)
    console.log(`  ${f.file.padEnd(44)} ${kb(f.bytes).padStart(10)}  gz ${kb(f.gzip).padStart(9)}`);
  const assets = files.filter((f) => !f.file.endsWith('.html'));
  const total = assets.reduce((sum, f) => sum + f.gzip, 0);
  console.log(`  ${'total JS + CSS'.padEnd(44)} ${''.padStart(10)}  gz ${kb(total).padStart(9)}`);
}

async function timings(): Promise<void> {
  const dist = distWithReference(DIST);
  const profile = mkdtempSync(join(tmpdir(), 'pulse-bench-profile-'));
  const context = await launchChromium({ extension: dist, profile, headless: true });
  try {
    const origin = `chrome-extension://${await extensionId(context)}/`;

    /** Open a page in a new tab; milliseconds from its navigation start to its 'pulse-ready' mark. */
    const open = async (path: string): Promise<{ inPage: number; driver: number }> => {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(origin + path);
      await page.waitForFunction(() => performance.getEntriesByName('pulse-ready').length > 0, undefined, {
        polling: 2,
      });
      const inPage = await page.evaluate(() => performance.getEntriesByName('pulse-ready')[0]?.startTime ?? Number.NaN);
      const driver = performance.now() - t0;
      await page.close();
      return { inPage, driver };
    };

    console.log(
      `\n## Popup opened to first question interactive (median of ${OPENS}, after ${WARM_UP} warm-up opens)\n`,
    );
    console.log('  In-page: navigation start to the mark set once the first statement is drawn from IndexedDB,');
    console.log('  focused and listening for keys. Reference: a static page with five buttons, opened the same way.');
    const popup: { inPage: number; driver: number }[] = [];
    const reference: { inPage: number; driver: number }[] = [];
    for (let i = 0; i < WARM_UP; i++) {
      await open('src/popup/index.html');
      await open('reference.html');
    }
    for (let i = 0; i < OPENS; i++) {
      popup.push(await open('src/popup/index.html'));
      reference.push(await open('reference.html'));
    }
    const p = median(popup.map((x) => x.inPage));
    const r = median(reference.map((x) => x.inPage));
    console.log(
      `  popup      in-page ${fmt(p).padStart(9)}   seen from the driver ${fmt(median(popup.map((x) => x.driver)))}`,
    );
    console.log(
      `  reference  in-page ${fmt(r).padStart(9)}   seen from the driver ${fmt(median(reference.map((x) => x.driver)))}`,
    );
    console.log(`  popup minus reference: ${fmt(p - r)} (budget: popup under 100 ms)`);

    console.log(`\n## Committing one answer to IndexedDB (median of ${SAVES}, durability 'strict')\n`);
    console.log('  Measured in the popup around updatePulse: one readwrite transaction that reads the week,');
    console.log('  validates, writes and commits, while the popup re-renders the choice. Keys are pressed at a');
    console.log(`  brisk human pace (one every ${PACE_MS} ms); each press is a new answer, so every save writes.`);
    console.log('  Reference: a bare strict put of the same record in the same page, no read, no render.');
    const page = await context.newPage();
    await page.goto(`${origin}src/popup/index.html`);
    await page.waitForSelector('input[type=radio]');
    for (let i = 0; i < SAVES + WARM_UP; i++) {
      await page.keyboard.press(String((i % 5) + 1));
      await page.waitForFunction((n) => performance.getEntriesByName('pulse:save').length >= n, i + 1);
      await page.waitForTimeout(PACE_MS);
    }
    const saves = await page.evaluate(() => performance.getEntriesByName('pulse:save').map((e) => e.duration));
    const measured = saves.slice(WARM_UP);
    const floor = (await page.evaluate(`(${BARE_PUTS})(${SAVES})`)) as number[];
    console.log(
      `  save       median ${fmt(median(measured))}   min ${fmt(Math.min(...measured))}   max ${fmt(Math.max(...measured))} (budget: median under 10 ms)`,
    );
    console.log(
      `  reference  median ${fmt(median(floor))}   min ${fmt(Math.min(...floor))}   max ${fmt(Math.max(...floor))}`,
    );
    await page.close();
    await context.close();
    await trendsPageBench(dist);
  } finally {
    await context.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

assertPrerequisites();
console.log(`# Culture Pulse benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${CHROMIUM_PATH}`);
sizes();
await timings();
await ingestBench();
await junkRequestsBench();
await csvExportBench();
