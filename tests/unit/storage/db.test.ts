import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/platform/describe-error';
import { openPulseDb, StorageError, withPulseDb } from '../../../src/storage/db';
import { DB_VERSION, MIGRATIONS } from '../../../src/storage/migrations';
import { listOutbox, saveEntry } from '../../../src/storage/outbox';
import { listPulses, listUnreadable } from '../../../src/storage/pulses';
import { DB_NAME } from '../../../src/storage/schema';
import { listTokens, saveTokens } from '../../../src/storage/tokens';
import { samplePulse, waitingEntry } from '../core/samples';

/** What IndexedDB throws for a transaction on a closed connection (and not, say, on a missing store). */
const CLOSED = expect.objectContaining({ name: 'InvalidStateError' });

import { tokenRecord } from '../core/vote-samples';

const now = new Date(2026, 10, 26, 12);

describe('openPulseDb', () => {
  it('creates the current schema from nothing', async () => {
    const db = await openPulseDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['outbox', 'pulses', 'tokens', 'unreadable']);
    db.close();
  });

  it('upgrades every earlier version with its data intact', async () => {
    for (let version = 1; version < DB_VERSION; version++) {
      const name = `upgrade-from-${version}`;
      // An old database, made by the first `version` steps of the ladder (steps are never edited).
      const old = await openPulseDb({ name, version });
      await old.put('pulses', samplePulse('2026-W47'));
      await old.put('pulses', samplePulse('2026-W48', { comment: 'kept across the upgrade' }));
      await old.put('pulses', { weekId: '2026-W46', answers: 'an older, broken shape' });
      old.close();

      const db = await openPulseDb({ name });
      expect(db.version).toBe(DB_VERSION);
      const { value, setAside } = await listPulses(db, now);
      expect(value.map((p) => p.weekId)).toEqual(['2026-W48', '2026-W47']);
      expect(value[0]?.comment).toBe('kept across the upgrade');
      expect(setAside).toBe(1);
      expect((await listUnreadable(db))[0]?.value).toEqual({ weekId: '2026-W46', answers: 'an older, broken shape' });
      db.close();
    }
  });

  it('adds the tokens store to a version 3 database, keeping its outbox and pulses', async () => {
    const old = await openPulseDb({ name: 'from-3', version: 3 });
    expect([...old.objectStoreNames]).not.toContain('tokens');
    await old.put('pulses', samplePulse('2026-W47'));
    await saveEntry(old, waitingEntry('2026-W47'));
    old.close();
    const db = await openPulseDb({ name: 'from-3' });
    expect(db.version).toBe(4);
    expect((await listPulses(db, now)).value.map((p) => p.weekId)).toEqual(['2026-W47']);
    expect((await listOutbox(db, now)).value).toEqual([waitingEntry('2026-W47')]);
    expect((await listTokens(db, now)).value).toEqual([]);
    await saveTokens(db, [tokenRecord('2026-W48')]);
    expect((await listTokens(db, now)).value).toEqual([tokenRecord('2026-W48')]);
    db.close();
  });

  it('says so when the data was written by a newer version, and changes nothing', async () => {
    const newer = await openDB(DB_NAME, DB_VERSION + 1, {
      upgrade(db) {
        db.createObjectStore('pulses', { keyPath: 'weekId' });
      },
    });
    await newer.put('pulses', samplePulse('2026-W48'));
    newer.close();
    await expect(openPulseDb()).rejects.toThrow(/newer version of Culture Pulse/);
    const again = await openDB(DB_NAME);
    expect(again.version).toBe(DB_VERSION + 1);
    expect(await again.count('pulses')).toBe(1);
    again.close();
  });

  it('does not hang when another open page blocks the upgrade', async () => {
    const old = await openDB(DB_NAME, 1, {
      upgrade: (db) => void db.createObjectStore('pulses', { keyPath: 'weekId' }),
    });
    // `old` ignores versionchange, as an old page that never learned to close would.
    await expect(openPulseDb({ timeoutMs: 50 })).rejects.toThrow(StorageError);
    // Blocked, or still waiting behind the first attempt: either way the page says to close other tabs.
    const second = await openPulseDb({ timeoutMs: 50 }).catch((error: unknown) => error);
    expect(second).toMatchObject({ problem: expect.stringMatching(/^(blocked|slow)$/) });
    expect(describeError(second)).toMatch(/Close (its other tabs|other Culture Pulse tabs)/);
    old.close();
  });

  it('closes its own connection when a newer version needs to upgrade', async () => {
    let closedFor: string | undefined;
    const db = await openPulseDb({ onClose: (reason) => (closedFor = reason) });
    const newer = await openDB(DB_NAME, DB_VERSION + 1);
    expect(closedFor).toBe('blocking');
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    expect(() => db.transaction('pulses')).toThrow(CLOSED);
  });

  it('climbs a new database to the top of the ladder with every store the code reads', async () => {
    const db = await openPulseDb();
    expect(db.version).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual(['outbox', 'pulses', 'tokens', 'unreadable']);
    db.close();
  });
});

describe('withPulseDb', () => {
  it('closes the database after the work, and after a failure too', async () => {
    let kept: Awaited<ReturnType<typeof openPulseDb>> | undefined;
    const count = await withPulseDb(async (db) => {
      kept = db;
      return db.count('pulses');
    });
    expect(count).toBe(0);
    expect(() => kept?.transaction('pulses')).toThrow(CLOSED);
    await expect(
      withPulseDb(async (db) => {
        kept = db;
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(() => kept?.transaction('pulses')).toThrow(CLOSED);
  });
});
