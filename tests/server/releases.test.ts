/**
 * A release is a stored fact: the attacks a manager or operator could try with the server's
 * settings (a longer collection window, another k) and with writes behind the API's back all
 * find the released figures exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import { isWeekReleased, releaseAllDue, releasedTeamWeeks, releasedWeek } from '../../src/server/releases';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { submission, team } from './store-contract';

const clock = { now: new Date('2026-11-26T12:00:00Z'), collectionDays: 7 }; // W46 released, W47 collecting

async function filled() {
  const store = openSqliteStore(':memory:');
  await store.createTeam(team('platform'));
  let n = 0;
  for (const week of ['2026-W40', '2026-W41', '2026-W46', '2026-W47'] as const) {
    for (let p = 0; p < 6; p++) await store.upsertSubmission(submission('platform', week, ++n, 4));
  }
  return { store, next: () => ++n };
}

describe('releases', () => {
  it('store the figures the first time a released week is looked at, with the k used', async () => {
    const { store } = await filled();
    const first = await releasedTeamWeeks(store, team('platform'), clock);
    expect(first.map((w) => [w.weekId, w.k, w.released.responses])).toEqual([
      ['2026-W40', 5, 6],
      ['2026-W41', 5, 6],
      ['2026-W46', 5, 6],
    ]);
    expect((await store.teamReleases('platform')).map((r) => r.weekId)).toEqual(['2026-W40', '2026-W41', '2026-W46']);
    expect(await store.unreleasedWeeks('platform', '2026-W53')).toEqual(['2026-W47']);
    await store.close();
  });

  it('never reopen nor change when the collection window grows: a late answer cannot be read by difference', async () => {
    const { store, next } = await filled();
    const before = await releasedTeamWeeks(store, team('platform'), clock);
    const longer = { ...clock, collectionDays: 14 }; // the clock alone would call W46 collecting again
    expect(await isWeekReleased(store, team('platform'), longer, '2026-W46')).toBe(true);
    expect(await store.upsertSubmission(submission('platform', '2026-W46', next(), 1))).toBe('released');
    expect(await releasedTeamWeeks(store, team('platform'), longer)).toEqual(before);
    expect(await releasedWeek(store, team('platform'), longer, '2026-W46')).toEqual(before[2]);
    await store.close();
  });

  it('keep the k they were released under; a new k applies to weeks released after it', async () => {
    const { store } = await filled();
    const before = await releasedTeamWeeks(store, team('platform'), clock);
    const stricter = team('platform', 7);
    expect(await releasedTeamWeeks(store, stricter, clock)).toEqual(before);
    const w47 = await releasedWeek(store, stricter, { ...clock, now: new Date('2026-12-03T12:00:00Z') }, '2026-W47');
    expect(w47).toMatchObject({ weekId: '2026-W47', k: 7, released: { responses: null, suppressed: true } });
    // Looser later: W47 stays hidden, as released.
    const looser = team('platform', 3);
    expect(await releasedWeek(store, looser, { ...clock, now: new Date('2026-12-10T12:00:00Z') }, '2026-W47')).toEqual(
      w47,
    );
    await store.close();
  });

  it('recompute a damaged stored figure from the submissions under its own k, and store nothing new', async () => {
    const { store } = await filled();
    const before = await releasedTeamWeeks(store, team('platform'), clock);
    const damaged = Object.create(store) as typeof store;
    damaged.teamReleases = async (teamId, range) =>
      (await store.teamReleases(teamId, range)).map((r) => ({ ...r, figures: '{"broken":' }));
    expect(await releasedTeamWeeks(damaged, team('platform', 9), clock)).toEqual(before);
    await store.close();
  });

  it('are made for every team by the sweep, and only for weeks the clock has released', async () => {
    const { store } = await filled();
    await store.createTeam(team('apps'));
    for (let p = 0; p < 5; p++) await store.upsertSubmission(submission('apps', '2026-W45', 100 + p, 2));
    await releaseAllDue(store, clock);
    expect((await store.teamReleases('platform')).map((r) => r.weekId)).toEqual(['2026-W40', '2026-W41', '2026-W46']);
    expect((await store.teamReleases('apps')).map((r) => r.weekId)).toEqual(['2026-W45']);
    await store.close();
  });

  it('keep to a range', async () => {
    const store = openSqliteStore(':memory:');
    await store.createTeam(team('platform'));
    let n = 0;
    for (let w = 30; w <= 45; w++) {
      for (let p = 0; p < 5; p++) await store.upsertSubmission(submission('platform', `2026-W${w}`, ++n, 5));
    }
    const weeks = await releasedTeamWeeks(store, team('platform'), clock, { from: '2026-W32', to: '2026-W43' });
    expect(weeks.map((w) => w.weekId)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${32 + i}`));
    expect(weeks.every((w) => w.released.responses === 5)).toBe(true);
    await store.close();
  });
});
