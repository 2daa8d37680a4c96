/**
 * Opening the database: runs the migration ladder, and never leaves a page hanging. An upgrade
 * blocked by another open page fails after a timeout with a message saying what to do; a page
 * holding an old connection closes it when a newer version wants to upgrade.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { DB_VERSION, MIGRATIONS } from './migrations';
import { DB_NAME, type PulseDbSchema } from './schema';

export type PulseDb = IDBPDatabase<PulseDbSchema>;

export class StorageError extends Error {
  override name = 'StorageError';
}

export interface OpenOptions {
  readonly name?: string;
  /** Open at an older version (tests that build an old database run a prefix of the ladder). */
  readonly version?: number;
  readonly blockedTimeoutMs?: number;
  /** Called when the connection closed unexpectedly or for another page's upgrade. */
  readonly onClose?: (reason: 'blocking' | 'terminated') => void;
}

export async function openPulseDb(options: OpenOptions = {}): Promise<PulseDb> {
  const version = options.version ?? DB_VERSION;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StorageError(
            'Culture Pulse is being updated but another of its pages is still open. Close its other tabs and try again.',
          ),
        ),
      options.blockedTimeoutMs ?? 5000,
    );
  });
  let wasBlocked = false;
  let db: PulseDb | undefined;
  const opening = openDB<PulseDbSchema>(options.name ?? DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = MIGRATIONS[v];
        if (!step) throw new StorageError(`No migration from version ${v}`);
        step(db, tx);
      }
    },
    blocked() {
      wasBlocked = true;
    },
    blocking() {
      // A newer version wants to upgrade: let it, and reopen next time we need the database.
      db?.close();
      options.onClose?.('blocking');
    },
    terminated() {
      options.onClose?.('terminated');
    },
  });
  try {
    // Only the blocked case can wait forever; everything else settles quickly.
    db = await Promise.race([opening, blocked.catch((e) => (wasBlocked ? Promise.reject(e) : opening))]);
    return db;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new StorageError(
        'Your answers were saved by a newer version of Culture Pulse. Update the extension to read them; nothing was changed.',
      );
    }
    if (error instanceof StorageError) throw error;
    throw new StorageError(
      `Could not open your saved answers: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
