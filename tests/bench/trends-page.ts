/**
 * The trends page with 104 weeks × 15 statements (the bank's 13 and two more), in headless
 * Chromium, the figures served by a local node:http server. Two marks, both from navigation start:
 * 'trends-ready', the frame after every chart in the first viewport is drawn (what the manager sees
 * first; the budget), and 'trends-all-charts', the frame after the last chart is drawn once the
 * bench has scrolled to the bottom, half a screen per frame as a reader would. Reference: a static
 * page opened the same way. Medians over repeated loads after a warm-up, page and reference
 * interleaved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { QUESTIONS, THEMES } from '../../src/core/questions';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { extensionId, launchChromium } from '../../src/dev/chromium';

// Medians of whole runs on this shared machine have moved by 30 ms; more loads steady them.
const LOADS = 20;
// The browser has just started, and in `npm run bench` the popup's browser has just been closed.
const WARM_UP = 5;

function cell(seed: number) {
  const fav = 30 + ((seed * 37) % 60);
  return {
    suppressed: false,
    responses: 8,
    mean: 2.5 + (seed % 20) / 10,
    favourablePct: fav,
    neutralPct: 10,
    unfavourablePct: 90 - fav,
  };
}

function teamWeeks() {
  const last = addWeeksToId(weekIdOf(new Date()), -3);
  const ids = [...QUESTIONS.map((q) => q.id), 'bench-extra-1', 'bench-extra-2'];
  return {
    teamId: 'bench',
    name: 'Bench team',
    k: 5,
    weeks: Array.from({ length: 104 }, (_, i) => {
      const weekId = addWeeksToId(last, i - 103);
      if (i % 13 === 5)
        return { weekId, status: 'released', k: 5, responses: null, suppressed: true, questions: {}, themes: {} };
      return {
        weekId,
        status: 'released',
        k: 5,
        responses: 8,
        suppressed: false,
        questions: Object.fromEntries(ids.map((id, q) => [id, cell(i + q)])),
        themes: Object.fromEntries(THEMES.map((t, n) => [t, cell(i * 3 + n)])),
      };
    }),
  };
}

/**
 * Run in the page, as strings so the bundler's helpers do not leak into them: the time of a mark,
 * once it is set; and scrolling to the bottom half a screen per frame, returning when it started.
 */
const UNTIL = `(mark) => new Promise((done, fail) => {
  setTimeout(() => fail(new Error('No ' + mark + ' mark after 30 s.')), 30000);
  const at = () => performance.getEntriesByName(mark)[0]?.startTime;
  if (at() !== undefined) return done(at());
  new PerformanceObserver((_list, observer) => {
    if (at() === undefined) return;
    observer.disconnect();
    done(at());
  }).observe({ type: 'mark' });
})`;
const SCROLL_TO_BOTTOM = `async () => {
  const start = performance.now();
  while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
    scrollBy(0, innerHeight / 2);
    await new Promise(requestAnimationFrame);
  }
  return start;
}`;

const quartile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)] ?? Number.NaN;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
};

