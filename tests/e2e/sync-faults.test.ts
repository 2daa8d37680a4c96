/**
 * Sync faults for real in Chromium. The service worker stopped in the middle of sending a week: the endpoint
 * holds the week's POST, the worker is stopped (as Chrome stops an idle one) with the request in
 * flight, and the endpoint then stores it, an answer nobody reads. The next run sends the same
 * bytes again, and the endpoint holds the week once. Chromium only: Firefox's event page cannot be
 * stopped on demand while a request is in flight (it unloads only when idle).
 * And the endpoint rate-limiting the week's POST: its own 429 and Retry-After (the app's token
 * limiter, not a stand-in), and the next try stored no earlier than asked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInvite } from '../../src/core/invite';
import { SEND_SPREAD_MS } from '../../src/core/outbox';
import { submissionSchema } from '../../src/core/submission';
import { weekEnd } from '../../src/core/week';
import { deferred } from '../deferred';
import { freePort, INGEST, type Running, startServer } from '../server/harness';
import { type ExtensionBrowser, launchExtension } from './chromium';
import {
  answerPulse,
  fromPlaywright,
  joinTeam,
  PULSE_MOMENT,
  PULSE_WEEK,
  readOutbox,
  sharedClock,
  startFrom,
} from './steps';

let browser: ExtensionBrowser;
let server: Running | undefined;
let port: number;
const clock = sharedClock();

beforeAll(async () => {
  port = await freePort();
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Chromium: the service worker stopped while sending', () => {
  it('sends the week again from the next run, and the endpoint holds it once', async () => {
    const options: Page = await browser.open('src/options/index.html');
    const setup = async () => fromPlaywright(await browser.open('src/options/index.html'));
    await startFrom(setup, PULSE_MOMENT);
    const popup = fromPlaywright(await browser.open('src/popup/index.html'));
    await answerPulse(popup, ['4', '5', 's', '2'], 'never sent');
    await popup.close();

    const posts: string[] = [];
    const held = deferred();
    server = await startServer({
      port,
      now: clock.now,
      tap: async (request) => {
        if (request.method !== 'POST') return;
        posts.push(await request.text());
        if (posts.length === 1) await held.promise; // the first POST waits while the worker is stopped
      },
    });
    await browser.approveHost('http://127.0.0.1/*');
    const invite = formatInvite({ endpoint: `http://127.0.0.1:${port}`, teamId: 'platform', ingestToken: INGEST });
    await joinTeam(fromPlaywright(options), invite, 'platform');

    // The week closes and its moment passes: the worker sends, and the endpoint holds the request.
    const due = weekEnd(PULSE_WEEK).getTime() + SEND_SPREAD_MS + 60_000;
    await clock.move(fromPlaywright(options), due - Date.now());
    await expect.poll(() => posts.length, { timeout: 15_000 }).toBe(1);
    await browser.stopServiceWorker();
    held.resolve();
    // The endpoint stored it; the stopped worker never heard, so the week still waits.
    await expect.poll(async () => (await server?.store.weekSubmissions('platform', PULSE_WEEK))?.length).toBe(1);
    expect(await readOutbox(fromPlaywright(options))).toMatchObject([{ weekId: PULSE_WEEK, state: 'waiting' }]);

    // The next run (the clock moves a minute on, which wakes the worker) sends the same bytes again.
    await clock.move(fromPlaywright(options), due + 60_000 - Date.now());
    await expect
      .poll(async () => (await readOutbox(fromPlaywright(options)))[0]?.state, { timeout: 15_000 })
      .toBe('sent');
    expect(posts).toHaveLength(2);
    expect(posts[1]).toBe(posts[0]);
    const sent = submissionSchema.parse(JSON.parse(posts[0] ?? ''));
    expect(await server.store.weekSubmissions('platform', PULSE_WEEK)).toEqual([sent]);
    await options.close();
  });
});

describe('Chromium: the endpoint rate-limiting the week', () => {
  let fresh: ExtensionBrowser | undefined;
  let limited: Running | undefined;
  afterAll(async () => {
    await fresh?.close();
    await limited?.close();
  });

  it('stores the next try no earlier than the endpoint’s own Retry-After', async () => {
    fresh = await launchExtension();
    const own = sharedClock();
    const setup = async () => fromPlaywright(await (fresh as ExtensionBrowser).open('src/options/index.html'));
    await startFrom(setup, PULSE_MOMENT);
    const popup = fromPlaywright(await fresh.open('src/popup/index.html'));
    await answerPulse(popup, ['4', '5', 's', '2'], '');
    await popup.close();
    // The token's bucket starts empty (made at the week's POST) and refills one request every
    // 2 hours: the app's own 429 asks for 7200 s (core's backoff alone: 3.75 to 6.25 minutes).
    const retryAfter = 7200;
    const limitedPort = await freePort();
    limited = await startServer({ port: limitedPort, now: own.now, burst: 0, perMinute: 1 / 120 });
    const answered = limited;
    await fresh.approveHost('http://127.0.0.1/*');
    const options = fromPlaywright(await fresh.open('src/options/index.html'));
    const endpoint = `http://127.0.0.1:${limitedPort}`;
    await joinTeam(options, formatInvite({ endpoint, teamId: 'platform', ingestToken: INGEST }), 'platform');

    const due = weekEnd(PULSE_WEEK).getTime() + SEND_SPREAD_MS + 60_000;
    await own.move(options, due - Date.now());
    await expect.poll(async () => (await readOutbox(options))[0]?.attempts, { timeout: 15_000 }).toBe(1);
    const [entry] = await readOutbox(options);
    expect(entry?.state).toBe('waiting');
    // The run read its clock at or after `due`: the stored next try is no earlier than asked.
    expect((entry?.sendAt ?? 0) - due).toBeGreaterThanOrEqual(retryAfter * 1000);
    expect((entry?.sendAt ?? 0) - own.now().getTime()).toBeLessThan(retryAfter * 1500);
    expect(await answered.store.weekSubmissions('platform', PULSE_WEEK)).toEqual([]);
    await options.close();
  });
});
