/**
 * Team sync in the built extension, in real Chromium, against the real endpoint on 127.0.0.1:
 * join from the options page, answer a pulse, the week closes (the development clock moves), the
 * first try finds the endpoint down, the worker stops, the endpoint comes back, the retry delivers
 * once, and every request body holds the week's scores and nothing else. Every request is read at
 * the endpoint's socket: its exact headers (no Origin, no language, one User-Agent), its connection
 * of its own, and when it came: the week's POST and, in the same run, the notes GET, nothing else.
 * The manager's note read then shows in the popup.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInvite } from '../../src/core/invite';
import { FIXED_USER_AGENT, requestRuleFor, rulesInPlace } from '../../src/core/request-rule';
import { pulseForWeek } from '../../src/core/rotation';
import { submissionSchema } from '../../src/core/submission';
import { freePort, INGEST, type RawRequest, type Running, startServer } from '../server/harness';
import { type ExtensionBrowser, launchExtension } from './chromium';
import { headersOf, linesOf } from './raw-headers';
import {
  afterFirstSends,
  answerPulse,
  fromPlaywright,
  joinTeam,
  PULSE_MOMENT,
  PULSE_WEEK,
  readOutbox,
  sharedClock,
  syncRunFinished,
} from './steps';

const COMMENT = 'SECRET-COMMENT: the deploy freeze hurts';
// The week answered, on the extension's clock pinned at its Wednesday (not the real week).
const week = PULSE_WEEK;
const questions = pulseForWeek(week).questions;
const CLOSED_OFFSET = afterFirstSends(week);

let browser: ExtensionBrowser;
let server: Running | undefined;
let port: number;
/** Every request the endpoint received: the submissions' bodies, the others, and each as it came off the socket. */
const bodies: string[] = [];
const others: string[] = [];
const raw: RawRequest[] = [];
const clock = sharedClock();

const outbox = (page: Page) => readOutbox(fromPlaywright(page));

