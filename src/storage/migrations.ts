/**
 * The IndexedDB migration ladder: step i upgrades a database from version i to i + 1. A step is
 * never edited once released; a change of shape is a new step at the end. Steps only touch the
 * upgrade transaction they are given.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { PulseDbSchema } from './schema';

type UpgradeDb = IDBPDatabase<PulseDbSchema>;
type UpgradeTx = IDBPTransaction<PulseDbSchema, ('pulses' | 'unreadable' | 'outbox' | 'tokens')[], 'versionchange'>;
export type Migration = (db: UpgradeDb, tx: UpgradeTx) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1 (0.1.0): one record per ISO week, keyed by its week id.
  (db) => {
    db.createObjectStore('pulses', { keyPath: 'weekId' });
  },
  // 1 → 2 (0.1.0): records that fail validation are moved aside here, never dropped.
  (db) => {
    db.createObjectStore('unreadable', { autoIncrement: true });
  },
  // 2 → 3 (0.2.0): the team-sync outbox, one entry per team and closed week.
  (db) => {
    db.createObjectStore('outbox', { keyPath: ['teamId', 'weekId'] });
  },
  // 3 → 4: a personal team's weekly vote tokens, one per team and week.
  (db) => {
    db.createObjectStore('tokens', { keyPath: ['teamId', 'weekId'] });
  },
];

export const DB_VERSION = MIGRATIONS.length;
