/** The demo year: valid, the same every run, varied, with hidden weeks, and what the page needs. */
import { describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../src/core/aggregate';
import { releaseWeek } from '../../src/core/privacy';
import { submissionSchema } from '../../src/core/submission';
import { DEMO_NOTES, demoSubmissions, seedDemo } from '../../src/server/demo';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { team } from './store-contract';

const options = { teamId: 'demo', lastWeek: '2026-W47' as const };

describe('the demo team', () => {
  const subs = demoSubmissions(options);
  const weeks = [...new Set(subs.map((s) => s.weekId))].sort();

  it('is a year of valid submissions ending with the last closed week, the same every run', () => {
    expect(weeks).toHaveLength(52);
    expect(weeks.at(-1)).toBe('2026-W47');
    expect(weeks[0]).toBe('2025-W48');
    for (const s of subs) expect(submissionSchema.safeParse(s).success).toBe(true);
    expect(new Set(subs.map((s) => s.submissionId)).size).toBe(subs.length);
    expect(demoSubmissions(options)).toEqual(subs);
  });

  it('has hidden holiday weeks and shown weeks, and themes that move', () => {
    const released = weeks.map((w) => releaseWeek(aggregateWeek(subs.filter((s) => s.weekId === w)), 5));
    const hidden = released.filter((r) => r.suppressed).length;
    expect(hidden).toBeGreaterThanOrEqual(3);
    expect(hidden).toBeLessThan(10);
    const impact = released.map((r) => {
      const cell = r.themes.impact;
      return cell && !cell.suppressed ? cell.mean : undefined;
    });
    const mean = (xs: (number | undefined)[]) => {
      const shown = xs.filter((x): x is number => x !== undefined);
      return shown.reduce((a, b) => a + b, 0) / shown.length;
    };
    expect(mean(impact.slice(-10))).toBeGreaterThan(mean(impact.slice(0, 10)) + 0.4);
  });

  it('seeds a store with the year and the notes', async () => {
    const store = openSqliteStore(':memory:');
    await store.createTeam(team('demo'));
    expect(await seedDemo(store, options)).toEqual({ submissions: subs.length, weeks: 52 });
    expect(await store.teamWeeks('demo')).toEqual(weeks);
    expect((await store.teamNotes('demo')).map((n) => n.text)).toEqual(DEMO_NOTES.map((n) => n.text));
    await store.close();
  });
});
