/**
 * One person, one vote, for personal teams: a member's invite gets the week's key and one blind
 * signature a week; the vote comes later in a request with no credentials at all, carrying only
 * the signed token and the scores. The endpoint can tell that an invite fetched a week's token,
 * never which vote it became: the signature was made blind, and nothing stored at issuance
 * (invite hash, request hash) is stored with the vote (whose id is the token's hash).
 *
 *   GET  /v1/teams/:teamId/keys     personal invite: the published week keys, and how many invites the team has
 *   POST /v1/teams/:teamId/tokens   personal invite: { weekId, blindedRequest } → the blind signature
 *   POST /v1/teams/:teamId/votes    no credentials: { token, weekId, bankVersion, scores }
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { describeIssues } from '../core/schemas';
import { type Submission, submissionSchema } from '../core/submission';
import { tokenRequestSchema, voteBodySchema } from '../core/vote';
import { fromBase64Url, parseToken, toBase64Url } from '../core/vote-token';
import { isWeekId, type WeekId, weekIdOf } from '../core/week';
import { type Bindings, fail, parseJsonBody, readBody, requireJson } from './http';
import { releaseNow } from './releases';
import type { Store, Team, VoteResult } from './store';
import { sameScores } from './stored-submission';
import { ensureWeekKeys, publishedWeeks, weekKey } from './team-keys';
import { tokenVerifier } from './token-verifier';
import { BadBlindRequest, blindSign, expectedChallengeDigest, spentKey } from './week-keys';
import { EARLIEST_ZONE_HOURS, weekStatus } from './week-window';

type C = Context<{ Bindings: Bindings }>;

export interface VoteRouteDeps {
  readonly store: Store;
  readonly now: () => Date;
  readonly collectionDays: number;
  readonly maxBodyBytes: number;
  /** The personal team whose member's invite came with the request, and that invite's hash. */
  readonly inviteHolder: (c: C) => Promise<{ team: Team; inviteHash: string }>;
  /** A vote whose token checked out: it counts against that token's budget, no longer its address's. */
  readonly admitted: (c: C, key: string) => void;
}

const sha256hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One worker for the process's token checks, made on the first vote (token-verifier.ts). */
const verifier = tokenVerifier();

