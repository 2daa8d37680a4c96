/**
 * A team's weekly signing keys for vote tokens (core/vote-token.ts): RSA 2048, one per team and
 * week, so a token can only ever be spent in the week it was signed for (the issuer cannot see the
 * week inside a blinded request, so a long-lived key would let a member hoard tokens for later).
 *
 * Signing is Node's own RSA (OpenSSL): the raw private operation on the blinded request, checked
 * (s^e = m) before it is answered, since a fault in the operation could leak the key. RSA without
 * padding is deterministic, so the same request always gets the same signature: a client that lost
 * the answer asks again with the request it stored and gets what it missed.
 */
import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  verify,
} from 'node:crypto';
import { promisify } from 'node:util';
import { authenticatorInput, NK, redemptionContextInput, tokenChallenge, type VoteToken } from '../core/vote-token';
import type { WeekId } from '../core/week';

/** A week's key as stored: its id, and both halves as base64url DER (SPKI, PKCS #8). */
export interface WeekKey {
  readonly weekId: WeekId;
  readonly keyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

const generate = promisify(generateKeyPair);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** A new key for a week (about a tenth of a second, off the event loop). */
export async function newWeekKey(weekId: WeekId): Promise<WeekKey> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: NK * 8, publicExponent: 0x10001 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    weekId,
    keyId: sha256(spki).toString('base64url'),
    publicKey: spki.toString('base64url'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64url'),
  };
}

/** Parsed keys, remembered by key id: a busy week signs and checks many tokens with one key. */
const parsed = new Map<string, { publicKey: KeyObject; privateKey?: KeyObject }>();

function keysOf(key: WeekKey, withPrivate: boolean): { publicKey: KeyObject; privateKey?: KeyObject } {
  let found = parsed.get(key.keyId);
  if (!found || (withPrivate && !found.privateKey)) {
    found = {
      publicKey: createPublicKey({ key: Buffer.from(key.publicKey, 'base64url'), format: 'der', type: 'spki' }),
      privateKey: withPrivate
        ? createPrivateKey({ key: Buffer.from(key.privateKey, 'base64url'), format: 'der', type: 'pkcs8' })
        : undefined,
    };
    if (parsed.size >= 1000) parsed.clear();
    parsed.set(key.keyId, found);
  }
  return found;
}

export class BadBlindRequest extends Error {
  override name = 'BadBlindRequest';
}

/** The blind signature of a blinded request; throws BadBlindRequest for one that cannot be signed. */
export function blindSign(key: WeekKey, blinded: Uint8Array): Uint8Array {
  if (blinded.length !== NK) throw new BadBlindRequest(`The blinded request must be ${NK} bytes.`);
  const { publicKey, privateKey } = keysOf(key, true);
  if (!privateKey) throw new Error('The week key has no private half.');
  let signature: Buffer;
  try {
    signature = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, blinded);
  } catch {
    // Not below the modulus: no valid blinding of any message gives that.
    throw new BadBlindRequest('The blinded request is not a number below the key’s modulus.');
  }
  const back = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  if (!back.equals(blinded)) throw new Error('The signature did not check out; it was not sent.');
  return new Uint8Array(signature);
}

/** The challenge digest a token for this team and week carries. */
export function expectedChallengeDigest(teamId: string, weekId: WeekId): Uint8Array {
  return new Uint8Array(sha256(tokenChallenge(sha256(redemptionContextInput(teamId, weekId)))));
}

/** Whether the token's authenticator is the week key's RSA-PSS (SHA-384) signature of its input. */
export function tokenSignatureValid(key: WeekKey, token: VoteToken): boolean {
  const { publicKey } = keysOf(key, false);
  return verify(
    'sha384',
    authenticatorInput(token),
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 },
    token.authenticator,
  );
}

/** The key a spent token is remembered by: it becomes the vote's id, so a token votes once. */
export function spentKey(tokenBytes: Uint8Array): string {
  return sha256(tokenBytes).toString('hex');
}
