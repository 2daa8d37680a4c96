/**
 * An open team's weekly sync in the built extension, written once for Chromium and Firefox
 * (tests/e2e/sync.test.ts, tests/e2e/firefox-sync.test.ts), against the real endpoint on
 * 127.0.0.1: join from the options page, the week closes (the development clock moves), the first
 * try finds the endpoint down, the background stops, the endpoint comes back, the retry delivers
 * once, and the body holds the week's scores and nothing else. Every request is read at the
 * endpoint's socket: its exact headers (no Origin, no language, one User-Agent), its connection of
 * its own, and when it came: the week's POST and, in the same run, the notes GET, nothing else.
 * Each test starts from a fresh browser with the week answered and joined, so each runs alone and
 * in any order.
 */
import { expect, it, onTestFinished } from 'vitest';
import { formatInvite } from '../../src/core/invite';
import { FIXED_USER_AGENT, requestRuleFor, rulesInPlace } from '../../src/core/request-rule';
import { pulseForWeek } from '../../src/core/rotation';
import { submissionSchema } from '../../src/core/submission';
import { INGEST, type RawRequest } from '../server/harness';
import { headersOf, linesOf } from './raw-headers';
import { RecordingEndpoint } from './recording-endpoint';
import { answeredPulse } from './records';
import {
  afterFirstSends,
  answerPulse,
  joinTeam,
  PULSE_MOMENT,
  PULSE_WEEK,
  readOutbox,
  type SharedClock,
  sharedClock,
  startWithEndpointFrom,
  syncRunFinished,
  type UserPage,
} from './steps';

const COMMENT = 'SECRET-COMMENT: the deploy freeze hurts';
const DAY = 86_400_000;
// The week answered, on the extension's clock pinned at its Wednesday (not the real week).
const week = PULSE_WEEK;
const questions = pulseForWeek(week).questions;
const CLOSED_OFFSET = afterFirstSends(week);
const NOTE = 'Customer demos start <b>now</b>.';

/** What the scenario needs of a browser: one is launched, on a fresh profile, for each test. */
export interface SyncDriver {
  /** The extension's host in its pages' origin (chrome-extension://<id>, moz-extension://<uuid>). */
  readonly extensionHost: string;
  /** The data-collection consent the browser grants with the host on the join's click (Firefox's own), if any. */
  readonly dataCollection: readonly string[] | undefined;
  /** Open a page of the extension, loaded. */
  open(path: string): Promise<UserPage>;
  /** Let the extension reach the host as a click on the browser's Allow would. */
  allowHost(pattern: string): Promise<void>;
  /** Stop the background, as the browser does when it is idle. */
  stopBackground(): Promise<void>;
  /** Close the browser and remove its profile. */
  close(): Promise<void>;
}

/** Where each test starts: a fresh browser with the week answered, on the options page, the endpoint not up yet. */
interface Started {
  readonly browser: SyncDriver;
  readonly clock: SharedClock;
  readonly endpoint: RecordingEndpoint;
  readonly options: UserPage;
}

/** A fresh browser at the pinned moment with the week answered, the host allowed, and its options page open. */
async function answeredWeek(launch: () => Promise<SyncDriver>): Promise<Started> {
  const clock = sharedClock();
  const endpoint = await RecordingEndpoint.reserve(clock.now);
  const browser = await launch();
  onTestFinished(async () => {
    await browser.close();
    await endpoint.close().catch(() => {});
  });
  const answered = answeredPulse(week, [4, 5, 'skip', 2], COMMENT, PULSE_MOMENT.getTime());
  await startWithEndpointFrom(() => browser.open('src/options/index.html'), clock, PULSE_MOMENT, [answered]);
  await browser.allowHost('http://127.0.0.1/*');
  const options = await browser.open('src/options/index.html');
  return { browser, clock, endpoint, options };
}

const rules = (page: UserPage) => page.evaluate(() => chrome.declarativeNetRequest.getDynamicRules(), undefined);
const hostAllowed = (page: UserPage) =>
  page.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }), undefined);
const teamSection = (page: UserPage) => page.text('section[aria-labelledby=team-heading]');

/** Joined to the platform team with its invite; returns what the options page showed would be sent. */
async function join({ options, endpoint }: Started, pasted: (invite: string) => string = (i) => i): Promise<string> {
  const invite = formatInvite({ endpoint: endpoint.url, teamId: 'platform', ingestToken: INGEST });
  return joinTeam(options, pasted(invite), 'platform');
}

