/**
 * A week's vote token, after Privacy Pass (RFC 9578, token type 2: publicly verifiable, blind RSA
 * 2048 with SHA-384 PSS, RFC 9474's deterministic variant). The extension makes the token's input
 * itself, has the endpoint sign it blinded (with a personal invite, so one signature per invite and
 * week), and later spends it with the week's scores in a request that carries no invite at all.
 * The endpoint can check the signature but never tell which blinded request it came from.
 *
 *   Token = token_type (2) || nonce (32) || challenge_digest (32) || token_key_id (32) || authenticator (256)
 *
 * challenge_digest = SHA-256(TokenChallenge) binds the token to one team and week: the challenge's
 * redemption context is SHA-256 of "culture-pulse/<team>/<week>". token_key_id = SHA-256 of the
 * week key's SubjectPublicKeyInfo as WebCrypto exports it (rsaEncryption; RFC 9578 hashes the
 * RSASSA-PSS form, which WebCrypto cannot import). Pure byte layout here: hashing is the caller's.
 */

export const TOKEN_TYPE = 0x0002;
/** Bytes of the RSA modulus, and so of the authenticator. */
export const NK = 256;
export const TOKEN_LENGTH = 2 + 32 + 32 + 32 + NK;
/** What the token's issuer calls itself in a challenge. */
export const ISSUER_NAME = 'culture-pulse';

const text = new TextEncoder();

function u16(n: number): Uint8Array {
  return new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** What SHA-256 of gives the redemption context: one team's one week. */
export function redemptionContextInput(teamId: string, weekId: string): Uint8Array {
  return text.encode(`culture-pulse/${teamId}/${weekId}`);
}

/** The TokenChallenge (RFC 9577 §2.1) for a redemption context, no origin info. */
export function tokenChallenge(redemptionContext: Uint8Array): Uint8Array {
  if (redemptionContext.length !== 32) throw new RangeError('The redemption context is 32 bytes.');
  const issuer = text.encode(ISSUER_NAME);
  return concat(u16(TOKEN_TYPE), u16(issuer.length), issuer, new Uint8Array([32]), redemptionContext, u16(0));
}

export interface VoteToken {
  readonly nonce: Uint8Array;
  readonly challengeDigest: Uint8Array;
  readonly keyId: Uint8Array;
  readonly authenticator: Uint8Array;
}

/** The message that is blind-signed: everything in the token before the authenticator. */
export function authenticatorInput(t: Omit<VoteToken, 'authenticator'>): Uint8Array {
  for (const [name, part] of [
    ['nonce', t.nonce],
    ['challenge digest', t.challengeDigest],
    ['key id', t.keyId],
  ] as const) {
    if (part.length !== 32) throw new RangeError(`The token's ${name} is 32 bytes.`);
  }
  return concat(u16(TOKEN_TYPE), t.nonce, t.challengeDigest, t.keyId);
}

export function encodeToken(t: VoteToken): Uint8Array {
  if (t.authenticator.length !== NK) throw new RangeError(`The authenticator is ${NK} bytes.`);
  return concat(authenticatorInput(t), t.authenticator);
}

/** The token's parts, or undefined when the bytes are not a type 2 token. Copies (never views) the bytes. */
export function parseToken(bytes: Uint8Array): VoteToken | undefined {
  if (bytes.length !== TOKEN_LENGTH || bytes[0] !== 0 || bytes[1] !== TOKEN_TYPE) return undefined;
  return {
    nonce: bytes.slice(2, 34),
    challengeDigest: bytes.slice(34, 66),
    keyId: bytes.slice(66, 98),
    authenticator: bytes.slice(98),
  };
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding, as tokens travel in JSON. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The bytes of base64url text, or undefined when it is not base64url. */
export function fromBase64Url(value: string): Uint8Array | undefined {
  if (!B64URL.test(value) || value.length % 4 === 1) return undefined;
  const binary = atob(value.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
