/**
 * The trends page with 104 weeks × 15 statements (the bank's 13 and two more): from navigation
 * start to the frame after every chart and the table are drawn ('trends-ready'), in headless
 * Chromium, the figures served by a local node:http server. Reference: a static page opened the
 * same way. Medians over repeated loads after a warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUESTIONS, THEMES } from '../../src/core/questions';
import { addWeeksToId, weekIdOf } from '../../src/core/week';
import { extensionId, launchChromium } from '../../src/dev/chromium';

const LOADS = 12;
const WARM_UP = 2;

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function trendsPageBench(dist: string): Promise<void> {
  const body = JSON.stringify(teamWeeks());
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url?.endsWith('/notes') ? '{"notes":[]}' : body);
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

    const open = async (path: string, mark: string) => {
      const page = await context.newPage();
      await page.goto(origin + path);
      await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, {
        polling: 5,
        timeout: 30_000,
      });
      const result = await page.evaluate((m) => {
        const fetchEntry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/weeks'));
        return { ready: performance.getEntriesByName(m)[0]?.startTime ?? Number.NaN, fetch: fetchEntry?.duration ?? 0 };
      }, mark);
      const rows = await page.locator('table.trend-table tbody tr').count();
      await page.close();
      return { ...result, rows };
    };
    const page: { ready: number; fetch: number; rows: number }[] = [];
    const reference: number[] = [];
    for (let i = 0; i < WARM_UP + LOADS; i++) {
      const p = await open('src/trends/index.html', 'trends-ready');
      const r = await open('reference.html', 'pulse-ready');
      if (i >= WARM_UP) {
        page.push(p);
        reference.push(r.ready);
      }
    }
    console.log(`\n## Trends page, 104 weeks × 15 statements (median of ${LOADS}, after ${WARM_UP} warm-up loads)\n`);
    console.log(
      '  Navigation start to the frame after the 7 charts are drawn (the figures table is built when opened).',
    );
    console.log(
      `  trends page  ${median(page.map((p) => p.ready)).toFixed(1)} ms, of which fetching the figures ${median(page.map((p) => p.fetch)).toFixed(1)} ms (budget: under 200 ms)`,
    );
    console.log(`  reference    ${median(reference).toFixed(1)} ms (a static page with five buttons)`);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
