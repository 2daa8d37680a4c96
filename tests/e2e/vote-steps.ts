/**
 * A personal team's weekly vote in the built extension, written once for Chromium and Firefox
 * (tests/e2e/votes.test.ts, tests/e2e/firefox-votes.test.ts): join with a personal invite, the
 * week's token is fetched with the invite (the keys, the token, the notes), the week closes, the
 * next week's token run moves the vote on, the vote's first try finds the endpoint down, the
 * background stops, the endpoint comes back on the same database with its store failing (503 with
 * Retry-After: the next try is stored no earlier than asked), and the retry at that moment
 * delivers the vote once — read at the endpoint's socket: no Authorization, no invite, no cookie,
 * no Origin. Each test starts from a fresh browser joined to the squad and an endpoint on its own
 * copy of the squad's database, so each runs alone and in any order.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { formatInvite } from '../../src/core/invite';
import { FIXED_USER_AGENT } from '../../src/core/request-rule';
import { voteBodySchema } from '../../src/core/vote';
import { addWeeksToId, type WeekId, weekEnd, weekStart } from '../../src/core/week';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { ensureAllWeekKeys } from '../../src/server/team-keys';
import { hashToken } from '../../src/server/tokens';
import { MANAGER, type RawRequest } from '../server/harness';
import type { StoreName } from './idb';
import { readStoreInPage } from './idb';
import { headersOf, linesOf } from './raw-headers';
import { RecordingEndpoint } from './recording-endpoint';
import { answeredPulse } from './records';
import {
  joinTeam,
  PULSE_MOMENT,
  PULSE_WEEK,
  type SharedClock,
  sharedClock,
  startWithEndpointFrom,
  syncRunFinished,
  type UserPage,
} from './steps';

const DAY = 86_400_000;
/** What the endpoint asks of the vote's second try: 3 hours, well past the backoff's 10 minutes. */
const RETRY_AFTER_S = 3 * 3600;
export const INVITE = `invite-01-${'v'.repeat(40)}`;
const COMMENT = 'SECRET-COMMENT: nobody reads the RFCs';

/** What the scenario needs of a browser: one is launched, on a fresh profile, for each test. */
export interface VoteDriver {
  /** Open a page of the extension, loaded. */
  open(path: string): Promise<UserPage>;
  /** Let the extension reach the host as a click on the browser's Allow would. */
  allowHost(pattern: string): Promise<void>;
  /** Stop the background, as the browser does when it is idle. */
  stopBackground(): Promise<void>;
  /** The background's performance measures, where the driver can read them (Chromium). */
  measures(): Promise<{ name: string; duration: number }[] | undefined>;
  /** Close the browser and remove its profile. */
  close(): Promise<void>;
}

interface Row {
  readonly weekId: string;
  readonly state: string;
  readonly attempts: number;
  readonly sendAt: number;
}

const read = async <T>(page: UserPage, name: StoreName) => (await page.evaluate(readStoreInPage, name)) as T[];

/**
 * The squad's endpoint database, made once per file: the team, five personal invites, the week
 * keys (made ahead, as a running server does at its start: 14 RSA keys take over a second here)
 * and a note. Each test's endpoint runs on a copy of it, so no test sees another's requests or votes.
 */
async function squadDatabase(file: string): Promise<void> {
  const store = openSqliteStore(file);
  await store.createTeam({
    teamId: 'squad',
    kind: 'personal',
    name: 'Squad',
    ingestTokenHash: hashToken(`unused-${'u'.repeat(40)}`),
    managerTokenHash: hashToken(MANAGER),
    k: 3,
  });
  const others = [2, 3, 4, 5].map((n) => hashToken(`invite-0${n}-${'v'.repeat(40)}`));
  await store.addInvites('squad', [hashToken(INVITE), ...others]);
  await ensureAllWeekKeys(store, PULSE_MOMENT);
  await store.putNote({ teamId: 'squad', weekId: PULSE_WEEK, theme: 'choice', text: 'Retro moved to Tuesdays.' });
  // Closing checkpoints the WAL into the file, so a plain copy holds it all.
  await store.close();
}

/** Where each test starts: a fresh browser joined to the squad, its clock and the endpoint's at the pinned moment. */
interface Joined {
  readonly browser: VoteDriver;
  readonly clock: SharedClock;
  /** On its own copy of the squad's database: up on the same file each time, its week keys must survive. */
  readonly endpoint: RecordingEndpoint;
  /** How many more votes the endpoint answers 503 with a Retry-After of RETRY_AFTER_S, as a failing store does. */
  readonly busy: { votes: number };
  /** The options page the join was made on, still open. */
  readonly options: UserPage;
  /** What the options page showed would be sent, before the join. */
  readonly preview: string;
}

/**
 * The scenario's tests, each from its own state (a fresh browser and endpoint): they run alone and
 * in any order. `voteHeaders`: the exact header lines the vote carries in this browser, besides
 * host and content-length.
 */
