import { describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../../src/core/aggregate';
import { releaseWeek } from '../../../src/core/privacy';
import { releasedTrendWeeks, teamWeeksSchema } from '../../../src/core/team-weeks';
import { scored } from './samples';

const shown = releaseWeek(
  aggregateWeek(Array.from({ length: 6 }, (_, i) => scored(i + 1, { 'impact-customers': 4 }))),
  5,
);

describe('the team weeks answer', () => {
  const answer = {
    teamId: 'platform',
    name: 'Platform',
    k: 5,
    weeks: [
      { weekId: '2026-W47', status: 'collecting', releasesAt: '2026-12-07T12:00:00.000Z' },
      { weekId: '2026-W46', status: 'released', k: 5, ...shown },
      { weekId: '2026-W45', status: 'released', k: 5, responses: null, suppressed: true, questions: {}, themes: {} },
    ],
  };

  it('parses what the endpoint sends, and gives the released weeks oldest first', () => {
    const parsed = teamWeeksSchema.parse(answer);
    expect(releasedTrendWeeks(parsed.weeks).map((w) => w.weekId)).toEqual(['2026-W45', '2026-W46']);
  });

  it('refuses figures out of range, unknown themes and extra fields', () => {
    const week = answer.weeks[1] as (typeof answer.weeks)[1] & { themes: object };
    for (const bad of [
      {
        ...week,
        themes: {
          impact: { suppressed: false, responses: 6, mean: 9, favourablePct: 1, neutralPct: 1, unfavourablePct: 1 },
        },
      },
      { ...week, themes: { morale: { suppressed: true, reason: 'x' } } },
      { ...week, extra: 1 },
      { ...week, status: 'published' },
    ]) {
      expect(teamWeeksSchema.safeParse({ ...answer, weeks: [bad] }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
