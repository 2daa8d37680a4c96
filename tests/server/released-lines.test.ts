/**
 * Kept CSV lines give exactly the text built from the releases, and are built again whenever
 * anything they depend on changed: the name, a newly released week, a damaged record. A new k
 * changes nothing already released, so it changes no kept line either.
 */
import { describe, expect, it } from 'vitest';
import { trendLineWriter, trendTracker } from '../../src/core/trends';
import type { WeekId } from '../../src/core/week';
import type { KeptLines, LinesCache } from '../../src/server/lines-cache';
import { releasedTeamLines, teamLinesKey } from '../../src/server/released-lines';
import { type ReleaseClock, releasedTeamWeeks } from '../../src/server/releases';
import { openSqliteStore } from '../../src/server/sqlite-store';
import type { Store, Team } from '../../src/server/store';
import { submission, team } from './store-contract';

const W46_RELEASED: ReleaseClock = { now: new Date('2026-11-26T12:00:00Z'), collectionDays: 7 }; // W47 collecting
const W47_RELEASED: ReleaseClock = { now: new Date('2026-12-03T12:00:00Z'), collectionDays: 7 };

/** Weeks 40–47 with varied answers; 43 below k (suppressed), 42 with nobody. */
async function filled() {
  const store = openSqliteStore(':memory:');
  await store.createTeam(team('platform'));
  let n = 0;
  for (let w = 40; w <= 47; w++) {
    const people = w === 43 ? 3 : w === 42 ? 0 : 5 + (w % 3);
    for (let p = 0; p < people; p++) {
      await store.upsertSubmission(submission('platform', `2026-W${w}`, ++n, (((p + w) % 5) + 1) as 1));
    }
  }
  return store;
}

/** How many times lines were built (kept) through this store. */
function counting(store: Store): { store: Store; builds: () => number } {
  let builds = 0;
  const counted: Store = Object.create(store);
  Object.defineProperty(counted, 'lines', {
    value: {
      kept: (teamId: string) => store.lines.kept(teamId),
      keep: (teamId: string, through: WeekId, lines: KeptLines) => {
        builds++;
        return store.lines.keep(teamId, through, lines);
      },
    } satisfies LinesCache,
  });
  return { store: counted, builds: () => builds };
}

/** The CSV text as the line writer makes it from the released figures, without anything kept. */
async function expected(store: Store, t: Team, clock: ReleaseClock, range: { from?: WeekId; to?: WeekId } = {}) {
  const track = trendTracker();
  const line = trendLineWriter({ team: t.name, kind: t.kind });
  let text = '';
  for (const week of await releasedTeamWeeks(store, t, clock, { to: range.to })) {
    const rows = track(week);
    if (!range.from || week.weekId >= range.from) for (const row of rows) text += line(row);
  }
  return text;
}