export function personalVoteScenario(launch: () => Promise<VoteDriver>, voteHeaders: Record<string, string>): void {
  // The week answered, on the extension's clock and the endpoint's, both pinned at its Wednesday:
  // never the real week, which a long run could leave or a far time zone start in another.
  const week: WeekId = PULSE_WEEK;
  const next = addWeeksToId(week, 1);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-votes-'));
  const template = join(dir, 'squad.db');
  beforeAll(() => squadDatabase(template));

  /** A fresh browser with the week answered, joined to the squad with a personal invite; closed when the test ends. */
  async function joinSquad(): Promise<Joined> {
    const own = mkdtempSync(join(dir, 'test-'));
    const dbFile = join(own, 'pulse.db');
    copyFileSync(template, dbFile);
    const clock = sharedClock();
    const busy = { votes: 0 };
    const endpoint = await RecordingEndpoint.reserve(clock.now, {
      store: () => openSqliteStore(dbFile),
      answer(request) {
        if (request.method !== 'POST' || !request.url.endsWith('/votes') || busy.votes === 0) return undefined;
        busy.votes--;
        // The app's answer to a store fault, with a wait longer than the extension's own backoff.
        const error = { code: 'unavailable', message: 'The store is unavailable: the storage is full.' };
        return Response.json({ error }, { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_S) } });
      },
    });
    const browser = await launch();
    onTestFinished(async () => {
      await browser.close();
      await endpoint.close().catch(() => {});
      rmSync(own, { recursive: true, force: true });
    });
    await endpoint.up();
    const open = () => browser.open('src/options/index.html');
    await startWithEndpointFrom(open, clock, PULSE_MOMENT, [
      answeredPulse(week, [4, 5, 3, 2], COMMENT, PULSE_MOMENT.getTime()),
    ]);

    await browser.allowHost('http://127.0.0.1/*');
    const options = await browser.open('src/options/index.html');
    const invite = formatInvite({ endpoint: endpoint.url, teamId: 'squad', ingestToken: INVITE, personal: true });
    const preview = await joinTeam(options, invite, 'squad');
    return { browser, clock, endpoint, busy, options, preview };
  }

  /** The week's token, asked for at once on joining, kept; then the notes read right after it. */
  async function tokenFetched({ options, endpoint }: Joined, weekId: WeekId, firstRequest: number): Promise<void> {
    await expect
      .poll(
        async () =>
          (await read<{ weekId: string; state: string }>(options, 'tokens')).find((r) => r.weekId === weekId)?.state,
        {
          timeout: 20_000,
        },
      )
      .toBe('ready');
    // The notes are read right after the token is kept: wait for that request too.
    await expect
      .poll(() => linesOf(endpoint.raw).slice(firstRequest))
      .toEqual(['GET /v1/teams/squad/keys', 'POST /v1/teams/squad/tokens', 'GET /v1/teams/squad/notes']);
  }

  it('joins with a personal invite after showing every request and what the endpoint can know', async () => {
    const { preview, endpoint } = await joinSquad();
    const url = endpoint.url;
    expect(preview).toContain(
      'it can see that an invite fetched this week’s token, never which answers belong to which invite',
    );
    expect(preview).toContain(`GET ${url}/v1/teams/squad/keys and POST ${url}/v1/teams/squad/tokens, with your invite`);
    expect(preview).toContain(`GET ${url}/v1/teams/squad/notes, with your invite: right after those`);
    expect(preview).toContain(`POST ${url}/v1/teams/squad/votes, with no invite and no credentials`);
    expect(preview).not.toContain('/submissions');
  });

  it('fetches this week’s token with the invite, and shows its key and the team’s invites', async () => {
    const joined = await joinSquad();
    const { options, clock, endpoint, browser } = joined;
    // The week's moment is drawn in its first day: the pinned Wednesday is past it, so the token
    // was asked for at once on joining.
    expect(clock.now().getTime()).toBeGreaterThan(weekStart(week).getTime() + DAY);
    await tokenFetched(joined, week, 0);
    for (const r of endpoint.raw) expect(headersOf(r).authorization).toBe(`Bearer ${INVITE}`);
    await expect
      .poll(() => options.text('#vote-invites'), { timeout: 10_000 })
      .toMatch(/This team has 5 members’ invites/);
    const [record] = (await read<{ weekId: string; key: { keyId: string } }>(options, 'tokens')).filter(
      (r) => r.weekId === week,
    );
    await expect.poll(() => options.text('#vote-key')).toContain(`This week’s key: ${record?.key.keyId.slice(0, 8)}`);
    expect(await options.text('#vote-token')).toMatch(/This week’s vote token is here/);
    // The popup says it too, every week after the pulse: a jump would be seen by everyone.
    const popup = await browser.open('src/popup/index.html');
    await expect
      .poll(() => popup.text('#team-invites'), { timeout: 10_000 })
      .toMatch(/This team has 5 members’ invites/);
    await popup.close();
  });

  it('sends the vote once, without the invite, across an endpoint down, then asking to wait, and a stopped background', async () => {
    const joined = await joinSquad();
    const { clock, endpoint, browser, busy } = joined;
    let { options } = joined;
    const { raw, bodies } = endpoint;
    await tokenFetched(joined, week, 0);
    // Next week's first day: the week has closed and is queued; next week's token run goes, and the vote waits.
    // Just past its first day, so next week's token moment (drawn in that day) has surely come.
    const tokenRunAt = weekEnd(week).getTime() + DAY + 60_000;
    await clock.move(options, tokenRunAt - Date.now());
    await tokenFetched(joined, next, 3);
    await expect.poll(async () => (await read<Row>(options, 'outbox')).length).toBe(1);
    // A vote already due then was moved to a fresh moment in that run, saved after the token:
    // wait for it, or the test would move the clock back to its old moment.
    await expect.poll(async () => (await read<Row>(options, 'outbox'))[0]?.sendAt ?? 0).toBeGreaterThan(tokenRunAt);
    const measured = await browser.measures();
    if (measured) console.info('background measures (ms):', JSON.stringify(measured));
    const [queued] = await read<Row>(options, 'outbox');
    expect(queued).toMatchObject({ weekId: week, state: 'waiting', attempts: 0 });

    // The vote's moment, with the endpoint down.
    await endpoint.close();
    await clock.move(options, (queued?.sendAt ?? 0) + 1000 - Date.now());
    await expect.poll(async () => (await read<Row>(options, 'outbox'))[0]?.attempts, { timeout: 20_000 }).toBe(1);
    const [waiting] = await read<Row>(options, 'outbox');
    expect(waiting?.state).toBe('waiting');

    await options.close();
    await browser.stopBackground();
    // Back, but its store failing: the vote's second try gets 503 with Retry-After.
    busy.votes = 1;
    const running = await endpoint.up();
    options = await browser.open('src/options/index.html');
    const secondTry = (waiting?.sendAt ?? 0) + 1000;
    await clock.move(options, secondTry - Date.now());
    await expect.poll(async () => (await read<Row>(options, 'outbox'))[0]?.attempts, { timeout: 20_000 }).toBe(2);
    const [asked] = await read<Row>(options, 'outbox');
    expect(asked?.state).toBe('waiting');
    // The stored next try is no earlier than asked (the run read its clock at or after secondTry),
    // and within the ask's spread of half as long again.
    expect((asked?.sendAt ?? 0) - secondTry).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000);
    expect((asked?.sendAt ?? 0) - clock.now().getTime()).toBeLessThan(RETRY_AFTER_S * 1500);
    // Settings, opened afresh (which runs a sync: before the moment it sends nothing), says it waits.
    await options.close();
    options = await browser.open('src/options/index.html');
    await expect.poll(() => options.text('table.weeks tbody')).toMatch(/Waiting: next try/);
    expect(linesOf(raw).slice(6)).toEqual(['POST /v1/teams/squad/votes']);

    // The asked moment: the vote goes through.
    await clock.move(options, (asked?.sendAt ?? 0) + 1000 - Date.now());
    await expect.poll(async () => (await read<Row>(options, 'outbox'))[0]?.state, { timeout: 20_000 }).toBe('sent');

    // The vote, alone in its run: no other request came with it.
    expect(linesOf(raw).slice(6)).toEqual(['POST /v1/teams/squad/votes', 'POST /v1/teams/squad/votes']);
    const vote = raw[7] as RawRequest;
    const body = bodies.at(-1) ?? '';
    expect(headersOf(vote)).toEqual({
      host: `127.0.0.1:${endpoint.port}`,
      'content-length': String(new TextEncoder().encode(body).length),
      'content-type': 'application/json',
      'user-agent': FIXED_USER_AGENT,
      ...voteHeaders,
    });
    for (const name of ['authorization', 'cookie', 'origin', 'referer', 'accept-language']) {
      expect(headersOf(vote)[name], name).toBeUndefined();
    }
    const sent = voteBodySchema.parse(JSON.parse(body));
    expect(Object.keys(JSON.parse(body)).sort()).toEqual(['bankVersion', 'scores', 'token', 'weekId']);
    expect(sent.weekId).toBe(week);
    expect(body).not.toContain(INVITE);
    expect(body).not.toContain('SECRET');
    expect(await running.store.weekSubmissions('squad', week)).toHaveLength(1);
    // Settings, opened afresh, says so.
    await options.close();
    options = await browser.open('src/options/index.html');
    await expect.poll(() => options.text('table.weeks tbody')).toMatch(new RegExp(`${week}\\s*Sent`));

    // A day later the background runs again (the clock moved): once it is done, nothing more was sent.
    await clock.move(options, (asked?.sendAt ?? 0) + DAY - Date.now());
    await syncRunFinished(options, clock.offset);
    expect(raw).toHaveLength(8);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
}
