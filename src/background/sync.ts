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
 */
import * as z from 'zod/mini';
import { planRun } from '../core/due-sends';
import { notesResponseSchema } from '../core/notes';
import { afterAttempt, buildSubmission, firstSendAt, outcomeOf, type SendOutcome } from '../core/outbox';
import type { OutboxEntry } from '../core/outbox-entry';
import { isSentWeek, type Membership } from '../core/team';
import { isWeekClosed, weekEnd, weekIdOf } from '../core/week';
import { browser } from '../platform/browser';
import { t } from '../platform/i18n';
import type { SyncStatus } from '../platform/messages';
import { ensureRequestRule } from '../platform/request-rule';
import { syncPermission } from '../platform/sync-permission';
import { saveTeamNotes } from '../platform/team-notes';
import { deviceSecret, loadMembership } from '../platform/team-settings';
import { openPulseDb, type PulseDb } from '../storage/db';
import { listOutbox, queueWeeks, saveEntry } from '../storage/outbox';
import { listPulses } from '../storage/pulses';

export const SYNC_ALARM = 'team-sync';
const SEND_TIMEOUT_MS = 20_000;

/** A number in [0, 1) from the device's crypto RNG: send moments and noise must not be predictable. */
export function secureRandom(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;
}

/** One sync at a time (alarm, message, permission change), queued across the worker's life. */
export async function refreshSync(now: Date): Promise<SyncStatus> {
  return await navigator.locks.request('culture-pulse-sync', () => run(now));
}

async function run(now: Date): Promise<SyncStatus> {
  const { value: team, problem } = await loadMembership();
  if (!team) {
    await ensureRequestRule(null);
    await browser.alarms.clear(SYNC_ALARM);
    return { team: null, problem: problem ?? null, weeks: [] };
  }
  const db = await openPulseDb();
  try {
    await queueClosedWeeks(db, team, now);
    const ruled = await ensureRequestRule(team.endpoint);
    const permitted = await mayReach(team);
    const allowed = ruled && permitted;
    let entries = await teamEntries(db, team, now);
    if (allowed) {
      const plan = planRun(entries, now, secureRandom);
      // Moved first: should the send below crash the worker, the others still keep their new moments.
      for (const entry of plan.moved) await saveEntry(db, entry);
      if (plan.send) {
        const { entry, reached } = await attempt(team, plan.send, now);
        await saveEntry(db, entry);
        if (reached) await refreshNotes(team, now);
      }
      if (plan.send || plan.moved.length > 0) entries = await teamEntries(db, team, now);
    }
    await scheduleAlarm(nextWakeUp(entries, now, allowed), now);
    const { endpoint, teamId, joinedWeek, noiseEpsilon } = team;
    const host = new URL(team.endpoint).host;
    return {
      team: { endpoint, teamId, joinedWeek, noiseEpsilon },
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

/**
 * Whether the endpoint's host is granted now. Asked before every request: without it the request
 * rule does nothing (the browser applies it only where the extension has host access), so the
 * Origin would go out again.
 */
async function mayReach(team: Membership): Promise<boolean> {
  return browser.permissions.contains(syncPermission(team.endpoint));
}

/**
 * How every request to the endpoint is made: no cookie, no referrer, and no cache, so no validator
 * (an ETag an endpoint chose) can come back from an earlier run and link the two. The headers the
 * browser adds are the request rule's to take off.
 */
const REQUEST_INIT = { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' } as const;

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

const errorBodySchema = z.object({ error: z.object({ message: z.string() }) });

/** The endpoint's own words for a refusal, when it gave them. */
async function refusalMessage(response: Response): Promise<string | undefined> {
  if (response.ok) return undefined;
  try {
    const parsed = errorBodySchema.safeParse(await response.json());
    return parsed.success ? `${parsed.data.error.message.slice(0, 300)} (HTTP ${response.status})` : undefined;
  } catch {
    return undefined;
  }
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
  try {
    const response = await fetch(`${team.endpoint}/v1/teams/${encodeURIComponent(team.teamId)}/submissions`, {
      ...REQUEST_INIT,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.ingestToken}` },
      body: JSON.stringify(entry.submission),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = response.status;
    message = await refusalMessage(response);
  } catch {
    message = navigator.onLine ? t('bg_unreachable', new URL(team.endpoint).host) : t('bg_offline');
  }
  const outcome = outcomeOf(status);
  const next = afterAttempt(entry, outcome, now, secureRandom(), message ?? outcomeWords(outcome, entry));
  return { entry: next, reached: status !== undefined };
}

/** What an outcome means, for an endpoint that gave no words of its own. */
function outcomeWords(outcome: SendOutcome, entry: OutboxEntry): string | undefined {
  switch (outcome.kind) {
    case 'sent':
      return undefined;
    case 'late':
      return t('bg_late', entry.weekId);
    case 'refused':
      return t('bg_refused', outcome.status);
    case 'retry':
      return t('bg_retry');
  }
}

/**
 * The team's notes, read in the run that just sent a week (never on a timer of their own, which
 * would tell the endpoint when this browser is open); a failure keeps the last ones.
 */
async function refreshNotes(team: Membership, now: Date): Promise<void> {
  if (!(await mayReach(team))) return;
  try {
    const response = await fetch(`${team.endpoint}/v1/teams/${encodeURIComponent(team.teamId)}/notes`, {
      ...REQUEST_INIT,
      headers: { authorization: `Bearer ${team.ingestToken}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    if (!response.ok) return;
    const parsed = notesResponseSchema.safeParse(await response.json());
    if (!parsed.success) return;
    await saveTeamNotes({ teamId: team.teamId, fetchedAt: now.getTime(), notes: parsed.data.notes.slice(-200) });
  } catch {
    // Offline or down: the notes already kept still show, and the next week's run reads them again.
  }
}

/**
 * The next moment there is something to do: the earliest waiting send (when sending is allowed),
 * or the end of the current week, when it must be queued.
 */
export function nextWakeUp(entries: readonly OutboxEntry[], now: Date, allowed: boolean): Date {
  let at = weekEnd(weekIdOf(now)).getTime();
  if (allowed) for (const e of entries) if (e.state === 'waiting') at = Math.min(at, e.sendAt);
  return new Date(Math.max(at, now.getTime() + 1000));
}

/** Alarms run on the real clock: a development clock offset is taken off again here. */
async function scheduleAlarm(at: Date, now: Date): Promise<void> {
  const when = at.getTime() - (now.getTime() - Date.now());
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing && Math.abs(existing.scheduledTime - when) < 1000) return;
  await browser.alarms.create(SYNC_ALARM, { when });
}
