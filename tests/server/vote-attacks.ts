/**
 * One person, one vote, over real HTTP on a real store, tried as a ballot stuffer and a curious
 * operator would: the extension's own client code (platform/vote-token-client) asks for tokens and
 * votes; the attacks replay, flip bits, swap weeks and teams, and read the database afterwards.
 * `database()` gives a fresh store and a way to read every row of a table as text.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/core/vote-token';
import { addWeeksToId, type WeekId } from '../../src/core/week';
import { finishToken, requestToken } from '../../src/platform/vote-token-client';
import type { Store } from '../../src/server/store';
import { hashToken } from '../../src/server/tokens';
import { newWeekKey, type WeekKey } from '../../src/server/week-keys';
import { MANAGER, type Running, startServer } from './harness';
import { submission, team } from './store-contract';

/** Thursday of 2026-W48; W47 collects until 30 Nov. */
const DURING_W48 = new Date('2026-11-26T12:00:00Z');
/** Tuesday of W49: W48 has closed and collects. */
const AFTER_W48 = new Date('2026-12-01T12:00:00Z');

/** The weeks a server publishes at any clock these tests set: 2026-W46 through 2027-W10. */
const WEEKS = 18;
let pool: Promise<WeekKey[]> | undefined;
/** Keys for WEEKS weeks from 2026-W46, made once. */
function keyPool(): Promise<WeekKey[]> {
  pool ??= Promise.all(Array.from({ length: WEEKS }, (_, i) => newWeekKey(addWeeksToId('2026-W46', i))));
  return pool;
}

export interface VoteDatabase {
  readonly store: Store;
  /** Every row of a table, each as the text of its values. */
  rows(table: string): Promise<string[]>;
  close(): Promise<void>;
}

const invite = (n: number) => `invite-${String(n).padStart(2, '0')}-${'s'.repeat(40)}`;