export function registerVoteRoutes(app: Hono<{ Bindings: Bindings }>, deps: VoteRouteDeps): void {
  const { store } = deps;
  // A week's key never changes once kept, nor does its challenge: a busy week's votes look them up
  // once. A week without a key yet is not remembered (it may be made later).
  const digests = remembered(async (teamId: string, weekId: WeekId) => expectedChallengeDigest(teamId, weekId));
  // Only a personal team's week has a key (made by GET /keys, POST /tokens and the sweep, all for
  // personal teams), and a team's kind never changes: a vote whose week has a key needs no team lookup.
  const keys = remembered(async (teamId: string, weekId: WeekId) => {
    const team = await store.getTeam(teamId);
    if (team?.kind !== 'personal') return undefined;
    const [key] = await store.weekKeys(teamId, weekId, weekId);
    return key && { key, id: new Uint8Array(Buffer.from(key.keyId, 'base64url')) };
  });

  const personal = async (c: C) => {
    const holder = await deps.inviteHolder(c);
    if (holder.team.kind !== 'personal') {
      fail(
        403,
        'open_team',
        'This is an open team: its members share one invite and send with it; it has no weekly tokens.',
      );
    }
    return holder;
  };

  app.get('/v1/teams/:teamId/keys', async (c) => {
    const { team } = await personal(c);
    const { from, to } = publishedWeeks(deps.now());
    const keys = await ensureWeekKeys(store, team, from, to);
    return c.json({
      invites: (await store.inviteCounts(team.teamId)).active,
      keys: keys.map(({ weekId, keyId, publicKey }) => ({ weekId, keyId, publicKey })),
    });
  });

  app.post('/v1/teams/:teamId/tokens', async (c) => {
    requireJson(c, 'the token request');
    const parsed = tokenRequestSchema.safeParse(parseJsonBody(await readBody(c, deps.maxBodyBytes)));
    if (!parsed.success) {
      fail(400, 'invalid_token_request', `The token request is not valid: ${describeIssues(parsed.error)}`);
    }
    const { weekId, blindedRequest } = parsed.data;
    if (!isWeekId(weekId)) fail(400, 'invalid_week', `"${weekId}" is not an ISO week such as 2026-W48.`);
    const blinded = fromBase64Url(blindedRequest);
    if (!blinded) fail(400, 'invalid_token_request', 'blindedRequest must be base64url.');
    const { team, inviteHash } = await personal(c);
    const now = deps.now();
    // The week a client east of UTC is already in, at most: never a later one (no hoarding).
    if (weekId > weekIdOf(new Date(now.getTime() + EARLIEST_ZONE_HOURS * 3_600_000))) {
      fail(422, 'week_not_started', `Week ${weekId} has not started: ask for its token during the week.`);
    }
    if (weekStatus(weekId, now, deps.collectionDays).kind === 'released') {
      fail(409, 'week_released', `Week ${weekId} has been released; it takes no more votes.`);
    }
    // The remembered key, as a vote finds it; made (and so looked up) only on the week's first request.
    const key = (await keys.of(team.teamId, weekId))?.key ?? (await weekKey(store, team, weekId));
    let signature: Uint8Array;
    try {
      signature = blindSign(key, blinded);
    } catch (error) {
      if (error instanceof BadBlindRequest) fail(400, 'invalid_token_request', error.message);
      throw error;
    }
    // Recorded only once it could be signed: a request that cannot be never uses up the invite's week.
    const issued = await store.recordIssuance(team.teamId, weekId, inviteHash, sha256hex(blinded));
    if (issued === 'other') {
      fail(
        409,
        'token_issued',
        `This invite already has its token for ${weekId}, asked for with another request: one vote per invite and week.`,
      );
    }
    return c.json({
      weekId,
      keyId: key.keyId,
      blindSignature: toBase64Url(signature),
      invites: (await store.inviteCounts(team.teamId)).active,
    });
  });

  app.post('/v1/teams/:teamId/votes', async (c) => {
    const teamId = c.req.param('teamId');
    requireJson(c, 'the vote');
    const body = voteBodySchema.safeParse(parseJsonBody(await readBody(c, deps.maxBodyBytes)));
    if (!body.success) fail(400, 'invalid_vote', `The vote is not valid: ${describeIssues(body.error)}`);
    // The schema took base64url only; Node's decoder is several times faster than the shared one.
    const bytes = new Uint8Array(Buffer.from(body.data.token, 'base64url'));
    const token = parseToken(bytes);
    if (!token) fail(400, 'invalid_token', 'The token is not a Culture Pulse vote token.');
    const vote = submissionSchema.safeParse({
      submissionId: spentKey(bytes),
      teamId,
      weekId: body.data.weekId,
      bankVersion: body.data.bankVersion,
      scores: body.data.scores,
    });
    if (!vote.success) fail(400, 'invalid_vote', `The vote is not valid: ${describeIssues(vote.error)}`);
    const { weekId } = vote.data;
    const digest = await digests.of(vote.data.teamId, weekId);
    if (!digest || !sameBytes(token.challengeDigest, digest)) {
      fail(400, 'token_wrong_week', `This token was made for another team or week, not ${weekId} of this team.`);
    }
    const key = await keys.of(vote.data.teamId, weekId);
    if (!key || !sameBytes(token.keyId, key.id) || !(await verifier.valid(key.key, bytes))) {
      fail(
        400,
        'token_not_signed',
        `This token was not signed with this team’s key for ${weekId}: it is forged or altered.`,
      );
    }
    deps.admitted(c, vote.data.submissionId);
    const status = weekStatus(weekId, deps.now(), deps.collectionDays);
    if (status.kind === 'open') fail(422, 'week_not_closed', `Week ${weekId} has not ended yet; vote after it closes.`);
    const result = status.kind === 'released' ? await lateVote(store, vote.data) : await store.castVote(vote.data);
    if (result === 'released')
      fail(409, 'week_released', `Week ${weekId} has been released; its figures never change.`);
    if (result === 'differs') {
      fail(409, 'vote_final', 'This token has voted already, with other scores: a vote, once cast, is final.');
    }
    return c.json({ status: result }, result === 'created' ? 201 : 200);
  });
}

/**
 * A vote for a week the clock has released: the week is frozen as it stands first; a vote it already
 * counts is found again ('same', the retry of a lost answer) or refused as final, any other is late.
 */
async function lateVote(store: Store, vote: Submission): Promise<VoteResult> {
  const team = await store.getTeam(vote.teamId);
  if (!team) return 'released'; // a team is never removed; if one were, its weeks take nothing
  await releaseNow(store, team, vote.weekId);
  const counted = (await store.weekSubmissions(team.teamId, vote.weekId)).find(
    (s) => s.submissionId === vote.submissionId,
  );
  if (!counted) return 'released';
  return counted.bankVersion === vote.bankVersion && sameScores(counted.scores, vote.scores) ? 'same' : 'differs';
}

/** A function of a team and week, its defined answers remembered (the latest thousand). */
function remembered<T>(compute: (teamId: string, weekId: WeekId) => Promise<T | undefined>): {
  of(teamId: string, weekId: WeekId): Promise<T | undefined>;
} {
  const kept = new Map<string, T>();
  return {
    async of(teamId, weekId) {
      const name = `${teamId}/${weekId}`;
      const found = kept.get(name);
      if (found !== undefined) return found;
      const value = await compute(teamId, weekId);
      if (value === undefined) return undefined;
      if (kept.size >= 1000) kept.delete(kept.keys().next().value ?? '');
      kept.set(name, value);
      return value;
    },
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
