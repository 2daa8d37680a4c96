/** Released figures are computed once and kept; k changes and damaged records recompute them. */
import { describe, expect, it } from 'vitest';
import { releasedTeamWeeks, releasedWeek } from '../../src/server/releases';
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

describe('released figures', () => {
  it('are computed once, kept, and never change after release', async () => {
    const { store, next } = await filled();
    const t = team('platform');
    const first = await releasedTeamWeeks(store, t, clock);
    expect(first.map((w) => w.weekId)).toEqual(['2026-W40', '2026-W41', '2026-W46']);
    expect(first[2]?.released.responses).toBe(6);
    const kept = await store.teamWeeksWithKept('platform');
    expect(kept.filter((w) => w.kept).map((w) => w.weekId)).toEqual(['2026-W40', '2026-W41', '2026-W46']);
    // Written behind the API's back (the API refuses late submissions): the release stays as it was.
    await store.upsertSubmission(submission('platform', '2026-W46', next(), 1));
    expect(await releasedTeamWeeks(store, t, clock)).toEqual(first);
    expect((await releasedWeek(store, t, '2026-W46')).responses).toBe(6);
    await store.close();
  });

  it('are computed again for another k, and when a kept record is damaged', async () => {
    const { store } = await filled();
    await releasedTeamWeeks(store, team('platform'), clock);
    const stricter = await releasedTeamWeeks(store, team('platform', 7), clock);
    expect(stricter.every((w) => w.released.suppressed)).toBe(true);
    await store.keepReleased('platform', 7, [{ weekId: '2026-W41', figures: '{"broken":' }]);
    const again = await releasedWeek(store, team('platform', 7), '2026-W41');
    expect(again).toEqual({ responses: null, suppressed: true, questions: {}, themes: {} });
    await store.close();
  });

  it('keep to a range, computing many weeks in one pass', async () => {
    const store = openSqliteStore(':memory:');
    await store.createTeam(team('platform'));
    let n = 0;
    for (let w = 30; w <= 45; w++) {
      for (let p = 0; p < 5; p++) await store.upsertSubmission(submission('platform', `2026-W${w}`, ++n, 5));
    }
    const weeks = await releasedTeamWeeks(store, team('platform'), clock, { from: '2026-W32', to: '2026-W43' });
    expect(weeks.map((w) => w.weekId)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${32 + i}`));
    expect(weeks.every((w) => w.released.responses === 5)).toBe(true);
    expect((await store.teamWeeksWithKept('platform')).filter((w) => w.kept)).toHaveLength(12);
    await store.close();
  });
});
