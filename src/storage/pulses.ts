/**
 * The `pulses` store: one record per ISO week. Every write is one readwrite transaction with
 * durability 'strict' (an answer the popup shows as saved is on disk), and awaits nothing but the
 * transaction's own requests. Every record read and every record written goes through the
 * hand-checked reader (core/pulse-record: the popup loads no zod); a record that fails is moved to
 * the `unreadable` store and reported, never silently dropped. Records from outside (an import)
 * are zod-parsed where they come in.
 */
import { checkPulseRecord } from '../core/pulse-record';
import type { PulseRecord } from '../core/schemas';
import { compareWeekIds, type WeekId } from '../core/week';
import { abortQuietly, type PulseDb, queue } from './db';
import type { UnreadableRecord } from './schema';

export interface ReadResult<T> {
  readonly value: T;
  /** How many stored records could not be read and were set aside. */
  readonly setAside: number;
}

const parseStored = checkPulseRecord;

/** The record as it will be stored, or an error: a bug must not store a record we could not read back. */
function checked(record: PulseRecord): PulseRecord {
  const result = checkPulseRecord(record);
  if (!result.ok) throw new TypeError(`Refusing to store an invalid record:\n${result.problem}`);
  return result.record;
}

function unreadable(key: string, value: unknown, problem: string, now: number): UnreadableRecord {
  return { store: 'pulses', key, value, problem, foundAt: now };
}

export async function readPulse(db: PulseDb, weekId: WeekId, now: Date): Promise<ReadResult<PulseRecord | undefined>> {
  const value = await db.get('pulses', weekId);
  if (value === undefined) return { value: undefined, setAside: 0 };
  const parsed = parseStored(value);
  if (parsed.ok) return { value: parsed.record, setAside: 0 };
  await setAside(db, [[weekId, value, parsed.problem]], now);
  return { value: undefined, setAside: 1 };
}

export async function listPulses(db: PulseDb, now: Date): Promise<ReadResult<PulseRecord[]>> {
  const tx = db.transaction('pulses', 'readonly');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  const good: PulseRecord[] = [];
  const bad: [string, unknown, string][] = [];
  values.forEach((value, i) => {
    const parsed = parseStored(value);
    if (parsed.ok) good.push(parsed.record);
    else bad.push([String(keys[i]), value, parsed.problem]);
  });
  if (bad.length > 0) await setAside(db, bad, now);
  good.sort((a, b) => compareWeekIds(b.weekId, a.weekId));
  return { value: good, setAside: bad.length };
}

/**
 * Move unreadable records out of `pulses`, keeping them whole in `unreadable`, in one transaction.
 * Each key is read again inside it: another page may have replaced the bad record with a good one
 * since it was read, and that one must stay.
 */
async function setAside(db: PulseDb, records: readonly [string, unknown, string][], now: Date): Promise<void> {
  const tx = db.transaction(['pulses', 'unreadable'], 'readwrite', { durability: 'strict' });
  try {
    for (const [key] of records) {
      const current = await tx.objectStore('pulses').get(key);
      if (current === undefined) continue;
      const parsed = parseStored(current);
      if (parsed.ok) continue;
      queue(tx.objectStore('unreadable').add(unreadable(key, current, parsed.problem, now.getTime())));
      queue(tx.objectStore('pulses').delete(key));
    }
    await tx.done;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}

/**
 * Read-modify-write one week's record in a single strict transaction. `create` makes the record
 * when the week has none (or only an unreadable one, which is set aside first).
 */
export async function updatePulse(
  db: PulseDb,
  weekId: WeekId,
  create: () => PulseRecord,
  change: (record: PulseRecord) => PulseRecord,
  now: Date,
): Promise<PulseRecord> {
  const tx = db.transaction(['pulses', 'unreadable'], 'readwrite', { durability: 'strict' });
  try {
    const pulses = tx.objectStore('pulses');
    const stored = await pulses.get(weekId);
    let current: PulseRecord;
    if (stored === undefined) {
      current = create();
    } else {
      const parsed = parseStored(stored);
      if (parsed.ok) {
        current = parsed.record;
      } else {
        queue(tx.objectStore('unreadable').add(unreadable(weekId, stored, parsed.problem, now.getTime())));
        current = create();
      }
    }
    // Validate before writing: a bug must not store a record we could not read back.
    const next = checked({ ...change(current), updatedAt: now.getTime() });
    queue(pulses.put(next));
    await tx.done;
    return next;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}

export async function listUnreadable(db: PulseDb): Promise<UnreadableRecord[]> {
  return db.getAll('unreadable');
}

/** Delete everything this extension stored about the engineer's answers. */
export async function deleteAllPulses(db: PulseDb): Promise<void> {
  const tx = db.transaction(['pulses', 'unreadable', 'outbox'], 'readwrite', { durability: 'strict' });
  queue(tx.objectStore('pulses').clear());
  queue(tx.objectStore('unreadable').clear());
  // The outbox holds copies of closed weeks' scores: they go too (what was sent stays on the endpoint).
  queue(tx.objectStore('outbox').clear());
  await tx.done;
}

/**
 * Write an import's records in one transaction: all of them land or none do. `plan` sees what is
 * stored now (parsed) inside the same transaction, so nothing changes between deciding and writing.
 */
export async function writeImport<P extends { writes: PulseRecord[] }>(
  db: PulseDb,
  plan: (existing: PulseRecord[]) => P,
  now: Date,
): Promise<P> {
  const tx = db.transaction(['pulses', 'unreadable'], 'readwrite', { durability: 'strict' });
  try {
    const pulses = tx.objectStore('pulses');
    const [keys, values] = await Promise.all([pulses.getAllKeys(), pulses.getAll()]);
    const existing: PulseRecord[] = [];
    values.forEach((value, i) => {
      const parsed = parseStored(value);
      if (parsed.ok) existing.push(parsed.record);
      else {
        // Set aside (and out of `pulses`) before an imported week could overwrite it.
        queue(tx.objectStore('unreadable').add(unreadable(String(keys[i]), value, parsed.problem, now.getTime())));
        queue(pulses.delete(String(keys[i])));
      }
    });
    const result = plan(existing);
    for (const record of result.writes) queue(pulses.put(checked(record)));
    await tx.done;
    return result;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}
