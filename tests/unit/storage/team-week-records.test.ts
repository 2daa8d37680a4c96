import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { openPulseDb } from '../../../src/storage/db';
import { listUnreadable } from '../../../src/storage/pulses';
import { listTeamWeekRecords } from '../../../src/storage/team-week-records';

const now = new Date(2026, 11, 3, 12);
const schema = z.strictObject({ teamId: z.string(), weekId: z.string(), n: z.number() });

describe('reading a store keyed by team and week', () => {
  for (const store of ['outbox', 'tokens'] as const) {
    it(`gives the ${store} records oldest week first, and sets aside, with the reason, what does not parse`, async () => {
      const db = await openPulseDb();
      await db.put(store, { teamId: 'squad', weekId: '2026-W49', n: 2 });
      await db.put(store, { teamId: 'squad', weekId: '2026-W48', n: 1 });
      await db.put(store, { teamId: 'apps', weekId: '2026-W47', n: 'three' });
      const { value, setAside } = await listTeamWeekRecords(db, store, schema, now);
      expect(value).toEqual([
        { teamId: 'squad', weekId: '2026-W48', n: 1 },
        { teamId: 'squad', weekId: '2026-W49', n: 2 },
      ]);
      expect(setAside).toBe(1);
      const aside = (await listUnreadable(db)).find((u) => u.store === store);
      expect(aside).toMatchObject({ key: 'apps/2026-W47', value: { n: 'three' }, foundAt: now.getTime() });
      expect(aside?.problem).toMatch(/^n: /);
      // Moved, not copied: the next read finds it gone from the store.
      expect((await listTeamWeekRecords(db, store, schema, now)).setAside).toBe(0);
      db.close();
    });
  }
});
