/**
 * The `outbox` store: one entry per team and closed week (see core/outbox-entry). Writes are strict
 * and parsed before they are written; reads are parsed, and an entry that fails is moved to
 * `unreadable` with the reason, never dropped.
 */

import { type OutboxEntry, outboxEntrySchema } from '../core/outbox-entry';
import { abortQuietly, type PulseDb, queue } from './db';
import type { ReadResult } from './pulses';
import { listTeamWeekRecords } from './team-week-records';

export function listOutbox(db: PulseDb, now: Date): Promise<ReadResult<OutboxEntry[]>> {
  return listTeamWeekRecords(db, 'outbox', outboxEntrySchema, now);
}

/**
 * Add entries for weeks that have none yet, in one transaction; an existing entry (whatever its
 * state) is left alone, so a week is queued once and its scores are drawn once. Returns how many were added.
 */
export async function queueWeeks(db: PulseDb, entries: readonly OutboxEntry[]): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  try {
    let added = 0;
    for (const entry of entries) {
      const valid = outboxEntrySchema.parse(entry);
      if ((await tx.store.getKey([valid.teamId, valid.weekId])) !== undefined) continue;
      queue(tx.store.add(valid));
      added++;
    }
    await tx.done;
    return added;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}

export async function saveEntry(db: PulseDb, entry: OutboxEntry): Promise<void> {
  await db.put('outbox', outboxEntrySchema.parse(entry));
}

/**
 * Change every parseable entry of a team that `change` maps to something new, in one transaction;
 * `change` returns undefined to delete an entry, or the entry itself to leave it alone.
 */
export async function updateTeamEntries(
  db: PulseDb,
  teamId: string,
  change: (entry: OutboxEntry) => OutboxEntry | undefined,
): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  try {
    const range = IDBKeyRange.bound([teamId, ''], [teamId, '\uffff']);
    let cursor = await tx.store.openCursor(range);
    while (cursor) {
      const parsed = outboxEntrySchema.safeParse(cursor.value);
      if (parsed.success) {
        const next = change(parsed.data);
        if (next === undefined) queue(cursor.delete());
        else if (next !== parsed.data) queue(cursor.update(outboxEntrySchema.parse(next)));
      }
      cursor = await cursor.continue();
    }
    await tx.done;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}
