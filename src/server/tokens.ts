/**
 * Team tokens: 256 random bits, shown once, stored only as a SHA-256 hash. A stolen database
 * therefore holds no usable token, and comparing hashes in constant time leaks nothing by timing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenMatches(token: string | undefined, hash: string): boolean {
  if (!token) return false;
  return hashesMatch(hashToken(token), hash);
}

/** Whether a token's hash (from hashToken) is the stored one, compared in constant time. */
export function hashesMatch(tokenHash: string, storedHash: string): boolean {
  const given = Buffer.from(tokenHash, 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The token from an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/.exec(header ?? '');
  return match?.[1];
}