/** The week closes with the endpoint down: its first try fails and it waits for a retry. */
async function firstTryFindsEndpointDown({ options, clock }: Started): Promise<void> {
  await clock.move(options, CLOSED_OFFSET);
  await expect.poll(async () => (await readOutbox(options))[0]?.attempts, { timeout: 15_000 }).toBe(1);
  expect((await readOutbox(options))[0]).toMatchObject({ weekId: week, state: 'waiting' });
}

/**
 * The scenario's tests, each from its own state. `headers`: the exact header lines every request
 * carries in this browser, besides host, content-type and content-length.
 */
export function syncScenario(launch: () => Promise<SyncDriver>, headers: Record<string, string>): void {
  it('joins from the options page after showing exactly what will be sent', async () => {
    const started = await answeredWeek(launch);
    const { options, endpoint } = started;
    await options.fill('textarea#invite', 'cpulse1.broken');
    await options.clickButton('Check invite');
    await expect.poll(() => options.text('#invite-error')).toMatch(/damaged/);

    const preview = await join(started, (invite) => `Join us: ${invite}`);
    expect(preview).toContain(`127.0.0.1:${endpoint.port}`);
    expect(preview).toMatch(/Never sent:.*comments/);
    // Every request it will make, and when: the week's POST, the notes GET in the same run, no other.
    expect(preview).toContain(`POST ${endpoint.url}/v1/teams/platform/submissions: once for each closed week`);
    expect(preview).toContain(`GET ${endpoint.url}/v1/teams/platform/notes: right after that`);
    expect(preview).toMatch(/Nothing else, and at no other time/);
    expect(preview).toContain(`names itself ${FIXED_USER_AGENT}, the same for all`);
    expect(await hostAllowed(options)).toBe(true);
    const granted = await options.evaluate(
      () => chrome.permissions.getAll() as Promise<{ origins?: string[]; data_collection?: string[] }>,
      undefined,
    );
    expect(granted.origins).toContain('http://127.0.0.1/*');
    expect(granted.data_collection).toEqual(started.browser.dataCollection);
    await expect.poll(() => teamSection(options)).toMatch(/No closed week to send yet/);
    // Joining wrote the rule that takes the browser's identifying headers off requests to the endpoint.
    expect(rulesInPlace(await rules(options), requestRuleFor(endpoint.url))).toBe(true);
  });

  it('queues the week when it closes, finds the endpoint down, and keeps it for a retry', async () => {
    const started = await answeredWeek(launch);
    const { options, clock } = started;
    await join(started);
    await firstTryFindsEndpointDown(started);
    const [entry] = await readOutbox(options);
    // The retry is booked as an alarm, on the real clock, 3.75–6.25 minutes after the failed try.
    const alarm = await options.evaluate(() => chrome.alarms.get('team-sync'), undefined);
    expect(alarm?.scheduledTime).toBe((entry?.sendAt ?? 0) - clock.offset);
    const retryIn = (entry?.sendAt ?? 0) - (Date.now() + clock.offset);
    expect(retryIn).toBeGreaterThan(3 * 60_000);
    expect(retryIn).toBeLessThan(6.5 * 60_000);
  });

  it('delivers once on the retry, from a stopped background, with the scores and nothing else', async () => {
    const started = await answeredWeek(launch);
    const { browser, clock, endpoint } = started;
    let { options } = started;
    const { raw, bodies, others } = endpoint;
    await join(started);
    await firstTryFindsEndpointDown(started);
    // The rule goes missing: the run that sends must write it again first.
    await options.evaluate(() => chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [1] }), undefined);
    expect(await rules(options)).toEqual([]);
    await browser.stopBackground();
    const server = await endpoint.up();
    // A manager's note, there before the week's run reads the team's notes.
    await server.store.putNote({ teamId: 'platform', weekId: week, theme: 'impact', text: NOTE });
    // Past the retry moment: the clock change wakes the stopped background, which sends.
    await clock.move(options, CLOSED_OFFSET + 7 * 60_000);
    await expect.poll(async () => (await readOutbox(options))[0]?.state, { timeout: 15_000 }).toBe('sent');
    expect(bodies).toHaveLength(1);

    const body = bodies[0] ?? '';
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('deploy freeze');
    const sent = submissionSchema.parse(JSON.parse(body));
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(['bankVersion', 'scores', 'submissionId', 'teamId', 'weekId']);
    expect(sent).toMatchObject({ teamId: 'platform', weekId: week, bankVersion: 1 });
    expect(Object.keys(sent.scores)).toHaveLength(questions.length - 1); // the skipped statement is not sent
    // No stable identifier: not the device secret, not the extension's id.
    const secret = await options.evaluate(
      async () => (await chrome.storage.local.get('deviceSecret')).deviceSecret,
      undefined,
    );
    expect(typeof secret).toBe('string');
    expect(body).not.toContain(String(secret));
    expect(body).not.toContain(browser.extensionHost);

    // The week's POST, then in the same run the team's notes: each request on a connection of its own.
    await expect.poll(() => raw.length).toBe(2);
    expect(linesOf(raw)).toEqual(['POST /v1/teams/platform/submissions', 'GET /v1/teams/platform/notes']);
    expect(raw[0]?.connection).not.toBe(raw[1]?.connection);
    const same = { host: `127.0.0.1:${endpoint.port}`, 'user-agent': FIXED_USER_AGENT, ...headers };
    expect(headersOf(raw[0] as RawRequest)).toEqual({
      ...same,
      'content-length': String(new TextEncoder().encode(body).length),
      'content-type': 'application/json',
    });
    expect(headersOf(raw[1] as RawRequest)).toEqual(same);
    expect(new Set(others)).toEqual(new Set(['GET /v1/teams/platform/notes ']));
    // …and the rule is back in place.
    expect(rulesInPlace(await rules(options), requestRuleFor(endpoint.url))).toBe(true);
    // The notes read in that run are kept for the popup.
    await expect
      .poll(() =>
        options.evaluate(
          async () => JSON.stringify((await chrome.storage.local.get('teamNotes')).teamNotes),
          undefined,
        ),
      )
      .toContain(NOTE);

    // A day later, and three: a fresh options page and the background sync again, and nothing is
    // asked for: no notes on a cycle of their own, and the week is not sent again.
    for (const days of [1, 3]) {
      await clock.move(options, CLOSED_OFFSET + days * DAY);
      await options.close();
      options = await browser.open('src/options/index.html');
      await expect.poll(() => options.text('table.weeks')).toMatch(new RegExp(`${week}\\s*Sent`));
    }
    await syncRunFinished(options, clock.offset);
    expect(raw).toHaveLength(2);
    expect(await server.store.weekSubmissions('platform', week)).toEqual([sent]);

    // The engineer sees the note read in that run after their next pulse (the week the extension's
    // clock is in now), as text.
    const popup = await browser.open('src/popup/index.html');
    await answerPulse(popup, ['3', '3', '3', '3'], '');
    await expect.poll(() => popup.text('ul.team-notes'), { timeout: 10_000 }).toContain(NOTE);
    expect(await popup.evaluate(() => document.querySelectorAll('ul.team-notes b').length, undefined)).toBe(0);
    await popup.close();
  });

  it('leaves the team: stops sending, and gives back the permission', async () => {
    const started = await answeredWeek(launch);
    const { browser, options, clock, endpoint } = started;
    await join(started);
    await firstTryFindsEndpointDown(started);
    await endpoint.up();
    await options.clickButton('Leave team…');
    await options.waitFor('dialog[open]');
    // The dialog's own button: a label match would find "Leave team…" behind it first.
    await options.evaluate(
      () =>
        [...document.querySelectorAll<HTMLButtonElement>('dialog[open] button')]
          .find((b) => b.textContent?.trim() === 'Leave team')
          ?.click(),
      undefined,
    );
    await expect.poll(() => teamSection(options)).toMatch(/Off: nothing leaves/);
    expect(await hostAllowed(options)).toBe(false);
    expect(await rules(options)).toEqual([]);
    // The week that waited for its retry is dropped, and nothing is booked to wake the background.
    expect(await readOutbox(options)).toEqual([]);
    await expect
      .poll(() => options.evaluate(async () => (await chrome.alarms.get('team-sync')) ?? null, undefined))
      .toBeNull();
    // Past the retry moment, with the endpoint up, a fresh options page syncs (its status shows once
    // that run is done): nothing is sent.
    await clock.move(options, CLOSED_OFFSET + 7 * 60_000);
    await options.close();
    const later = await browser.open('src/options/index.html');
    await expect.poll(() => teamSection(later)).toMatch(/Off: nothing leaves/);
    expect(endpoint.raw).toHaveLength(0);
  });
}
