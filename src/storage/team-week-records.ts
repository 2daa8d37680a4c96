/**
 * Reading a store keyed [teamId, weekId] (the outbox, the vote tokens): every record parsed, in one
 * transaction; a record that fails is moved to `unreadable` with the reason, never dropped. Oldest
 * week first.
 */
import type * as z from 'zod/mini';
import { describeIssues } from '../core/schemas';
import { compareWeekIds } from '../core/week';
import { abortQuietly, type PulseDb, queue } from './db';
import type { ReadResult } from './pulses';

type Key = [string, string];

export async function listTeamWeekRecords<T extends { readonly weekId: string }>(
  db: PulseDb,
  storeName: 'outbox' | 'tokens',
  schema: z.ZodMiniType<T>,
  now: Date,
): Promise<ReadResult<T[]>> {
  const tx = db.transaction([storeName, 'unreadable'], 'readwrite', { durability: 'strict' });
  try {
    const store = tx.objectStore(storeName);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    const good: T[] = [];
    let setAside = 0;
    values.forEach((value, i) => {
      const key = keys[i] as Key;
      const parsed = schema.safeParse(value);
      if (parsed.success) {
        good.push(parsed.data);
        return;
      }
      setAside++;
      const problem = describeIssues(parsed.error);
      queue(
        tx
          .objectStore('unreadable')
          .add({ store: storeName, key: key.map(String).join('/'), value, problem, foundAt: now.getTime() }),
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