describe('kept CSV lines', () => {
  it('give the same text as building it, and are built once', async () => {
    const { store, builds } = counting(await filled());
    const t = team('platform');
    const first = await releasedTeamLines(store, t, W46_RELEASED);
    expect(builds()).toBe(1);
    const want = await expected(store, t, W46_RELEASED);
    expect(first).toBe(want);
    expect(want).toContain('2026-W43'); // the suppressed week's rows are kept too
    expect(want).not.toContain('2026-W47');
    const again = await releasedTeamLines(store, t, W46_RELEASED);
    expect(builds()).toBe(1);
    expect(again).toBe(want);
    // Kept with each week's end (the name has accents) at the end of one of its lines.
    const kept = await store.lines.kept('platform');
    expect(kept?.weeks).toEqual(['2026-W40', '2026-W41', '2026-W43', '2026-W44', '2026-W45', '2026-W46']);
    const ends = kept?.ends ?? [];
    expect(ends.at(-1)).toBe(want.length);
    for (const end of ends) expect(want.slice(end - 2, end)).toBe('\r\n');
    await store.close();
  });

  it('are built again for a new name and a newly released week, never for a new k', async () => {
    const { store, builds } = counting(await filled());
    const first = await releasedTeamLines(store, team('platform'), W46_RELEASED);
    const renamed = { ...team('platform'), name: '=Renamed, "team"' };
    expect(await releasedTeamLines(store, renamed, W46_RELEASED)).toBe(await expected(store, renamed, W46_RELEASED));
    expect(builds()).toBe(2);
    // Released weeks keep the k they were released under: a stricter k hides nothing already out.
    const stricter = { ...team('platform'), k: 8 };
    expect(await releasedTeamLines(store, stricter, W46_RELEASED)).toBe(first);
    expect(builds()).toBe(3);
    expect(await releasedTeamLines(store, stricter, W46_RELEASED)).toBe(first);
    expect(builds()).toBe(3);
    // W47 (seven people) is released under the new k: hidden.
    const later = await releasedTeamLines(store, stricter, W47_RELEASED);
    expect(later.startsWith(first)).toBe(true);
    expect(later).toBe(await expected(store, stricter, W47_RELEASED));
    expect(
      later
        .split('\r\n')
        .filter((l) => l.includes('2026-W47'))
        .every((l) => l.endsWith(',true,open team: one person could answer more than once')),
    ).toBe(true);
    expect(builds()).toBe(4);
    expect(teamLinesKey(team('platform'))).toBe(teamLinesKey(team('platform', 8)));
    await store.close();
  });

  it('stay when a released week is written to, and are built again when an older week is released late', async () => {
    const { store, builds } = counting(await filled());
    const t = team('platform');
    const first = await releasedTeamLines(store, t, W46_RELEASED);
    // A released week refuses even a write behind the API's back.
    expect(await store.upsertSubmission(submission('platform', '2026-W44', 901, 1))).toBe('released');
    expect(await releasedTeamLines(store, t, W46_RELEASED)).toBe(first);
    expect(builds()).toBe(1);
    // W42 had no answers, so nothing was released; written behind the API's back (the API refuses it
    // by the clock), its release comes after the kept weeks' and counts.
    await store.upsertSubmission(submission('platform', '2026-W42', 900, 5));
    const withW42 = await releasedTeamLines(store, t, W46_RELEASED);
    expect(withW42).toBe(await expected(store, t, W46_RELEASED));
    expect(withW42).toContain('2026-W42');
    expect(builds()).toBe(2);
    // A week after the kept ones that is not released yet changes nothing.
    await store.upsertSubmission(submission('platform', '2026-W48', 902, 1));
    await releasedTeamLines(store, t, W46_RELEASED);
    expect(builds()).toBe(2);
    await store.close();
  });

  it('keep every released week when the collection window grows later, without building', async () => {
    const { store, builds } = counting(await filled());
    const t = team('platform');
    const first = await releasedTeamLines(store, t, W46_RELEASED);
    const longer = { ...W46_RELEASED, collectionDays: 12 }; // the clock alone would call W46 collecting
    const same = await releasedTeamLines(store, t, longer);
    expect(same).toBe(first);
    expect(same).toContain('2026-W46');
    expect(builds()).toBe(1);
    await store.close();
  });

  it('serve a range from the lines of every week, the change column still against earlier weeks', async () => {
    const { store, builds } = counting(await filled());
    const t = team('platform');
    const range = { from: '2026-W44', to: '2026-W45' } as const;
    // Built for the range first (kept up to W45), then a whole export builds them again (to W46).
    const ranged = await releasedTeamLines(store, t, W46_RELEASED, range);
    expect(ranged).toBe(await expected(store, t, W46_RELEASED, range));
    expect(ranged.split('\r\n').some((line) => /2026-W44,.*,-?\d+,false,open team/.test(line))).toBe(true);
    expect(await releasedTeamLines(store, t, W46_RELEASED)).toBe(await expected(store, t, W46_RELEASED));
    expect(builds()).toBe(2);
    // Now every range is served from what is kept.
    const ranges: { from?: WeekId; to?: WeekId }[] = [
      range,
      { from: '2026-W46' },
      { to: '2026-W40' },
      { from: '2026-W47' },
      { to: '2026-W39' },
    ];
    for (const r of ranges) {
      expect(await releasedTeamLines(store, t, W46_RELEASED, r)).toBe(await expected(store, t, W46_RELEASED, r));
    }
    expect(builds()).toBe(2);
    await store.close();
  });

  it('are built again when the kept record does not check out', async () => {
    const raw = await filled();
    const { store, builds } = counting(raw);
    const t = team('platform');
    const want = await expected(store, t, W46_RELEASED);
    await releasedTeamLines(store, t, W46_RELEASED);
    const good = await store.lines.kept('platform');
    if (!good) throw new Error('nothing kept');
    const { lines, ends } = good;
    const damaged: KeptLines[] = [
      { ...good, lines: lines.slice(0, -1) },
      { ...good, lines: `${lines}x\r\n` },
      { ...good, ends: ends.map((end, i) => (i === 2 ? end - 1 : end)) },
      { ...good, ends: ends.slice(1) },
      { ...good, ends: [...ends, lines.length] },
      { ...good, weeks: good.weeks.map((w) => (w === '2026-W41' ? '2026-W42' : w)) },
      { ...good, weeks: [...good.weeks].reverse() },
      { ...good, lines: lines.replaceAll('2026-W44', '2026-W45') },
      { ...good, lines: lines.replace(/^[^,]+,[^,]+,/, 'Someone else,') },
      { ...good, key: teamLinesKey({ name: 'Someone else', kind: 'open' }) },
    ];
    for (const [i, kept] of damaged.entries()) {
      await raw.lines.keep('platform', '2026-W46', kept);
      expect(await releasedTeamLines(store, t, W46_RELEASED)).toBe(want);
      expect(builds()).toBe(i + 2);
    }
    expect(builds()).toBe(damaged.length + 1);
    await store.close();
  });

  it('are empty for a team with no released week, and nothing is kept', async () => {
    const store = openSqliteStore(':memory:');
    await store.createTeam(team('new'));
    await store.upsertSubmission(submission('new', '2026-W47', 1));
    const none = await releasedTeamLines(store, team('new'), W46_RELEASED);
    expect(none).toHaveLength(0);
    expect(await store.lines.kept('new')).toBeNull();
    await store.close();
  });
});
