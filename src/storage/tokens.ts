/**
 * The `tokens` store: a personal team's vote token for each week (see core/vote-token-record).
 * Writes are parsed before they are written; reads are parsed, and a record that fails is moved to
 * `unreadable` with the reason, never dropped. Kept when the engineer leaves or deletes their
 * answers: they hold no answer, and a request kept here must be the one asked for again on rejoining.
 */
import { describeIssues } from '../core/schemas';
import { type TokenRecord, tokenRecordSchema } from '../core/vote-token-record';
import { compareWeekIds } from '../core/week';
import { abortQuietly, type PulseDb, queue } from './db';
import type { ReadResult } from './pulses';

type Key = [string, string];

export async function listTokens(db: PulseDb, now: Date): Promise<ReadResult<TokenRecord[]>> {
  const tx = db.transaction(['tokens', 'unreadable'], 'readwrite', { durability: 'strict' });
  try {
    const store = tx.objectStore('tokens');
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    const good: TokenRecord[] = [];
    let setAside = 0;
    values.forEach((value, i) => {
      const key = keys[i] as Key;
      const parsed = tokenRecordSchema.safeParse(value);
      if (parsed.success) {
        good.push(parsed.data);
        return;
      }
      setAside++;
      const problem = describeIssues(parsed.error);
      queue(
        tx
          .objectStore('unreadable')
          .add({ store: 'tokens', key: key.join('/'), value, problem, foundAt: now.getTime() }),
      );
      queue(store.delete(key));
    });
    await tx.done;
    good.sort((a, b) => compareWeekIds(a.weekId, b.weekId));
    return { value: good, setAside };
  } catch (error) {
    abortQuietly(tx);
    throw error;
  }
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
