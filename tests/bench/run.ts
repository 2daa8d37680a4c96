/**
 * `npm run bench`: the budgets as printed figures, never pass/fail. Times are medians over
 * repeated runs after a warm-up, each beside a reference measured the same way in the same run,
 * because this machine is shared and noisy.
 *
 * `npm run bench:popup` measures the popup alone. `-- --baseline <dist>` opens another build's
 * popup (an earlier commit's dist/) in the same browser, alternating with this one, for a before
 * and after from one run.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, extensionId, launchChromium } from '../../src/dev/chromium';
import { assertPrerequisites, DIST } from '../e2e/chromium';
import { csvExportBench } from './csv-export';
import { killRestartBench, postgresRecoveryBench } from './faults';
import { ingestBench } from './ingest';
import { junkRequestsBench } from './junk-requests';
import { popupFiles, type SizedFile } from './popup-size';
import { distWithReference } from './reference-dist';
import { tokenClientBench } from './token-client';
import { trendsPageBench } from './trends-page';
import { votesBench } from './votes';

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

const args = process.argv.slice(2);
const popupOnly = args.includes('popup');
const baselineArg = args.indexOf('--baseline');
const BASELINE = baselineArg >= 0 ? args[baselineArg + 1] : undefined;
/** Where a baseline build's popup page is put in the copy of dist/ (its assets are hash-named). */
const BASELINE_PAGE = 'src/popup/baseline.html';

function printSizes(files: SizedFile[]): void {
  for (const when of ['first', 'later'] as const) {
    const assets = files.filter((f) => f.when === when && !f.file.endsWith('.html'));
    if (assets.length === 0) continue;
    for (const f of files.filter((f) => f.when === when))
      console.log(`  ${when.padEnd(6)} ${f.file.padEnd(44)} ${kb(f.bytes).padStart(10)}  gz ${kb(f.gzip).padStart(9)}`);
    const total = assets.reduce((sum, f) => sum + f.gzip, 0);
    const label = when === 'first' ? 'JS + CSS before the first statement' : 'JS + CSS loaded later, on demand';
    console.log(`  ${''.padEnd(6)} ${label.padEnd(44)} ${''.padStart(10)}  gz ${kb(total).padStart(9)}\n`);
  }
}

function sizes(): void {
  console.log('\n## Popup payload, gzip -9 (budget: at most 20 KB before the first statement)\n');
  console.log('  first: the page, its scripts and stylesheets and their static imports, loaded before the first');
  console.log('  statement. later: dynamic imports (thank-you, history, team notes, message schemas) and what they');
  console.log('  import, loaded once the engineer is past the statements or finishes.\n');
  printSizes(popupFiles(DIST));
  if (BASELINE) {
    console.log(`  Baseline (${BASELINE}):\n`);
    printSizes(popupFiles(BASELINE));
  }
}

/** dist/ with the static reference page, and the baseline build's popup beside this one's when asked. */
function popupDistWithReference(): string {
  const dir = distWithReference(DIST);
  if (BASELINE) {
    for (const file of readdirSync(join(BASELINE, 'assets'))) {
      if (!existsSync(join(dir, 'assets', file))) cpSync(join(BASELINE, 'assets', file), join(dir, 'assets', file));
    }
    writeFileSync(join(dir, BASELINE_PAGE), readFileSync(join(BASELINE, 'src/popup/index.html')));
  }
  return dir;
}

async function timings(): Promise<void> {
  const dist = popupDistWithReference();
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
      `\n## Popup opened to first statement answerable (median of ${OPENS}, after ${WARM_UP} warm-up opens)\n`,
    );
    console.log('  In-page: navigation start to the mark set once the first statement is drawn, focused and');
    console.log('  listening for keys (answers stored in IndexedDB fill in when they arrive). Reference: a static');
    console.log('  page with five buttons, opened the same way, in turn with the popup.');
    const pages: [string, string][] = [
      ['popup', 'src/popup/index.html'],
      ['reference', 'reference.html'],
      ...(BASELINE ? ([['baseline', BASELINE_PAGE]] as [string, string][]) : []),
    ];
    const times = new Map<string, { inPage: number; driver: number }[]>(pages.map(([name]) => [name, []]));
    for (let i = 0; i < WARM_UP; i++) for (const [, path] of pages) await open(path);
    for (let i = 0; i < OPENS; i++) for (const [name, path] of pages) times.get(name)?.push(await open(path));
    const inPage = (name: string) => median((times.get(name) ?? []).map((x) => x.inPage));
    const driver = (name: string) => median((times.get(name) ?? []).map((x) => x.driver));
    for (const [name] of pages) {
      console.log(
        `  ${name.padEnd(10)} in-page ${fmt(inPage(name)).padStart(9)}   seen from the driver ${fmt(driver(name))}`,
      );
    }
    const r = inPage('reference');
    console.log(`  popup minus reference: ${fmt(inPage('popup') - r)} (budget: at most 20 ms)`);
    if (BASELINE) console.log(`  baseline minus reference: ${fmt(inPage('baseline') - r)}`);

    console.log(`\n## Committing one answer to IndexedDB (median of ${SAVES}, durability 'strict')\n`);
    console.log('  Measured in the popup around updatePulse: one readwrite transaction that reads the week,');
    console.log('  validates, writes and commits, while the popup re-renders the choice. Keys are pressed at a');
    console.log(`  brisk human pace (one every ${PACE_MS} ms); each press is a new answer, so every save writes.`);
    console.log('  Reference: a bare strict put of the same record in the same page, no read, no render.');
    if (BASELINE) console.log("  Baseline: the same keys in the baseline build's popup, in turn with this one.");
    const savePages = await Promise.all(
      pages
        .filter(([name]) => name !== 'reference')
        .map(async ([name, path]) => {
          const p = await context.newPage();
          await p.goto(origin + path);
          await p.waitForSelector('input[type=radio]');
          return [name, p] as const;
        }),
    );
    for (let i = 0; i < SAVES + WARM_UP; i++) {
      for (const [, p] of savePages) {
        await p.bringToFront();
        await p.keyboard.press(String((i % 5) + 1));
        await p.waitForFunction((n) => performance.getEntriesByName('pulse:save').length >= n, i + 1);
        await p.waitForTimeout(PACE_MS);
      }
    }
    const page = savePages[0]?.[1];
    if (!page) throw new Error('No popup page');
    for (const [name, p] of savePages) {
      const saves = await p.evaluate(() => performance.getEntriesByName('pulse:save').map((e) => e.duration));
      const measured = saves.slice(WARM_UP);
      console.log(
        `  ${name === 'popup' ? 'save' : name.padEnd(10)} ${name === 'popup' ? '      ' : ''}median ${fmt(median(measured))}   min ${fmt(Math.min(...measured))}   max ${fmt(Math.max(...measured))}${name === 'popup' ? ' (budget: median under 10 ms)' : ''}`,
      );
    }
    const floor = (await page.evaluate(`(${BARE_PUTS})(${SAVES})`)) as number[];
    console.log(
      `  reference  median ${fmt(median(floor))}   min ${fmt(Math.min(...floor))}   max ${fmt(Math.max(...floor))}`,
    );
    for (const [, p] of savePages.slice(1)) await p.close();
    await page.close();
    await context.close();
    if (!popupOnly) await trendsPageBench(dist);
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
if (!popupOnly) {
  await tokenClientBench(DIST);
  await ingestBench();
  await junkRequestsBench();
  await votesBench();
  await postgresRecoveryBench();
  await killRestartBench();
  await csvExportBench();
}
