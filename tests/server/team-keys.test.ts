/** A personal team's week keys are made ahead, once: a key kept is the key for good. */
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { ensureAllWeekKeys, ensureWeekKeys, publishedWeeks, weekKey } from '../../src/server/team-keys';
import { team } from './store-contract';

describe('week keys made ahead', () => {
  it('publishes last week through twelve weeks ahead', () => {
    expect(publishedWeeks(new Date('2026-11-26T12:00:00Z'))).toEqual({ from: '2026-W47', to: '2027-W07' });
  });

  it('makes only the missing keys and never replaces one', async () => {
    const store = openSqliteStore(':memory:');
    await store.createTeam(team('squad', 5, 'personal'));
    const w48 = await weekKey(store, team('squad', 5, 'personal'), '2026-W48');
    const keys = await ensureWeekKeys(store, team('squad', 5, 'personal'), '2026-W47', '2026-W49');
    expect(keys.map((k) => k.weekId)).toEqual(['2026-W47', '2026-W48', '2026-W49']);
    expect(keys[1]).toEqual(w48);
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(3);
    expect(await ensureWeekKeys(store, team('squad', 5, 'personal'), '2026-W47', '2026-W49')).toEqual(keys);
    await store.close();
  });

  it('makes a quarter’s keys for personal teams only', async () => {
    const store = openSqliteStore(':memory:');
    await store.createTeam(team('squad', 5, 'personal'));
    await store.createTeam(team('open'));
    await ensureAllWeekKeys(store, new Date('2026-11-26T12:00:00Z'));
    expect(await store.weekKeys('squad', '2026-W01', '2027-W52')).toHaveLength(14);
    expect(await store.weekKeys('open', '2026-W01', '2027-W52')).toEqual([]);
    await store.close();
  });
});