export async function trendsPageBench(dist: string): Promise<void> {
  const body = JSON.stringify(teamWeeks());
  // Gzipped as the endpoint sends it (src/server/app.ts), once: the endpoint is another process, so
  // its compressing should not take this one's time, which also drives the browser.
  const gzipped = gzipSync(body);
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.endsWith('/notes')) return void res.end('{"notes":[]}');
    if (!/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return void res.end(body);
    res.setHeader('content-encoding', 'gzip');
    res.end(gzipped);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'pulse-bench-trends-'));
  const context = await launchChromium({ extension: dist, profile, headless: true });
  try {
    const id = await extensionId(context);
    const origin = `chrome-extension://${id}/`;
    const admin = await context.newPage();
    await admin.goto('chrome://extensions');
    await admin.evaluate(
      (extension) =>
        (
          globalThis as unknown as {
            chrome: { developerPrivate: { addHostPermission(i: string, h: string): Promise<void> } };
          }
        ).chrome.developerPrivate.addHostPermission(extension, 'http://127.0.0.1/*'),
      id,
    );
    await admin.goto(`${origin}reference.html`);
    await admin.evaluate(
      async (access) => {
        await chrome.permissions.request({ origins: ['http://127.0.0.1/*'] });
        await chrome.storage.local.set({ managerAccess: access });
      },
      { endpoint, teamId: 'bench', managerToken: 'M'.repeat(43) },
    );
    await admin.close();

    // A PerformanceObserver rather than waitForFunction's polling: that injects Playwright's selector
    // engine into the page while it is still loading, which cost the page 10–30 ms of its main thread.
    const until = async (page: Page, mark: string) =>
      (await page.evaluate(`(${UNTIL})(${JSON.stringify(mark)})`)) as number;
    const scrollToBottom = async (page: Page) => (await page.evaluate(`(${SCROLL_TO_BOTTOM})()`)) as number;

    const openTrends = async () => {
      const page = await context.newPage();
      await page.goto(`${origin}src/trends/index.html`);
      const ready = await until(page, 'trends-ready');
      // Where the time goes: before the figures are asked for (the page's modules, the saved code),
      // waiting for them, and after they arrive (parse, render, draw).
      const [asked, fetched, arrived] = await page.evaluate(() => {
        const e = performance
          .getEntriesByType('resource')
          .find(
            (r): r is PerformanceResourceTiming => r instanceof PerformanceResourceTiming && r.name.endsWith('/weeks'),
          );
        return [e?.startTime ?? 0, e?.duration ?? 0, e?.responseEnd ?? 0];
      });
      const scrolled = await scrollToBottom(page);
      const all = await until(page, 'trends-all-charts');
      const drawn = await page.locator('figure.chart canvas').count();
      const charts = await page.locator('figure.chart').count();
      await page.close();
      return { ready, asked, fetched, afterArrival: ready - arrived, all, afterScroll: all - scrolled, drawn, charts };
    };
    const openReference = async () => {
      const page = await context.newPage();
      await page.goto(`${origin}reference.html`);
      const ready = await until(page, 'pulse-ready');
      await page.close();
      return ready;
    };
    const page: Awaited<ReturnType<typeof openTrends>>[] = [];
    const reference: number[] = [];
    for (let i = 0; i < WARM_UP + LOADS; i++) {
      const p = await openTrends();
      const r = await openReference();
      if (p.drawn !== p.charts) throw new Error(`Only ${p.drawn} of ${p.charts} charts were drawn after scrolling.`);
      if (i >= WARM_UP) {
        page.push(p);
        reference.push(r);
      }
    }
    const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
    console.log(`\n## Trends page, 104 weeks × 15 statements (median of ${LOADS}, after ${WARM_UP} warm-up loads)\n`);
    console.log('  From navigation start. The figures table is built when opened, so neither mark includes it.');
    console.log(
      `  first viewport drawn ('trends-ready')     ${ms(page.map((p) => p.ready))}, of which fetching the figures ${ms(page.map((p) => p.fetched))} (budget: under 200 ms)`,
    );
    console.log(
      `    figures asked for at ${ms(page.map((p) => p.asked))}; from their arrival to the first viewport drawn ${ms(page.map((p) => p.afterArrival))}`,
    );
    // Negative when every chart was on the first screen: drawn before the bench began to scroll.
    const afterScroll = median(page.map((p) => p.afterScroll));
    console.log(
      `  all ${page[0]?.charts ?? '?'} charts drawn ('trends-all-charts')  ${ms(page.map((p) => p.all))}, after scrolling to the bottom; ${
        afterScroll < 0 ? 'all drawn before the first scroll' : `${afterScroll.toFixed(1)} ms from the first scroll`
      }`,
    );
    console.log(`  reference                                 ${ms(reference)} (a static page with five buttons)`);
    // What the page itself adds to opening an extension tab, as the popup's budget is read: each load
    // paired with the reference load after it, so both saw the machine in the same state.
    console.log(
      `  first viewport minus reference            ${ms(page.map((p, i) => p.ready - (reference[i] ?? Number.NaN)))} (paired); first viewport quartiles ${ms(
        [
          quartile(
            page.map((p) => p.ready),
            0.25,
          ),
        ],
      )} – ${ms([
        quartile(
          page.map((p) => p.ready),
          0.75,
        ),
      ])}`,
    );
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
