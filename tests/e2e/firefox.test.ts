/**
 * The same dist/ in Firefox ESR, through the same steps as the Chromium tests: the weekly pulse
 * with the keyboard alone, read back from IndexedDB; and team sync against the real endpoint —
 * join on the options page, the week closes (development clock), the endpoint is down at first,
 * the retry delivers once, and the body holds the scores and nothing else; read at the endpoint's
 * socket, the week's POST and the notes GET of the same run carry exactly the headers below (no
 * Origin: moz-extension://<uuid>, which is random per install; no language; one User-Agent).
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInvite } from '../../src/core/invite';
import { FIXED_USER_AGENT, requestRuleFor, rulesInPlace } from '../../src/core/request-rule';
import { pulseForWeek } from '../../src/core/rotation';
import { submissionSchema } from '../../src/core/submission';
import { freePort, INGEST, type RawRequest, type Running, startServer } from '../server/harness';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { readStoreInPage, type StoreName } from './idb';
import { headersOf, linesOf } from './raw-headers';
import {
  afterFirstSends,
  answerPulse,
  fromPuppeteer,
  joinTeam,
  PULSE_MOMENT,
  PULSE_WEEK,
  readOutbox,
  sharedClock,
  syncRunFinished,
} from './steps';

const COMMENT = 'SECRET-COMMENT: reviews wait for days';
// The week answered, on the extension's clock pinned at its Wednesday (not the real week).
const week = PULSE_WEEK;
const questions = pulseForWeek(week).questions;
const CLOSED_OFFSET = afterFirstSends(week);

let firefox: FirefoxExtension;
let server: Running | undefined;
const clock = sharedClock();
const bodies: string[] = [];
const raw: RawRequest[] = [];

const outbox = (page: Page) => readOutbox(fromPuppeteer(page));

beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('Firefox', () => {
  it('takes the weekly pulse with the keyboard alone and keeps it in IndexedDB', async () => {
    const setup = await firefox.open('src/options/index.html');
    await clock.move(fromPuppeteer(setup), PULSE_MOMENT.getTime() - Date.now());
    await setup.close();
    const popup = await firefox.open('src/popup/index.html');
    await answerPulse(fromPuppeteer(popup), ['4', '2', 's', '5'].slice(0, questions.length), COMMENT);
    const [stored] = (await popup.evaluate(readStoreInPage, 'pulses' as StoreName)) as {
      weekId: string;
      answers: Record<string, unknown>;
      comment: string;
      completed: boolean;
    }[];
    expect(stored).toMatchObject({ weekId: week, comment: COMMENT, completed: true });
    expect(stored?.answers[questions[0]?.id ?? '']).toBe(4);
    expect(stored?.answers[questions[2]?.id ?? '']).toBe('skip');
    await popup.close();
  });

  it('joins a team, and after the week closes delivers it once, on the retry, with scores only', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const options = await firefox.open('src/options/index.html');
    const invite = formatInvite({ endpoint, teamId: 'platform', ingestToken: INGEST });
    const preview = await joinTeam(fromPuppeteer(options), invite, 'platform');
    expect(preview).toMatch(/Never sent:.*comments/);
    // Firefox's own data-collection consent was asked for with the host, on the click.
    const granted = (await options.evaluate(() => chrome.permissions.getAll())) as {
      origins?: string[];
      data_collection?: string[];
    };
    expect(granted.origins).toContain('http://127.0.0.1/*');
    expect(granted.data_collection).toEqual(['technicalAndInteraction']);
    const rules = () => options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules()) as Promise<unknown[]>;
    expect(rulesInPlace(await rules(), requestRuleFor(endpoint))).toBe(true);

    // The week closes; the endpoint is not there yet.
    await clock.move(fromPuppeteer(options), CLOSED_OFFSET);
    await expect.poll(async () => (await outbox(options))[0]?.attempts, { timeout: 15_000 }).toBe(1);
    expect((await outbox(options))[0]).toMatchObject({ weekId: week, state: 'waiting' });

    // The rule goes missing: the run that sends must write it again first.
    await options.evaluate(() => chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [1] }));
    expect(await rules()).toEqual([]);
    server = await startServer({
      port,
      now: clock.now,
      tap: (request) =>
        void request.text().then((body) => {
          if (request.method === 'POST') bodies.push(body);
        }),
      raw: (request) => raw.push(request),
    });
    await server.store.putNote({ teamId: 'platform', weekId: week, theme: 'choice', text: 'We moved the retro.' });
    await clock.move(fromPuppeteer(options), CLOSED_OFFSET + 7 * 60_000);
    await expect.poll(async () => (await outbox(options))[0]?.state, { timeout: 15_000 }).toBe('sent');
    expect(bodies).toHaveLength(1);
    const body = bodies[0] ?? '';
    expect(body).not.toContain('SECRET');
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(['bankVersion', 'scores', 'submissionId', 'teamId', 'weekId']);
    const sent = submissionSchema.parse(JSON.parse(body));
    expect(await server.store.weekSubmissions('platform', week)).toEqual([sent]);
    expect(rulesInPlace(await rules(), requestRuleFor(endpoint))).toBe(true);

    // The week's POST, then in the same run the team's notes, each on a connection of its own.
    await expect.poll(() => raw.length).toBe(2);
    expect(linesOf(raw)).toEqual(['POST /v1/teams/platform/submissions', 'GET /v1/teams/platform/notes']);
    expect(raw[0]?.connection).not.toBe(raw[1]?.connection);
    // Exactly these headers, measured in Firefox ESR 153: no Origin, no Accept-Language, no
    // Sec-Fetch-*, no cookie; one User-Agent and one Accept-Encoding. What Firefox keeps whatever
    // the rule says: Priority (u=4 for every extension fetch) and Pragma / Cache-Control (from
    // cache: 'no-store'), the same for every Firefox; their presence and the header order tell
    // Firefox from Chromium, and nothing more.
    const same = {
      host: `127.0.0.1:${port}`,
      'user-agent': FIXED_USER_AGENT,
      accept: '*/*',
      'accept-encoding': 'gzip',
      authorization: `Bearer ${INGEST}`,
      connection: 'close',
      priority: 'u=4',
      pragma: 'no-cache',
      'cache-control': 'no-cache',
    };
    expect(headersOf(raw[0] as RawRequest)).toEqual({
      ...same,
      'content-type': 'application/json',
      'content-length': String(new TextEncoder().encode(body).length),
    });
    expect(headersOf(raw[1] as RawRequest)).toEqual(same);
    // The notes read in that run are kept for the popup.
    await expect
      .poll(() => options.evaluate(async () => JSON.stringify((await chrome.storage.local.get('teamNotes')).teamNotes)))
      .toContain('We moved the retro.');

    // Days later, with nothing to send, nothing is asked for (a fresh options page syncs again).
    await clock.move(fromPuppeteer(options), CLOSED_OFFSET + 2 * 24 * 3600_000);
    await options.close();
    const later = await firefox.open('src/options/index.html');
    await expect.poll(() => fromPuppeteer(later).text('table.weeks')).toMatch(new RegExp(`${week}\\s*Sent`));
    await syncRunFinished(fromPuppeteer(later), clock.offset);
    expect(raw).toHaveLength(2);
    await later.close();
  });
});
