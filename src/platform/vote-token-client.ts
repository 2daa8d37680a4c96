/**
 * The extension's half of a week's vote token (core/vote-token.ts): make the token's input, blind
 * it for the week's key (RFC 9474, RSABSSA-SHA384-PSS-Deterministic, in blind-rsa.ts), and turn
 * the endpoint's blind signature into the token. The blinded request and its secret inverse are returned for the caller to store before it asks: a lost answer is then
 * asked for again with the same request, which the endpoint signs again (a second, different
 * request for the same invite and week is refused). Loaded by the background only, never a page.
 */
import {
  authenticatorInput,
  encodeToken,
  parseToken,
  redemptionContextInput,
  tokenChallenge,
  type VoteToken,
} from '../core/vote-token';
import { blind, blindingKey, finalize } from './blind-rsa';

/** A copy on a plain ArrayBuffer, as WebCrypto takes it. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

async function sha256(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', own(bytes)));
}

/** The id of a week key: SHA-256 of its SubjectPublicKeyInfo, computed here, never taken on trust. */
export async function weekKeyId(spki: Uint8Array): Promise<Uint8Array> {
  return sha256(spki);
}

/** What a token request keeps until its answer comes: the token's input, the request, the inverse. */
export interface PendingToken {
  readonly input: Omit<VoteToken, 'authenticator'>;
  readonly blindedRequest: Uint8Array;
  readonly inverse: Uint8Array;
}

/** A new token request for one team's week, blinded for that week's key. */
export async function requestToken(spki: Uint8Array, teamId: string, weekId: string): Promise<PendingToken> {
  const key = await blindingKey(spki);
  const input = {
    nonce: crypto.getRandomValues(new Uint8Array(32)),
    challengeDigest: await sha256(tokenChallenge(await sha256(redemptionContextInput(teamId, weekId)))),
    keyId: await weekKeyId(spki),
  };
  const { blindedMsg, inv } = await blind(key, authenticatorInput(input));
  return { input, blindedRequest: blindedMsg, inverse: inv };
}

/** The token, from the endpoint's blind signature; throws when the signature does not check out. */
export async function finishToken(
  spki: Uint8Array,
  pending: PendingToken,
  blindSignature: Uint8Array,
): Promise<Uint8Array> {
  // finalize checks the unblinded signature against the key and throws if it is not valid.
  const authenticator = await finalize(
    await blindingKey(spki),
    authenticatorInput(pending.input),
    blindSignature,
    pending.inverse,
  );
  const token = encodeToken({ ...pending.input, authenticator });
  if (!parseToken(token)) throw new Error('The finished token is not a token.');
  return token;
}
