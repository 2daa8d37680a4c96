/**
 * The `tokens` store: a personal team's vote token for each week (see core/vote-token-record).
 * Writes are parsed before they are written; reads are parsed, and a record that fails is moved to
 * `unreadable` with the reason, never dropped. Kept when the engineer leaves or deletes their
 * answers: they hold no answer, and a request kept here must be the one asked for again on rejoining.
 */
import { type TokenRecord, tokenRecordSchema } from '../core/vote-token-record';
import { abortQuietly, type PulseDb, queue } from './db';
import type { ReadResult } from './pulses';
import { listTeamWeekRecords } from './team-week-records';

export function listTokens(db: PulseDb, now: Date): Promise<ReadResult<TokenRecord[]>> {
  return listTeamWeekRecords(db, 'tokens', tokenRecordSchema, now);
}

/** Write records (new or changed) in one transaction: all or none. */
export async function saveTokens(db: PulseDb, records: readonly TokenRecord[]): Promise<void> {
  if (records.length === 0) return;
  const valid = records.map((r) => tokenRecordSchema.parse(r));
  const tx = db.transaction('tokens', 'readwrite', { durability: 'strict' });
  try {
    for (const record of valid) queue(tx.store.put(record));
    await tx.done;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}

/**
 * Change every parseable record of a team that `change` maps to something new, in one
 * transaction; returning the record itself leaves it alone.
 */
export async function updateTeamTokens(
  db: PulseDb,
  teamId: string,
  change: (record: TokenRecord) => TokenRecord,
): Promise<void> {
  const tx = db.transaction('tokens', 'readwrite', { durability: 'strict' });
  try {
    let cursor = await tx.store.openCursor(IDBKeyRange.bound([teamId, ''], [teamId, '\uffff']));
    while (cursor) {
      const parsed = tokenRecordSchema.safeParse(cursor.value);
      if (parsed.success) {
        const next = change(parsed.data);
        if (next !== parsed.data) queue(cursor.update(tokenRecordSchema.parse(next)));
      }
      cursor = await cursor.continue();
    }
    await tx.done;
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
}