beforeAll(async () => {
  port = await freePort();
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('anonymous team sync', () => {
  let options: Page;

  it('joins from the options page after showing exactly what will be sent', async () => {
    const setup = await browser.open('src/options/index.html');
    await clock.move(fromPlaywright(setup), PULSE_MOMENT.getTime() - Date.now());
    await setup.close();
    const popup = await browser.open('src/popup/index.html');
    await answerPulse(fromPlaywright(popup), ['4', '5', 's', '2'].slice(0, questions.length), COMMENT);
    await popup.close();

    await browser.approveHost('http://127.0.0.1/*');
    options = await browser.open('src/options/index.html');
    const invite = formatInvite({ endpoint: `http://127.0.0.1:${port}`, teamId: 'platform', ingestToken: INGEST });
    await options.fill('textarea#invite', 'cpulse1.broken');
    await options.click('button:text("Check invite")');
    expect(await options.textContent('#invite-error')).toMatch(/damaged/);

    const preview = await joinTeam(fromPlaywright(options), `Join us: ${invite}`, 'platform');
    expect(preview).toContain(`127.0.0.1:${port}`);
    expect(preview).toMatch(/Never sent:.*comments/);
    // Every request it will make, and when: the week's POST, the notes GET in the same run, no other.
    expect(preview).toContain(`POST http://127.0.0.1:${port}/v1/teams/platform/submissions: once for each closed week`);
    expect(preview).toContain(`GET http://127.0.0.1:${port}/v1/teams/platform/notes: right after that`);
    expect(preview).toMatch(/Nothing else, and at no other time/);
    expect(preview).toContain(`names itself ${FIXED_USER_AGENT}, the same for all`);
    expect(await options.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }))).toBe(true);
    expect(await options.textContent('section[aria-labelledby=team-heading]')).toMatch(/No closed week to send yet/);
    // Joining wrote the rule that takes the browser's identifying headers off requests to the endpoint.
    const rules = await options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());
    expect(rulesInPlace(rules, requestRuleFor(`http://127.0.0.1:${port}`))).toBe(true);
  });

  it('queues the week when it closes, finds the endpoint down, and keeps it for a retry', async () => {
    await clock.move(fromPlaywright(options), CLOSED_OFFSET);
    await expect.poll(async () => (await outbox(options))[0]?.attempts, { timeout: 15_000 }).toBe(1);
    const [entry] = await outbox(options);
    expect(entry).toMatchObject({ weekId: week, state: 'waiting' });
    // The retry is booked as an alarm, on the real clock, 3.75–6.25 minutes after the failed try.
    const worker = await browser.worker();
    const alarm = await worker.evaluate(() => chrome.alarms.get('team-sync'));
    expect(alarm?.scheduledTime).toBe((entry?.sendAt ?? 0) - clock.offset);
    const retryIn = (entry?.sendAt ?? 0) - (Date.now() + clock.offset);
    expect(retryIn).toBeGreaterThan(3 * 60_000);
    expect(retryIn).toBeLessThan(6.5 * 60_000);
  });

  it('delivers once on the retry, from a restarted service worker, with the scores and nothing else', async () => {
    // The rule goes missing: the run that sends must write it again first.
    await options.evaluate(() => chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [1] }));
    expect(await options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules())).toEqual([]);
    await browser.stopServiceWorker();
    server = await startServer({
      port,
      now: clock.now,
      tap: (request) =>
        void request.text().then((body) => {
          if (request.method === 'POST') bodies.push(body);
          else others.push(`${request.method} ${new URL(request.url).pathname} ${body}`);
        }),
      raw: (request) => raw.push(request),
    });
    // A manager's note, there before the week's run reads the team's notes.
    await server.store.putNote({
      teamId: 'platform',
      weekId: week,
      theme: 'impact',
      text: 'Customer demos start <b>now</b>.',
    });
    // Past the retry moment: the clock change wakes the stopped worker, which sends.
    await clock.move(fromPlaywright(options), CLOSED_OFFSET + 7 * 60_000);
    await expect.poll(async () => (await outbox(options))[0]?.state, { timeout: 15_000 }).toBe('sent');
    expect(bodies).toHaveLength(1);

    const body = bodies[0] ?? '';
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('deploy freeze');
    const sent = submissionSchema.parse(JSON.parse(body));
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(['bankVersion', 'scores', 'submissionId', 'teamId', 'weekId']);
    expect(sent).toMatchObject({ teamId: 'platform', weekId: week, bankVersion: 1 });
    expect(Object.keys(sent.scores)).toHaveLength(questions.length - 1); // the skipped statement is not sent
    // No stable identifier: not the device secret, not the extension's id.
    const secret = await options.evaluate(async () => (await chrome.storage.local.get('deviceSecret')).deviceSecret);
    expect(typeof secret).toBe('string');
    expect(body).not.toContain(String(secret));
    expect(body).not.toContain(browser.extensionId);

    // The week's POST, then in the same run the team's notes: each request on a connection of its own.
    await expect.poll(() => raw.length).toBe(2);
    expect(linesOf(raw)).toEqual(['POST /v1/teams/platform/submissions', 'GET /v1/teams/platform/notes']);
    expect(raw[0]?.connection).not.toBe(raw[1]?.connection);
    // Exactly these headers, measured in Chromium 156: no Origin (chrome-extension://<id>), no
    // Accept-Language, no Sec-Fetch-*, no cookie; one User-Agent and one Accept-Encoding for every
    // install. Pragma and Cache-Control (from cache: 'no-store') cannot be taken off in Chromium;
    // they are the same for everyone.
    const same = {
      host: `127.0.0.1:${port}`,
      connection: 'close',
      pragma: 'no-cache',
      'cache-control': 'no-cache',
      'user-agent': FIXED_USER_AGENT,
      authorization: `Bearer ${INGEST}`,
      accept: '*/*',
      'accept-encoding': 'gzip',
    };
    expect(headersOf(raw[0] as RawRequest)).toEqual({
      ...same,
      'content-length': String(new TextEncoder().encode(body).length),
      'content-type': 'application/json',
    });
    expect(headersOf(raw[1] as RawRequest)).toEqual(same);
    expect(new Set(others)).toEqual(new Set(['GET /v1/teams/platform/notes ']));
    // …and the rule is back in place.
    const rules = await options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());
    expect(rulesInPlace(rules, requestRuleFor(`http://127.0.0.1:${port}`))).toBe(true);

    // A day later, and three: the options page and the worker sync again, and nothing is asked
    // for: no notes on a cycle of their own, and the week is not sent again.
    for (const days of [1, 3]) {
      await clock.move(fromPlaywright(options), CLOSED_OFFSET + days * 24 * 3600_000);
      await options.reload();
      await expect.poll(() => options.textContent('table.weeks')).toMatch(new RegExp(`${week}\\s*Sent`));
    }
    await syncRunFinished(fromPlaywright(options), clock.offset);
    expect(raw).toHaveLength(2);
    expect(await server.store.weekSubmissions('platform', week)).toEqual([sent]);

    // The engineer sees the note read in that run after their next pulse (the week the extension's
    // clock is in now), as text.
    const popup = await browser.open('src/popup/index.html');
    await answerPulse(fromPlaywright(popup), ['3', '3', '3', '3'], '');
    await expect
      .poll(() => popup.textContent('ul.team-notes'), { timeout: 10_000 })
      .toContain('Customer demos start <b>now</b>.');
    expect(await popup.locator('ul.team-notes b').count()).toBe(0);
    await popup.close();
  });

  it('leaves the team: stops sending, and gives back the permission', async () => {
    await options.click('button:text("Leave team…")');
    await options.click('dialog button:text("Leave team")');
    await expect
      .poll(() => options.textContent('section[aria-labelledby=team-heading]'))
      .toMatch(/Off: nothing leaves/);
    expect(await options.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }))).toBe(false);
    expect(await options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules())).toEqual([]);
    expect(raw).toHaveLength(2);
  });
});