export function voteAttacks(name: string, database: () => Promise<VoteDatabase>): void {
  describe(`one vote per invite on ${name}`, () => {
    beforeAll(() => keyPool(), 120_000);
    let db: VoteDatabase;
    let server: Running;
    let now = DURING_W48;
    beforeEach(async () => {
      db = await database();
      now = DURING_W48;
      server = await startServer({ store: db.store, now: () => now });
      await db.store.createTeam(team('squad', 5, 'personal'));
      await db.store.createTeam(team('other', 5, 'personal'));
      await db.store.addInvites(
        'squad',
        [1, 2, 3, 4, 5, 6].map((n) => hashToken(invite(n))),
      );
      await db.store.addInvites('other', [hashToken(invite(9))]);
      // Made once for the file (a key takes a tenth of a second, or far more on a busy machine). The
      // other team shares them: its tokens must still fail here, by their challenge (team and week).
      const keys = await keyPool();
      await db.store.addWeekKeys('squad', keys);
      await db.store.addWeekKeys('other', keys);
    });
    afterEach(async () => {
      await server.close();
      await db.close();
    });

    const call = (path: string, init: { token?: string; body?: unknown } = {}) =>
      fetch(server.url + path, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    const error = async (response: Response) => ({
      status: response.status,
      code: ((await response.json()) as { error?: { code?: string } }).error?.code,
    });

    const keyOf = async (teamId: string, member: string, weekId: WeekId) => {
      const response = await call(`/v1/teams/${teamId}/keys`, { token: member });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { keys: { weekId: string; publicKey: string }[]; invites: number };
      const key = body.keys.find((k) => k.weekId === weekId);
      if (!key) throw new Error(`no key for ${weekId}`);
      return new Uint8Array(Buffer.from(key.publicKey, 'base64url'));
    };
    /** A member's device: a fresh blinding (as a new device secret would make), asked for and finished. */
    const tokenFor = async (teamId: string, member: string, weekId: WeekId) => {
      const spki = await keyOf(teamId, member, weekId);
      const pending = await requestToken(spki, teamId, weekId);
      const ask = () =>
        call(`/v1/teams/${teamId}/tokens`, {
          token: member,
          body: { weekId, blindedRequest: toBase64Url(pending.blindedRequest) },
        });
      const response = await ask();
      if (response.status !== 200) return { response, ask };
      const { blindSignature } = (await response.json()) as { blindSignature: string };
      const token = await finishToken(spki, pending, new Uint8Array(Buffer.from(blindSignature, 'base64url')));
      return { response, ask, token, signature: blindSignature };
    };
    const vote = (teamId: string, weekId: WeekId, token: Uint8Array, score: 1 | 2 | 3 | 4 | 5 = 4) => {
      const { bankVersion, scores } = submission(teamId, weekId, 1, score);
      return call(`/v1/teams/${teamId}/votes`, { body: { token: toBase64Url(token), weekId, bankVersion, scores } });
    };

    it('lets a member fetch the keys, get one blind signature, and vote once with no credentials at all', async () => {
      const keys = (await (await call('/v1/teams/squad/keys', { token: invite(1) })).json()) as {
        keys: { weekId: string }[];
        invites: number;
      };
      expect(keys.invites).toBe(6);
      // Last week through twelve ahead, across the new year (2026 has a week 53).
      expect(keys.keys.map((k) => k.weekId)).toEqual(Array.from({ length: 14 }, (_, i) => addWeeksToId('2026-W47', i)));
      expect(keys.keys.map((k) => k.weekId)).toContain('2026-W53');
      const got = await tokenFor('squad', invite(1), '2026-W48');
      expect(got.response.status).toBe(200);
      if (!got.token) throw new Error('no token');
      now = AFTER_W48;
      const first = await vote('squad', '2026-W48', got.token, 4);
      expect(first.status).toBe(201);
      // A retry of the same vote is a no-op; the same token with other scores is refused: final.
      expect(await (await vote('squad', '2026-W48', got.token, 4)).json()).toEqual({ status: 'same' });
      expect(await error(await vote('squad', '2026-W48', got.token, 1))).toEqual({ status: 409, code: 'vote_final' });
      expect(await db.store.weekSubmissions('squad', '2026-W48')).toHaveLength(1);
    });

    it('counts at most one vote per invite a week, however the invite is stuffed', async () => {
      const first = await tokenFor('squad', invite(1), '2026-W48');
      if (!first.token) throw new Error('no token');
      // Many device secrets: every new request for the same invite and week is refused.
      for (let device = 0; device < 5; device++) {
        const again = await tokenFor('squad', invite(1), '2026-W48');
        expect(await error(again.response)).toEqual({ status: 409, code: 'token_issued' });
      }
      // Many retries of the first request: the same signature each time (a lost answer), still one token.
      for (let retry = 0; retry < 3; retry++) {
        const response = await first.ask();
        expect(((await response.json()) as { blindSignature: string }).blindSignature).toBe(first.signature);
      }
      const w47 = await tokenFor('squad', invite(1), '2026-W47');
      const elsewhere = await tokenFor('other', invite(9), '2026-W48');
      if (!w47.token || !elsewhere.token) throw new Error('no token');
      now = AFTER_W48;
      expect((await vote('squad', '2026-W48', first.token)).status).toBe(201);
      // Replays of the spent token, with the same or other scores.
      for (let replay = 0; replay < 3; replay++)
        expect((await vote('squad', '2026-W48', first.token)).status).toBe(200);
      expect((await vote('squad', '2026-W48', first.token, 2)).status).toBe(409);
      // Another week's token and another team's token.
      expect(await error(await vote('squad', '2026-W48', w47.token))).toEqual({
        status: 400,
        code: 'token_wrong_week',
      });
      expect(await error(await vote('squad', '2026-W48', elsewhere.token))).toEqual({
        status: 400,
        code: 'token_wrong_week',
      });
      // Bit flips anywhere: in the nonce, the digest, the key id, the authenticator.
      for (const at of [2, 20, 40, 70, 100, 300, 353]) {
        const flipped = first.token.slice();
        flipped[at] = (flipped[at] ?? 0) ^ 0x10;
        const refused = await error(await vote('squad', '2026-W48', flipped));
        expect(refused.status, `byte ${at}`).toBe(400);
        expect(['token_wrong_week', 'token_not_signed', 'invalid_token']).toContain(refused.code);
      }
      // A token forged whole: the right layout, no signature.
      const forged = first.token.slice();
      forged.fill(7, 98);
      expect(await error(await vote('squad', '2026-W48', forged))).toEqual({ status: 400, code: 'token_not_signed' });
      const votes = await db.store.weekSubmissions('squad', '2026-W48');
      expect(votes).toHaveLength(1);
      expect(votes[0]?.scores).toEqual(submission('squad', '2026-W48', 1, 4).scores);
    });

    it('makes k count people: five invites, five votes, and the week is shown', async () => {
      const tokens: Uint8Array[] = [];
      for (let n = 1; n <= 5; n++) {
        const got = await tokenFor('squad', invite(n), '2026-W48');
        if (!got.token) throw new Error('no token');
        tokens.push(got.token);
      }
      now = AFTER_W48;
      for (const token of tokens) expect((await vote('squad', '2026-W48', token, 5)).status).toBe(201);
      now = new Date('2026-12-08T12:00:00Z'); // W48 released
      await db.store.updateTeam('squad', { managerTokenHash: hashToken(MANAGER) });
      const week = (await (await server.get('/v1/teams/squad/weeks/2026-W48')).json()) as { responses: number | null };
      expect(week.responses).toBe(5);
      // After the release a counted token's other scores are still refused as final.
      expect(await error(await vote('squad', '2026-W48', tokens[0] ?? new Uint8Array(), 1))).toEqual({
        status: 409,
        code: 'vote_final',
      });
    });

    it('refuses with a 4xx that says why', async () => {
      const got = await tokenFor('squad', invite(2), '2026-W48');
      if (!got.token) throw new Error('no token');
      expect(await error(await call('/v1/teams/squad/keys'))).toEqual({ status: 401, code: 'unauthorized' });
      expect(await error(await call('/v1/teams/squad/keys', { token: invite(9) }))).toEqual({
        status: 401,
        code: 'unauthorized',
      });
      await db.store.revokeInvites('squad', hashToken(invite(3)).slice(0, 10));
      expect(await error(await call('/v1/teams/squad/keys', { token: invite(3) }))).toEqual({
        status: 401,
        code: 'unauthorized',
      });
      const revoked = await call('/v1/teams/squad/tokens', {
        token: invite(3),
        body: { weekId: '2026-W48', blindedRequest: 'A'.repeat(342) },
      });
      expect(await error(revoked)).toEqual({ status: 401, code: 'unauthorized' });
      expect(
        await error(
          await call('/v1/teams/platform/keys', { token: 'ingest-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }),
        ),
      ).toEqual({
        status: 403,
        code: 'open_team',
      });
      expect(
        await error(
          await call('/v1/teams/squad/submissions', { token: invite(2), body: submission('squad', '2026-W47', 1) }),
        ),
      ).toEqual({ status: 403, code: 'personal_team' });
      const later = await tokenFor('squad', invite(4), '2026-W50');
      expect(await error(later.response)).toEqual({ status: 422, code: 'week_not_started' });
      const bad = await call('/v1/teams/squad/tokens', {
        token: invite(4),
        body: { weekId: '2026-W48', blindedRequest: 'A'.repeat(341) },
      });
      expect(await error(bad)).toEqual({ status: 400, code: 'invalid_token_request' });
      expect(await error(await vote('squad', '2026-W48', got.token))).toEqual({ status: 422, code: 'week_not_closed' });
      now = new Date('2026-12-08T12:00:00Z');
      expect(await error(await vote('squad', '2026-W48', got.token))).toEqual({ status: 409, code: 'week_released' });
      const old = await call('/v1/teams/squad/tokens', {
        token: invite(4),
        body: { weekId: '2026-W48', blindedRequest: 'A'.repeat(342) },
      });
      expect(await error(old)).toEqual({ status: 409, code: 'week_released' });
      expect(await db.store.weekSubmissions('squad', '2026-W48')).toEqual([]);
    });

    it('stores nothing at issuance that appears in, or joins to, a vote’s row', async () => {
      const got = await tokenFor('squad', invite(5), '2026-W48');
      if (!got.token) throw new Error('no token');
      now = AFTER_W48;
      expect((await vote('squad', '2026-W48', got.token)).status).toBe(201);
      const issued = await db.rows('issuances');
      const votes = await db.rows('submissions');
      expect(issued).toHaveLength(1);
      expect(votes).toHaveLength(1);
      // Every 12-character piece of what issuance stored (the invite's hash, the request's hash)...
      const pieces = new Set<string>();
      for (const row of issued) {
        for (const value of row.split('\u0000').filter((v) => v.length >= 32)) {
          for (let at = 0; at + 12 <= value.length; at++) pieces.add(value.slice(at, at + 12));
        }
      }
      expect(pieces.size).toBeGreaterThan(50);
      // ...appears nowhere in the vote's row, and the vote's id nowhere in issuance's.
      for (const piece of pieces) expect(votes[0]).not.toContain(piece);
      const voteId = votes[0]?.split('\u0000').find((v) => /^[0-9a-f]{64}$/.test(v)) ?? 'none';
      expect(issued[0]).not.toContain(voteId.slice(0, 12));
      // The only columns the two share are the team and the week.
      expect(
        issued[0]
          ?.split('\u0000')
          .filter((v) => votes[0]?.split('\u0000').includes(v))
          .sort(),
      ).toEqual(['2026-W48', 'squad']);
    });
  });
}
