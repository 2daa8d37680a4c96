/** The endpoint on a real socket (127.0.0.1, port 0) over a real SQLite file, with a set clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import type { AddressOf } from '../../src/server/address-budget';
import { createApp } from '../../src/server/app';
import type { Bindings } from '../../src/server/http';
import { type RateLimiter, rateLimiter } from '../../src/server/rate-limit';
import { openSqliteStore } from '../../src/server/sqlite-store';
import type { Store } from '../../src/server/store';
import { hashToken } from '../../src/server/tokens';

export const INGEST = 'ingest-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
/** Thursday of 2026-W48: W46 is released, W47 is collecting, W48 has not closed. */
export const NOW = new Date('2026-11-26T12:00:00Z');

/**
 * A request as it reached the socket, before any framework read it: the header lines exactly as
 * sent (names as the client spelled them, in its order), and which connection carried it.
 */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Name, value, name, value…, as node:http's `rawHeaders`. */
  readonly rawHeaders: readonly string[];
  /** 1 for the first connection the server accepted, 2 for the next… */
  readonly connection: number;
}

export interface Running {
  readonly url: string;
  readonly store: Store;
  /** The app's limiters, to see what they hold. */
  readonly limiters: { readonly token: RateLimiter; readonly address: RateLimiter; readonly global: RateLimiter };
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, token?: string): Promise<Response>;
  close(): Promise<void>;
}

/** The team every server test sends to: open, k 5, with the INGEST and MANAGER tokens above. */
export async function createPlatformTeam(store: Store): Promise<void> {
  await store.createTeam({
    teamId: 'platform',
    kind: 'open',
    name: 'Platform',
    ingestTokenHash: hashToken(INGEST),
    managerTokenHash: hashToken(MANAGER),
    k: 5,
  });
}

export async function startServer(
  options: {
    store?: Store;
    /** Per token, after authentication. */
    burst?: number;
    perMinute?: number;
    /** Per address, for requests refused before they authenticate. */
    refusedBurst?: number;
    /** Where each request came from (they all come from 127.0.0.1 here). */
    addressOf?: AddressOf;
    now?: () => Date;
    /** Days a week collects after it ends (the server's COLLECTION_DAYS); 7 unless set. */
    collectionDays?: number;
    /** A fixed port (a browser test brings the endpoint back where the extension last failed to reach it). */
    port?: number;
    /**
     * Sees a copy of every request, as it arrived; the app answers once what it returns has
     * settled, unless it settles to a Response, which is then the answer instead of the app's.
     */
    tap?: (request: Request) => unknown;
    /** Sees every request's header lines as they came off the socket (a web Request has lost them). */
    raw?: (request: RawRequest) => void;
  } = {},
): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-server-'));
  const store = options.store ?? openSqliteStore(join(dir, 'pulse.db'));
  await createPlatformTeam(store);
  const limiters = {
    token: rateLimiter({ perMinute: options.perMinute ?? 1_000_000, burst: options.burst ?? 1_000_000 }),
    address: rateLimiter({ perMinute: 1, burst: options.refusedBurst ?? 1_000_000 }),
    global: rateLimiter({ perMinute: 1_000_000, burst: 1_000_000 }),
  };
  const app = createApp({
    store,
    collectionDays: options.collectionDays ?? 7,
    maxBodyBytes: 4096,
    tokenLimiter: limiters.token,
    addressLimiter: limiters.address,
    globalLimiter: limiters.global,
    addressOf: options.addressOf,
    now: options.now ?? (() => NOW),
  });
  const tap = options.tap;
  // The app gets the Node request as in production (its socket, its body), unless a tap reads a
  // copy: then both must read the web Request's body, not the socket's stream.
  const handle = async (request: Request, env: HttpBindings | Http2Bindings) => {
    if (!tap) return app.fetch(request, env as Bindings);
    // A tap may hold the request back (a browser test stops the sender mid-request), then let it
    // through, or answer in the app's place (a 503 whose Retry-After is longer than a store fault's).
    const answer = await tap(request.clone());
    return answer instanceof Response ? answer : app.fetch(request);
  };
  const server = serve({ fetch: handle, hostname: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const raw = options.raw;
  if (raw) {
    const connections = new WeakMap<object, number>();
    let accepted = 0;
    server.on('request', (request: IncomingMessage) => {
      const { socket } = request;
      if (!connections.has(socket)) connections.set(socket, ++accepted);
      raw({
        method: request.method ?? '',
        path: request.url ?? '',
        rawHeaders: [...request.rawHeaders],
        connection: connections.get(socket) ?? 0,
      });
    });
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    store,
    limiters,
    post: (path, body, headers = {}) =>
      fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST}`, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, token = MANAGER) => fetch(url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    async close() {
      // Keep-alive connections (a response body left unread keeps one busy) would hold close() for seconds.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A free port on loopback, for a server that must come up where a client already looks. */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('No free port on 127.0.0.1.');
  return address.port;
}
