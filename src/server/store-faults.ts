/**
 * When the store cannot do its work: PostgreSQL restarting, failed over or out of reach, or the
 * disk full, read-only or failing. None of that is the request's fault, nor a bug of ours: the
 * endpoint answers 503 with Retry-After (the client keeps what it sent and tries again), names the
 * problem once in its own output when it starts and once when it is over (never once per request),
 * and acknowledges nothing the store did not commit.
 */
import type { Store } from './store';

export type StoreFault = 'unreachable' | 'full' | 'read_only' | 'io_error';

/** What the operator reads, once, when a fault starts. */
const DESCRIPTIONS: Record<StoreFault, string> = {
  unreachable: 'the database cannot be reached (restarting, failing over, or the network is down)',
  full: 'the storage is full',
  read_only: 'the storage is read-only',
  io_error: 'the storage failed a read or write',
};

/** How long a client should wait: a database comes back in seconds, a full disk needs a person. */
const RETRY_AFTER_SECONDS: Record<StoreFault, number> = { unreachable: 5, full: 60, read_only: 60, io_error: 30 };

/** A store call that failed for one of the faults above: answered 503, never 500. */
export class StoreUnavailable extends Error {
  readonly retryAfterSeconds: number;
  constructor(readonly fault: StoreFault) {
    super(`The store is unavailable: ${DESCRIPTIONS[fault]}.`);
    this.retryAfterSeconds = RETRY_AFTER_SECONDS[fault];
  }
}

// PostgreSQL's SQLSTATEs: class 08 (connection exception), 57P01–57P03 (shut down, crashed,
// starting up), 53300 (too many connections), 53100 (disk full), 25006 (a read-only standby after
// a failover), 58030 (I/O error).
const PG_UNREACHABLE = /^(08...|57P0[123]|53300)$/;
const NODE_NETWORK =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENETDOWN|ENOTFOUND|EAI_AGAIN)$/;
/** pg's own errors for a lost connection carry no code, only these words. */
const PG_CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout)/;

function faultOfCode(code: string): StoreFault | undefined {
  if (code.startsWith('SQLITE_FULL') || code === '53100') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === '25006') return 'read_only';
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === '58030') return 'io_error';
  if (PG_UNREACHABLE.test(code) || NODE_NETWORK.test(code)) return 'unreachable';
  return undefined;
}

/** The fault behind an error a store threw, or undefined for anything else (a bug: answered 500). */
export function storeFaultOf(error: unknown, depth = 0): StoreFault | undefined {
  if (error instanceof StoreUnavailable) return error.fault;
  if (!(error instanceof Error) || depth > 3) return undefined;
  const code = (error as { code?: unknown }).code;
  const byCode = typeof code === 'string' ? faultOfCode(code) : undefined;
  if (byCode) return byCode;
  if (PG_CONNECTION_LOST.test(error.message)) return 'unreachable';
  // Node wraps a refused connection to a name with several addresses in an AggregateError.
  const inner = error instanceof AggregateError ? error.errors : [];
  for (const e of [...inner, error.cause]) {
    const fault = storeFaultOf(e, depth + 1);
    if (fault) return fault;
  }
  return undefined;
}

/** Store methods that only read: their success says the store answers, not that it can write. */
const READS = new Set<string>([
  'getTeam',
  'listTeams',
  'inviteActive',
  'inviteCounts',
  'weekKeys',
  'weekSubmissions',
  'teamWeeks',
  'unreleasedWeeks',
  'teamReleases',
  'lines.kept',
  'teamNotes',
  'ping',
]);

export interface StoreFaults {
  /** The store, its faults turned into StoreUnavailable and reported. */
  guard(store: Store): Store;
  /** A fault seen outside a call (an idle PostgreSQL connection dropped): reported, never thrown. */
  noted(error: unknown): void;
  /** The fault now, if any: until a call succeeds (a write, for a full or read-only store). */
  current(): StoreFault | undefined;
}

/**
 * A fault is over once a call succeeds that started after its last failure, at least this long
 * after it: a fast restart terminates connections one by one, and a query on one not yet reached
 * succeeds in the middle of it.
 */
const QUIET_MS = 1000;

/** Faults named once as they start and once as they end, through `log` (the server's stderr). */
export function storeFaults(log: (line: string) => void, now: () => number = Date.now): StoreFaults {
  let current: StoreFault | undefined;
  // Calls are numbered as they start. Only a call that started after the last failure proves the
  // fault over: one that started before may finish after, and would make the fault flap in the log.
  let started = 0;
  let lastFailedAt = 0;
  let lastFailedTime = 0;
  const failed = (fault: StoreFault, error: unknown) => {
    lastFailedAt = started;
    lastFailedTime = now();
    if (current === fault) return;
    current = fault;
    const detail = error instanceof Error ? `${(error as { code?: unknown }).code ?? ''} ${error.message}`.trim() : '';
    log(
      `Culture Pulse: ${DESCRIPTIONS[fault]} (${detail}). Requests are answered 503 with Retry-After until it is over; nothing is acknowledged that was not stored.`,
    );
  };
  const succeeded = (method: string, call: number) => {
    if (current === undefined || call <= lastFailedAt || now() - lastFailedTime < QUIET_MS) return;
    // A read says nothing about space or write access.
    if ((current === 'full' || current === 'read_only') && READS.has(method)) return;
    log(`Culture Pulse: the store works again (it was: ${DESCRIPTIONS[current]}).`);
    current = undefined;
  };

  const call = async (method: string, run: () => unknown): Promise<unknown> => {
    const number = ++started;
    try {
      const result = await run();
      succeeded(method, number);
      return result;
    } catch (error) {
      const fault = storeFaultOf(error);
      if (!fault) throw error;
      failed(fault, error);
      throw new StoreUnavailable(fault);
    }
  };

  return {
    guard(store) {
      return guarded(store, '', call);
    },
    noted(error) {
      const fault = storeFaultOf(error);
      if (fault) failed(fault, error);
      else log(`Culture Pulse: the database connection reported an error (${String(error)}).`);
    },
    current: () => current,
  };
}

/**
 * `target` with every method going through `call`, and every part of it (an object property, such
 * as the store's release cache `lines`) likewise, its methods named `part.method`. A proxy, so a
 * method added to the store later is guarded without a line here.
 */
function guarded<T extends object>(
  target: T,
  prefix: string,
  call: (method: string, run: () => unknown) => Promise<unknown>,
): T {
  const parts = new Map<string, object>();
  return new Proxy(target, {
    get(object, name, receiver) {
      const value: unknown = Reflect.get(object, name, receiver);
      if (typeof name !== 'string' || name === 'close') return value;
      if (typeof value === 'function') {
        return (...args: unknown[]) => call(prefix + name, () => value.apply(object, args));
      }
      if (typeof value === 'object' && value !== null) {
        const part = parts.get(name) ?? guarded(value, `${prefix}${name}.`, call);
        parts.set(name, part);
        return part;
      }
      return value;
    },
  });
}
