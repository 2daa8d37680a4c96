/**
 * A personal team's token run: when a week's token is due (core/token-schedule), GET /keys with
 * the invite (pinning new week keys, refusing changed ones: core/key-pins), then for each due week
 * POST /tokens with the blinded request, kept in IndexedDB before it is sent, and the token
 * finished from the blind signature. The same run then reads the team's notes. Blinding and
 * finishing run here only: the crypto library never reaches a page.
 */
import { pinKeys } from '../core/key-pins';
import type { Membership } from '../core/team';
import { dueTokens, recordsToSchedule, tokenAfterAttempt } from '../core/token-schedule';
import { keysAnswerSchema, tokenAnswerSchema } from '../core/vote-answers';
import { tokenOutcomeOf } from '../core/vote-outcomes';
import { fromBase64Url, toBase64Url } from '../core/vote-token';
import type { PendingRequest, TokenRecord } from '../core/vote-token-record';
import { type WeekId, weekIdOf } from '../core/week';
import { t } from '../platform/i18n';
import { saveTeamInvites } from '../platform/team-invites';
import { finishToken, type PendingToken, requestToken, weekKeyId } from '../platform/vote-token-client';
import type { PulseDb } from '../storage/db';
import { listTokens, saveTokens } from '../storage/tokens';
import { mayReach, REQUEST_INIT, refusalOf, SEND_TIMEOUT_MS, teamUrl, unreachable, waitAsked } from './endpoint';
import { refreshNotes } from './notes';
import { secureRandom } from './secure-random';

/**
 * Schedule this week's token (and any a closed week waiting to vote lacks), and ask for the due
 * ones. Returns whether a request carrying the invite was made: a run that made one sends no vote.
 */
export async function tokenRun(
  db: PulseDb,
  team: Membership,
  votingWeeks: readonly WeekId[],
  now: Date,
): Promise<boolean> {
  const { value: kept } = await listTokens(db, now);
  const added = recordsToSchedule(team, kept, votingWeeks, now, secureRandom);
  await saveTokens(db, added);
  let records = merge(kept, added);
  if (dueTokens(team, records, now).length === 0 || !(await mayReach(team))) return false;

  const pinned = await fetchKeys(team, records, now);
  if (!pinned.ok) {
    const failed = dueTokens(team, records, now).map((r) =>
      tokenAfterAttempt(r, pinned.outcome, now, secureRandom(), pinned.message),
    );
    await saveTokens(db, failed);
    return true;
  }
  await saveTokens(db, pinned.changed);
  records = merge(records, pinned.changed);
  for (const record of dueTokens(team, records, now)) {
    if (!(await mayReach(team))) return true;
    await saveTokens(db, [await fetchToken(db, team, record, now)]);
  }
  await refreshNotes(team, now);
  return true;
}

/** Records with the changed ones in place of what they were. */
function merge(records: readonly TokenRecord[], changed: readonly TokenRecord[]): TokenRecord[] {
  const key = (r: TokenRecord) => `${r.teamId}/${r.weekId}`;
  const byKey = new Map(records.map((r) => [key(r), r]));
  for (const r of changed) byKey.set(key(r), r);
  return [...byKey.values()];
}

type KeysResult =
  | { ok: true; changed: readonly TokenRecord[] }
  | { ok: false; outcome: ReturnType<typeof tokenOutcomeOf>; message: string };

