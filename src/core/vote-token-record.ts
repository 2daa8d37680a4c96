/**
 * A personal team's vote token for one week, as kept in IndexedDB (storage/tokens.ts), keyed
 * [teamId, weekId]. It holds the week's key as the endpoint first published it (pinned: a later,
 * different key for the week is refused, since a key of this member's own would tag the vote),
 * the moment to ask for the token (drawn once), and either the request waiting for its answer or
 * the finished token. The request is kept before it is sent, so a lost answer is asked for again
 * with the same request (the endpoint refuses a different one for the same invite and week).
 */
import * as z from 'zod/mini';
import { weekIdSchema } from './schemas';
import { teamIdSchema } from './submission';
import { TOKEN_STATES } from './sync-states';
import { TOKEN_TEXT } from './vote';

const b64url = (min: number, max: number, what: string) =>
  z.string().check(z.regex(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`), `must be ${what}, base64url`));

/** 32 bytes, as 43 base64url characters. */
const b64url32 = b64url(43, 43, '32 bytes');

export const pinnedKeySchema = z.strictObject({
  /** SHA-256 of the key's SubjectPublicKeyInfo, computed here (never taken from the endpoint). */
  keyId: b64url32,
  /** The SubjectPublicKeyInfo (RSA 2048: 294 bytes). */
  publicKey: b64url(300, 1400, 'a public key'),
});
export type PinnedKey = z.infer<typeof pinnedKeySchema>;

/** What platform/vote-token-client's PendingToken holds, as text. */
export const pendingRequestSchema = z.strictObject({
  nonce: b64url32,
  challengeDigest: b64url32,
  keyId: b64url32,
  /** 256 bytes. */
  blindedRequest: b64url(342, 342, '256 bytes'),
  /** The secret that unblinds the answer: never sent. */
  inverse: b64url(2, 342, 'at most 256 bytes'),
});
export type PendingRequest = z.infer<typeof pendingRequestSchema>;

export const tokenRecordSchema = z
  .strictObject({
    teamId: teamIdSchema,
    weekId: weekIdSchema,
    /** The endpoint the key was pinned from: a team of the same name elsewhere is another team. */
    endpoint: z.string().check(z.maxLength(2000)),
    key: z.nullable(pinnedKeySchema),
    state: z.enum(TOKEN_STATES),
    /** Epoch ms of the next try while waiting (first drawn at random in the week's first day), else of the last. */
    fetchAt: z.number().check(z.int(), z.gte(0)),
    attempts: z.number().check(z.int(), z.gte(0)),
    request: z.nullable(pendingRequestSchema),
    token: z.nullable(z.string().check(z.regex(TOKEN_TEXT, 'must be a vote token'))),
    /** What went wrong last, in words a person can act on. */
    problem: z.nullable(z.string().check(z.maxLength(500))),
  })
  .check(
    z.refine((r) => (r.state === 'ready') === (r.token !== null), 'holds a token exactly when it is ready'),
    z.refine((r) => r.request === null || r.key !== null, 'holds a request only with a pinned key'),
  );
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

/** The first 8 characters of a key id: short enough to read out and compare with a teammate. */
export function keyFingerprint(key: PinnedKey): string {
  return key.keyId.slice(0, 8);
}
