/**
 * Team sync: applies core/outbox's rules to the browser. When a week closes it is queued once (its
 * scores drawn once, noise included) with a first-send moment at random in the following days.
 * A run sends at most one due week (core/due-sends moves any other to a fresh moment of its own)
 * and, right after it, reads the team's notes: the endpoint sees requests only at those random
 * moments, never on a cycle of their own. Nothing is sent unless the host permission is there and
 * the request rule (core/request-rule) is in place, checked before every request. Failures back
 * off; one alarm wakes the worker for the next thing to do. Everything lives in IndexedDB and
 * storage.local, so a stopped worker or a restarted browser carries on where it was. Idempotent:
 * it runs at every start, alarm, message and permission change.
 *
 * A personal team (core/vote-token) runs two kinds of run, never both at once: a token run
 * (background/vote-tokens: the week's token, asked for with the invite, then the notes) early each
 * week, and a vote run (background/votes: one closed week's vote, with no invite) at the week's own
 * random moment after it closes. A vote due in a run that asked for a token moves to a fresh moment.
 */
import { freshSendAt, planRun } from '../core/due-sends';
import { afterAttempt, buildSubmission, firstSendAt, outcomeOf } from '../core/outbox';
import type { OutboxEntry } from '../core/outbox-entry';
import { isSentWeek, type Membership } from '../core/team';
import { teamTokenRecords } from '../core/token-schedule';
import { keyFingerprint, type TokenRecord } from '../core/vote-token-record';
import { isWeekClosed, weekEnd, weekIdOf } from '../core/week';
import { browser } from '../platform/browser';
import type { Clock } from '../platform/clock';
import { t } from '../platform/i18n';
import type { SyncStatus } from '../platform/messages';
import { ensureRequestRule } from '../platform/request-rule';
import { deviceSecret, loadMembership } from '../platform/team-settings';
import { openPulseDb, type PulseDb } from '../storage/db';
import { listOutbox, queueWeeks, saveEntry } from '../storage/outbox';
import { listPulses } from '../storage/pulses';
import { listTokens } from '../storage/tokens';
import {
  mayReach,
  outcomeWords,
  REQUEST_INIT,
  refusalOf,
  SEND_TIMEOUT_MS,
  teamUrl,
  unreachable,
  waitAsked,
} from './endpoint';
import { refreshNotes } from './notes';
import { secureRandom } from './secure-random';
import { tokenRun } from './vote-tokens';
import { sendVote } from './votes';

export const SYNC_ALARM = 'team-sync';

/**
 * One sync at a time (alarm, message, permission change), queued across the worker's life. The
 * clock is read once the lock is held: a run that waited acts at the time it runs.
 */
export async function refreshSync(clock: Clock): Promise<SyncStatus> {
  return await navigator.locks.request('culture-pulse-sync', () => run(clock));
}

async function run(clock: Clock): Promise<SyncStatus> {
  const now = clock.now();
  const { value: team, problem } = await loadMembership();
  if (!team) {
    await ensureRequestRule(null);
    await browser.alarms.clear(SYNC_ALARM);
    return { team: null, votes: null, problem: problem ?? null, weeks: [] };
  }
  const db = await openPulseDb();
  try {
    await queueClosedWeeks(db, team, now);
    const ruled = await ensureRequestRule(team.endpoint);
    const permitted = await mayReach(team);
    const allowed = ruled && permitted;
    let entries = await teamEntries(db, team, now);
    if (allowed) {
      if (team.personal) await personalRun(db, team, entries, now);
      else await openRun(db, team, entries, now);
      entries = await teamEntries(db, team, now);
    }
    const tokens = team.personal ? [...teamTokenRecords(team, (await listTokens(db, now)).value).values()] : [];
    await scheduleAlarm(clock.alarmTime(nextWakeUp(entries, now, allowed, tokens)));
    const { endpoint, teamId, joinedWeek, noiseEpsilon } = team;
    const host = new URL(team.endpoint).host;
    return {
      team: { endpoint, teamId, joinedWeek, noiseEpsilon, personal: team.personal === true, name: team.name ?? null },
      votes: team.personal ? voteStatus(tokens, now) : null,
      problem: !permitted ? t('bg_notAllowed', host) : !ruled ? t('bg_noRequestRule', host) : null,
      weeks: entries.map(({ weekId, state, sendAt, problem: p, noised }) => ({
        weekId,
        state,
        sendAt,
        problem: p,
        noised,
      })),
    };
  } finally {
    db.close();
  }
}

async function teamEntries(db: PulseDb, team: Membership, now: Date): Promise<OutboxEntry[]> {
  return (await listOutbox(db, now)).value.filter((e) => e.teamId === team.teamId);
}

/**
 * Queue every closed week since joining that has scores and no entry yet, and was answered here:
 * an imported week may be sent by the browser it was answered in, and must not count twice.
 */
async function queueClosedWeeks(db: PulseDb, team: Membership, now: Date): Promise<void> {
  const queued = new Set((await teamEntries(db, team, now)).map((e) => e.weekId));
  const { value: pulses } = await listPulses(db, now);
  const closed = pulses.filter(
    (p) =>
      p.importedAt === undefined && isSentWeek(team, p.weekId) && isWeekClosed(p.weekId, now) && !queued.has(p.weekId),
  );
  if (closed.length === 0) return;
  const secret = await deviceSecret();
  const noise = team.noiseEpsilon === null ? undefined : { epsilon: team.noiseEpsilon, random: secureRandom };
  const entries: OutboxEntry[] = [];
  for (const pulse of closed) {
    const submission = await buildSubmission(pulse, team.teamId, secret, noise);
    if (!submission) continue;
    entries.push({
      teamId: team.teamId,
      weekId: pulse.weekId,
      submission,
      state: 'waiting',
      sendAt: firstSendAt(pulse.weekId, secureRandom()).getTime(),
      attempts: 0,
      problem: null,
      noised: noise !== undefined,
    });
  }
  await queueWeeks(db, entries);
}

