/**
 * A personal team's vote for one closed week: POST /votes with the week's token and scores, and
 * nothing that says who: no invite, no Authorization, no cookie (the request rule takes the rest
 * off). Sent alone in its run: core/due-sends keeps it to one week, and sync.ts sends it only in a
 * run that asked for no token and reads no notes.
 */
import { afterAttempt } from '../core/outbox';
import type { OutboxEntry } from '../core/outbox-entry';
import type { Membership } from '../core/team';
import { type VoteBody, voteBodySchema } from '../core/vote';
import { voteOutcomeOf } from '../core/vote-outcomes';
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
import { secureRandom } from './secure-random';

/** The entry after one try with `token` (base64url). */
export async function sendVote(team: Membership, entry: OutboxEntry, token: string, now: Date): Promise<OutboxEntry> {
  if (!(await mayReach(team))) return entry;
  const body: VoteBody = voteBodySchema.parse({
    token,
    weekId: entry.weekId,
    bankVersion: entry.submission.bankVersion,
    scores: entry.submission.scores,
  });
  let status: number | undefined;
  let code: string | undefined;
  let message: string | undefined;
  let waitMs: number | undefined;
  try {
    const response = await fetch(teamUrl(team, 'votes'), {
      ...REQUEST_INIT,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    status = response.status;
    waitMs = waitAsked(response, now);
    ({ code, message } = await refusalOf(response));
  } catch {
    message = unreachable(team);
  }
  const outcome = voteOutcomeOf(status, code, waitMs);
  return afterAttempt(entry, outcome, now, secureRandom(), message ?? outcomeWords(outcome, entry.weekId));
}
