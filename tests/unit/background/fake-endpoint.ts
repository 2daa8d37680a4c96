/**
 * A personal team's endpoint for the background's unit tests, as a `fetch` stand-in: real week
 * keys and real blind signatures (the endpoint's own signer, src/server/week-keys), the same
 * answers and codes as src/server/vote-routes. Every request is recorded as it was made.
 */

import { fromBase64Url, parseToken, toBase64Url } from '../../../src/core/vote-token';
import { addWeeksToId, type WeekId } from '../../../src/core/week';
import {
  blindSign,
  expectedChallengeDigest,
  newWeekKey,
  spentKey,
  tokenSignatureValid,
  type WeekKey,
} from '../../../src/server/week-keys';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly init: RequestInit;
  readonly body: unknown;
}

const keyCache = new Map<WeekId, WeekKey>();

/** One key per week for the whole test file: RSA 2048 keys take a while to make. */
async function keyFor(weekId: WeekId): Promise<WeekKey> {
  let key = keyCache.get(weekId);
  if (!key) {
    key = await newWeekKey(weekId);
    keyCache.set(weekId, key);
  }
  return key;
}

/**
 * Make the keys of every week a test file's endpoint publishes (from `first`, `count` weeks) up
 * front, in a beforeAll with room to spare: made lazily, they fell to the first test, which then
 * ran past its time limit on a busy machine.
 */
export async function prepareKeys(first: WeekId, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, i) => keyFor(addWeeksToId(first, i))));
}

export function fakeEndpoint(options: { invite: string; teamId: string; invites?: number }) {
  const requests: Recorded[] = [];
  const issued = new Map<WeekId, string>();
  const votes = new Map<string, string>();
  const state = {
    /** When true every request fails as an unreachable host does. */
    down: false,
    /** The current week, as the endpoint's clock says: keys are published from the week before on. */
    week: '2026-W49' as WeekId,
    /** Weeks whose figures are released. */
    released: new Set<WeekId>(),
    /** Keys handed out instead of the real ones (a dishonest endpoint). */
    swapped: new Map<WeekId, WeekKey>(),
    /**
     * Resources ("keys", "tokens", "votes", "notes") answered as the endpoint answers when it is
     * rate-limited (429) or its store fails (503), with this Retry-After (null: none).
     */
    busy: new Map<string, { status: 429 | 503; retryAfter: string | null }>(),
  };
  const error = (status: number, code: string, message = code, headers: Record<string, string> = {}) =>
    Response.json({ error: { code, message } }, { status, headers });
  const keyOf = async (weekId: WeekId) => state.swapped.get(weekId) ?? (await keyFor(weekId));

  async function handle(url: string, init: RequestInit = {}): Promise<Response> {
    const path = new URL(url).pathname;
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method: init.method ?? 'GET', path, headers, init, body });
    if (state.down) throw new TypeError('Failed to fetch');
    const prefix = `/v1/teams/${options.teamId}/`;
    const resource = path.slice(prefix.length);
    const busy = state.busy.get(resource);
    if (busy) {
      const headers: Record<string, string> = busy.retryAfter === null ? {} : { 'Retry-After': busy.retryAfter };
      if (busy.status === 429) return error(429, 'rate_limited', 'Too many requests.', headers);
      return error(503, 'unavailable', 'The store is failing.', headers);
    }
    const authorized = headers.get('authorization') === `Bearer ${options.invite}`;
    const invites = options.invites ?? 6;
    if (resource === 'keys') {
      if (!authorized) return error(401, 'unauthorized');
      const weeks = Array.from({ length: 14 }, (_, i) => addWeeksToId(state.week, i - 1));
      const keys = await Promise.all(weeks.map(keyOf));
      return Response.json({
        invites,
        keys: keys.map(({ weekId, keyId, publicKey }) => ({ weekId, keyId, publicKey })),
      });
    }
    if (resource === 'tokens') {
      if (!authorized) return error(401, 'unauthorized');
      const { weekId, blindedRequest } = body as { weekId: WeekId; blindedRequest: string };
      if (state.released.has(weekId)) return error(409, 'week_released');
      if (weekId > state.week) return error(422, 'week_not_started');
      const kept = issued.get(weekId);
      if (kept !== undefined && kept !== blindedRequest)
        return error(409, 'token_issued', 'This invite already has its token.');
      issued.set(weekId, blindedRequest);
      const key = await keyOf(weekId);
      const signature = blindSign(key, fromBase64Url(blindedRequest) ?? new Uint8Array());
      return Response.json({ weekId, keyId: key.keyId, blindSignature: toBase64Url(signature), invites });
    }
    if (resource === 'votes') {
      const { token, weekId, scores } = body as { token: string; weekId: WeekId; scores: unknown };
      const bytes = fromBase64Url(token);
      const parsed = bytes && parseToken(bytes);
      if (!bytes || !parsed) return error(400, 'invalid_token');
      const digest = expectedChallengeDigest(options.teamId, weekId);
      if (!parsed.challengeDigest.every((b, i) => b === digest[i])) return error(400, 'token_wrong_week');
      if (!tokenSignatureValid(await keyFor(weekId), parsed)) return error(400, 'token_not_signed');
      if (weekId >= state.week) return error(422, 'week_not_closed');
      if (state.released.has(weekId)) return error(409, 'week_released');
      const id = spentKey(bytes);
      const kept = votes.get(id);
      if (kept !== undefined && kept !== JSON.stringify(scores)) return error(409, 'vote_final');
      votes.set(id, JSON.stringify(scores));
      return Response.json({ status: kept ? 'same' : 'created' }, { status: kept ? 200 : 201 });
    }
    if (resource === 'notes') {
      if (!authorized) return error(401, 'unauthorized');
      return Response.json({ notes: [{ weekId: '2026-W47', theme: 'impact', text: 'Demos on Fridays.' }] });
    }
    return error(404, 'not_found');
  }

  return {
    state,
    requests,
    votes,
    issued,
    fetch: handle,
    /** "GET /keys", "POST /tokens"…: each request's method and resource, in order. */
    lines: () => requests.map((r) => `${r.method} ${r.path.split('/').pop()}`),
    /** A key of the endpoint's own for one member: what pinning must refuse. */
    async swapKey(weekId: WeekId) {
      state.swapped.set(weekId, await newWeekKey(weekId));
    },
  };
}
export type FakeEndpoint = ReturnType<typeof fakeEndpoint>;