/** An open team's run: one due week, with the team's ingest token, then the notes if it got through. */
async function openRun(db: PulseDb, team: Membership, entries: readonly OutboxEntry[], now: Date): Promise<void> {
  const plan = planRun(entries, now, secureRandom);
  // Moved first: should the send below crash the worker, the others still keep their new moments.
  for (const entry of plan.moved) await saveEntry(db, entry);
  if (plan.send) {
    const { entry, reached } = await attempt(team, plan.send, now);
    await saveEntry(db, entry);
    if (reached) await refreshNotes(team, now);
  }
}

/**
 * A personal team's run: a token run when a token is due; otherwise at most one vote. A vote due
 * in a run that asked for a token (with the invite) waits for a fresh moment of its own.
 */
async function personalRun(db: PulseDb, team: Membership, entries: readonly OutboxEntry[], now: Date): Promise<void> {
  const voting = entries.filter((e) => e.state === 'waiting').map((e) => e.weekId);
  const asked = await tokenRun(db, team, voting, now);
  const plan = planRun(entries, now, secureRandom);
  if (asked) {
    for (const entry of [plan.send, ...plan.moved]) {
      if (entry) await saveEntry(db, { ...entry, sendAt: freshSendAt(now, secureRandom()).getTime() });
    }
    return;
  }
  for (const entry of plan.moved) await saveEntry(db, entry);
  if (!plan.send) return;
  const record = teamTokenRecords(team, (await listTokens(db, now)).value).get(plan.send.weekId);
  await saveEntry(db, await voteOrWait(team, plan.send, record, now));
}

/** Vote with the week's token; say so when the week has none it can still get; else wait for it. */
async function voteOrWait(
  team: Membership,
  entry: OutboxEntry,
  record: TokenRecord | undefined,
  now: Date,
): Promise<OutboxEntry> {
  if (record?.state === 'ready' && record.token) return sendVote(team, entry, record.token, now);
  if (record && record.state !== 'waiting') {
    const why = record.problem ? ` ${record.problem}` : '';
    return {
      ...entry,
      state: 'no-token',
      sendAt: now.getTime(),
      problem: `${t('bg_noToken', entry.weekId)}${why}`.slice(0, 500),
    };
  }
  // The token is still to come (its next try is later): the vote goes at a fresh moment after it.
  return { ...entry, sendAt: freshSendAt(now, secureRandom()).getTime() };
}

/** What Settings shows of this week's token: its state, its next try, and its key's fingerprint. */
function voteStatus(tokens: readonly TokenRecord[], now: Date): NonNullable<SyncStatus['votes']> {
  const weekId = weekIdOf(now);
  const record = tokens.find((r) => r.weekId === weekId);
  return {
    weekId,
    state: record?.state ?? 'waiting',
    fetchAt: record?.state === 'waiting' ? record.fetchAt : null,
    keyFingerprint: record?.key ? keyFingerprint(record.key) : null,
    problem: record?.problem ?? null,
  };
}

/**
 * Send one entry: exactly its submission, with the ingest token. `reached` says whether the
 * endpoint answered at all (any status), which is when the run goes on to read the notes.
 */
async function attempt(
  team: Membership,
  entry: OutboxEntry,
  now: Date,
): Promise<{ entry: OutboxEntry; reached: boolean }> {
  if (!(await mayReach(team))) return { entry, reached: false };
  let status: number | undefined;
  let message: string | undefined;
  let waitMs: number | undefined;
  try {
    const response = await fetch(teamUrl(team, 'submissions'), {
      ...REQUEST_INIT,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.ingestToken}` },
      body: JSON.stringify(entry.submission),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = response.status;
    waitMs = waitAsked(response, now);
    message = (await refusalOf(response)).message;
  } catch {
    message = unreachable(team);
  }
  const outcome = outcomeOf(status, waitMs);
  const next = afterAttempt(entry, outcome, now, secureRandom(), message ?? outcomeWords(outcome, entry.weekId));
  return { entry: next, reached: status !== undefined };
}

/**
 * The next moment there is something to do: the earliest waiting send or token (when sending is
 * allowed), or the end of the current week, when it must be queued.
 */
export function nextWakeUp(
  entries: readonly OutboxEntry[],
  now: Date,
  allowed: boolean,
  tokens: readonly TokenRecord[] = [],
): Date {
  let at = weekEnd(weekIdOf(now)).getTime();
  if (allowed) for (const e of entries) if (e.state === 'waiting') at = Math.min(at, e.sendAt);
  if (allowed) for (const r of tokens) if (r.state === 'waiting') at = Math.min(at, r.fetchAt);
  return new Date(Math.max(at, now.getTime() + 1000));
}

/** `when`: on the real clock, as alarms run (Clock.alarmTime). */
async function scheduleAlarm(when: number): Promise<void> {
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing && Math.abs(existing.scheduledTime - when) < 1000) return;
  await browser.alarms.create(SYNC_ALARM, { when });
}
