/**
 * The same dist/ in Firefox ESR, through the same steps as the Chromium tests: the weekly pulse
 * with the keyboard alone, read back from IndexedDB; and team sync against the real endpoint —
 * join on the options page, the week closes (development clock), the endpoint is down at first,
 * the retry delivers once, and the body holds the scores and nothing else.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInvite } from '../../src/core/invite';
import { pulseForWeek } from '../../src/core/rotation';
import { submissionSchema } from '../../src/core/submission';
import { weekIdOf } from '../../src/core/week';
import { freePort, INGEST, type Running, startServer } from '../server/harness';
import { type FirefoxExtension, launchFirefox } from './firefox';
import { readStoreInPage, type StoreName } from './idb';
import { afterFirstSends, answerPulse, fromPuppeteer, joinTeam, readOutbox, sharedClock } from './steps';

const COMMENT = 'SECRET-COMMENT: reviews wait for days';
const week = weekIdOf(new Date());
const questions = pulseForWeek(week).questions;
const CLOSED_OFFSET = afterFirstSends(week);

let firefox: FirefoxExtension;
let server: Running | undefined;
const clock = sharedClock();
const bodies: string[] = [];

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
    const options = await firefox.open('src/options/index.html');
    const invite = formatInvite({ endpoint: `http://127.0.0.1:${port}`, teamId: 'platform', ingestToken: INGEST });
    const preview = await joinTeam(fromPuppeteer(options), invite, 'platform');
    expect(preview).toMatch(/Never sent:.*comments/);
    // Firefox's own data-collection consent was asked for with the host, on the click.
    const granted = (await options.evaluate(() => chrome.permissions.getAll())) as {
      origins?: string[];
      data_collection?: string[];
    };
    expect(granted.origins).toContain('http://127.0.0.1/*');
    expect(granted.data_collection).toEqual(['technicalAndInteraction']);

    // The week closes; the endpoint is not there yet.
    await clock.move(fromPuppeteer(options), CLOSED_OFFSET);
    await expect.poll(async () => (await outbox(options))[0]?.attempts, { timeout: 15_000 }).toBe(1);
    expect((await outbox(options))[0]).toMatchObject({ weekId: week, state: 'waiting' });

    server = await startServer({
      port,
      now: clock.now,
      tap: (request) =>
        void request.text().then((body) => {
          if (request.method === 'POST') bodies.push(body);
        }),
    });
    await clock.move(fromPuppeteer(options), CLOSED_OFFSET + 7 * 60_000);
    await expect.poll(async () => (await outbox(options))[0]?.state, { timeout: 15_000 }).toBe('sent');
    expect(bodies).toHaveLength(1);
    const body = bodies[0] ?? '';
    expect(body).not.toContain('SECRET');
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(['bankVersion', 'scores', 'submissionId', 'teamId', 'weekId']);
    const sent = submissionSchema.parse(JSON.parse(body));
    expect(await server.store.weekSubmissions('platform', week)).toEqual([sent]);
    await options.close();
  });
});
