/**
 * Opening the database: runs the migration ladder, and never leaves a page hanging. An open that
 * has not finished in time (typically an upgrade blocked by another open page) fails with a message
 * saying what to do; a page holding an old connection closes it when a newer version wants to
 * upgrade, and an unexpected close is reported so the caller can reopen.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { DB_VERSION, MIGRATIONS } from './migrations';
import { DB_NAME, type PulseDbSchema } from './schema';

export type PulseDb = IDBPDatabase<PulseDbSchema>;

/** What went wrong, for the screens to say in the engineer's language; `message` is for logs. */
export type StorageProblem = 'blocked' | 'slow' | 'newer-version' | 'open-failed' | 'no-migration';

const PROBLEM_TEXT: Record<StorageProblem, string> = {
  blocked: 'Culture Pulse is being updated but another of its pages is still open.',
  slow: 'Your saved answers took too long to open.',
  'newer-version': 'Your answers were saved by a newer version of Culture Pulse.',
  'open-failed': 'Could not open your saved answers.',
  'no-migration': 'Your saved answers are in a format this version cannot upgrade.',
};

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly problem: StorageProblem,
    /** The browser's own words, when it gave any. */
    readonly detail = '',
  ) {
    super(detail ? `${PROBLEM_TEXT[problem]} (${detail})` : PROBLEM_TEXT[problem]);
  }
}

export interface OpenOptions {
  readonly name?: string;
  /** Open at an older version (tests that build an old database run a prefix of the ladder). */
  readonly version?: number;
  readonly timeoutMs?: number;
  /** Called when the connection closed for another page's upgrade, or unexpectedly. */
  readonly onClose?: (reason: 'blocking' | 'terminated') => void;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function openPulseDb(options: OpenOptions = {}): Promise<PulseDb> {
  const version = options.version ?? DB_VERSION;
  let blocked = false;
  let gaveUp = false;
  let connection: PulseDb | undefined;
  const opening = openDB<PulseDbSchema>(options.name ?? DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = MIGRATIONS[v];
        if (!step) throw new StorageError('no-migration', `from version ${v}`);
        step(db, tx);
      }
    },
    blocked() {
      blocked = true;
    },
    blocking() {
      // A newer version wants to upgrade: let it, and reopen next time the database is needed.
      connection?.close();
      options.onClose?.('blocking');
    },
    terminated() {
      options.onClose?.('terminated');
    },
  });
  return new Promise<PulseDb>((resolve, reject) => {
    const timer = setTimeout(() => {
      gaveUp = true;
      reject(new StorageError(blocked ? 'blocked' : 'slow'));
    }, options.timeoutMs ?? 5000);
    opening.then(
      (db) => {
        clearTimeout(timer);
        connection = db;
        // Opened after we gave up: close it, or it would block the next upgrade.
        if (gaveUp) db.close();
        else resolve(db);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (error instanceof DOMException && error.name === 'VersionError') {
          reject(new StorageError('newer-version'));
        } else {
          reject(error instanceof StorageError ? error : new StorageError('open-failed', describe(error)));
        }
      },
    );
  });
}

/**
 * A request whose outcome is the transaction's: if it fails the transaction aborts and `tx.done`
 * rejects, which the caller awaits; the request's own rejection needs no second handler.
 */
export function queue(request: Promise<unknown>): void {
  request.catch(() => {});
}

/** Abort a transaction whose work failed; its `done` rejection is expected and handled here. */
export function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => {});
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: nothing was written after the failure.
  }
}

/** Open the database for one piece of work, and close it after, whatever happens. */
export async function withPulseDb<T>(work: (db: PulseDb) => Promise<T>): Promise<T> {
  const db = await openPulseDb();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}
