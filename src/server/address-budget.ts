/**
 * The budget of requests a client address may have refused before they authenticate (no token, a
 * wrong one, a malformed request), so one address's flood is answered 429 without touching any
 * team's budget. The address lives only as a key of the limiter's map, in memory: it is never
 * stored, logged or sent back. The map is bounded (see rate-limit.ts), and so is each key: IPv6
 * clients count per /64, which one client usually holds whole.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { Bindings } from './http';
import type { RateLimiter } from './rate-limit';

/** Where a request came from; tests inject their own, since all of theirs come from 127.0.0.1. */
export type AddressOf = (c: Context<{ Bindings: Bindings }>) => string | undefined;

/** The peer of the TCP connection (no proxy header is trusted: anyone could send one). */
export const socketAddress: AddressOf = (c) => {
  // Typed as always there, but gone once the request is destroyed (an oversize body).
  const socket = c.env?.incoming?.socket as { remoteAddress?: string } | null | undefined;
  return socket?.remoteAddress;
};

/** The limiter's key for an address: IPv4 as it is, IPv6 by its /64, at most 64 characters. */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(address)) return address;
  const bare = address.split('%')[0] ?? '';
  if (!isIPv6(bare)) return 'unknown';
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`.slice(0, 64);
}

export interface AddressBudget {
  /** Middleware that notes the address as the request arrives, before its socket can be destroyed. */
  readonly remember: MiddlewareHandler<{ Bindings: Bindings }>;
  /** Count one refused request from this request's address; past the budget, how long to wait. */
  spend(c: Context<{ Bindings: Bindings }>, now: number): ReturnType<RateLimiter['take']>;
}

export function addressBudget(limiter: RateLimiter, addressOf: AddressOf = socketAddress): AddressBudget {
  // Only for the request's lifetime: the entry goes with the Request object.
  const keys = new WeakMap<Request, string>();
  return {
    remember: async (c, next) => {
      keys.set(c.req.raw, addressKey(addressOf(c)));
      await next();
    },
    spend: (c, now) => limiter.take(keys.get(c.req.raw) ?? addressKey(addressOf(c)), now),
  };
}