/** GET /keys: pin what is new, refuse what changed, keep the invite count. */
async function fetchKeys(team: Membership, records: readonly TokenRecord[], now: Date): Promise<KeysResult> {
  let response: Response;
  try {
    response = await fetch(teamUrl(team, 'keys'), {
      ...REQUEST_INIT,
      headers: { authorization: `Bearer ${team.ingestToken}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, outcome: { kind: 'retry' }, message: unreachable(team) };
  }
  if (!response.ok) {
    const { code, message } = await refusalOf(response);
    const outcome = tokenOutcomeOf(response.status, code, waitAsked(response, now));
    return { ok: false, outcome, message: message ?? t('bg_tokenRefused', response.status) };
  }
  const answer = keysAnswerSchema.safeParse(await response.json().catch(() => undefined));
  if (!answer.success) return { ok: false, outcome: { kind: 'retry' }, message: t('bg_keysUnreadable') };
  await saveTeamInvites({
    teamId: team.teamId,
    weekId: weekIdOf(now),
    invites: answer.data.invites,
    fetchedAt: now.getTime(),
  });
  const published = await Promise.all(
    answer.data.keys.map(async (k) => {
      const spki = fromBase64Url(k.publicKey);
      return {
        weekId: k.weekId,
        publicKey: k.publicKey,
        claimedKeyId: k.keyId,
        keyId: spki ? toBase64Url(await weekKeyId(spki)) : '',
      };
    }),
  );
  const { changed } = pinKeys(team, records, published, secureRandom, (weekId) => t('bg_keyChanged', weekId));
  return { ok: true, changed };
}

function encodeRequest(pending: PendingToken): PendingRequest {
  return {
    nonce: toBase64Url(pending.input.nonce),
    challengeDigest: toBase64Url(pending.input.challengeDigest),
    keyId: toBase64Url(pending.input.keyId),
    blindedRequest: toBase64Url(pending.blindedRequest),
    inverse: toBase64Url(pending.inverse),
  };
}

function decodeRequest(request: PendingRequest): PendingToken | undefined {
  const [nonce, challengeDigest, keyId, blindedRequest, inverse] = [
    request.nonce,
    request.challengeDigest,
    request.keyId,
    request.blindedRequest,
    request.inverse,
  ].map(fromBase64Url);
  if (!nonce || !challengeDigest || !keyId || !blindedRequest || !inverse) return undefined;
  return { input: { nonce, challengeDigest, keyId }, blindedRequest, inverse };
}

/** Time a step for the measures page figures (performance entries of the worker, read by the e2e tests). */
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(`culture-pulse:${name}`, { start, end: performance.now() });
  }
}

/** POST /tokens for one week: the kept request, or a new one kept before it is sent. */
async function fetchToken(db: PulseDb, team: Membership, record: TokenRecord, now: Date): Promise<TokenRecord> {
  const key = record.key;
  const spki = key && fromBase64Url(key.publicKey);
  if (!key || !spki) {
    return tokenAfterAttempt(record, { kind: 'missed' }, now, 0, t('bg_noWeekKey', record.weekId));
  }
  let pending = record.request && decodeRequest(record.request);
  if (!pending) {
    const made = await timed('blind', () => requestToken(spki, team.teamId, record.weekId));
    pending = made;
    record = { ...record, request: encodeRequest(made) };
    // Kept before it is sent: an answer lost on the way is asked for again with this same request.
    await saveTokens(db, [record]);
  }
  let response: Response;
  try {
    response = await fetch(teamUrl(team, 'tokens'), {
      ...REQUEST_INIT,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.ingestToken}` },
      body: JSON.stringify({ weekId: record.weekId, blindedRequest: toBase64Url(pending.blindedRequest) }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch {
    return tokenAfterAttempt(record, { kind: 'retry' }, now, secureRandom(), unreachable(team));
  }
  if (!response.ok) {
    const { code, message } = await refusalOf(response);
    const outcome = tokenOutcomeOf(response.status, code, waitAsked(response, now));
    return tokenAfterAttempt(record, outcome, now, secureRandom(), message ?? t('bg_tokenRefused', response.status));
  }
  const answer = tokenAnswerSchema.safeParse(await response.json().catch(() => undefined));
  const signature = answer.success ? fromBase64Url(answer.data.blindSignature) : undefined;
  if (!answer.success || !signature) {
    return tokenAfterAttempt(record, { kind: 'retry' }, now, secureRandom(), t('bg_keysUnreadable'));
  }
  await saveTeamInvites({
    teamId: team.teamId,
    weekId: weekIdOf(now),
    invites: answer.data.invites,
    fetchedAt: now.getTime(),
  });
  if (answer.data.weekId !== record.weekId || answer.data.keyId !== key.keyId) {
    return tokenAfterAttempt(record, { kind: 'refused', status: 200 }, now, 0, t('bg_keyChanged', record.weekId));
  }
  const finished = pending;
  try {
    const token = await timed('finalize', () => finishToken(spki, finished, signature));
    return tokenAfterAttempt(record, { kind: 'signed' }, now, 0, null, toBase64Url(token));
  } catch {
    // Not a signature of this key: the endpoint signed with another key, or the answer was altered.
    return tokenAfterAttempt(record, { kind: 'refused', status: 200 }, now, 0, t('bg_tokenNotSigned', record.weekId));
  }
}
