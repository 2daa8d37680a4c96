import { describe, expect, it } from 'vitest';
import type { ReleasedWeek } from '../../../src/core/privacy';
import type { TrendWeek } from '../../../src/core/trends';
import { percent, themeChart, themeWeek, trendRadius, weekLabels } from '../../../src/trends/chart-data';
import { fakeBrowser } from '../fake-browser';

const shown = (fav: number) =>
  ({
    suppressed: false,
    responses: 6,
    mean: 3.5,
    favourablePct: fav,
    neutralPct: 0,
    unfavourablePct: 100 - fav,
  }) as const;
const hiddenWeek: ReleasedWeek = { responses: null, suppressed: true, questions: {}, themes: {} };
const weeks: TrendWeek[] = [
  {
    weekId: '2026-W44' as const,
    released: { responses: 6, suppressed: false, questions: {}, themes: { impact: shown(40) } },
  },
  {
    weekId: '2026-W45' as const,
    released: {
      responses: 6,
      suppressed: false,
      questions: { 'impact-customers': shown(50) },
      themes: { impact: shown(50) },
    },
  },
  { weekId: '2026-W46' as const, released: hiddenWeek },
  {
    weekId: '2026-W47' as const,
    released: {
      responses: 7,
      suppressed: false,
      questions: {},
      themes: { impact: shown(71), choice: { suppressed: true, reason: 'fewer than 5 responses' } },
    },
  },
];

describe('what the trends page draws', () => {
  it('tells a week hidden below k apart from one that did not ask the theme', () => {
    expect(themeWeek(weeks[3] as TrendWeek, 'impact').kind).toBe('shown');
    expect(themeWeek(weeks[3] as TrendWeek, 'choice').kind).toBe('hidden');
    expect(themeWeek(weeks[2] as TrendWeek, 'choice').kind).toBe('hidden');
    expect(themeWeek(weeks[3] as TrendWeek, 'improvement').kind).toBe('not-asked');
  });

  it('gives a theme its values in range, the hidden weeks, and a trend that leans on the weeks before', () => {
    const chart = themeChart(weeks, 1, 'impact');
    expect(chart.values).toEqual([50, null, 71]);
    expect(chart.hidden).toEqual([1]);
    // W45's trend is the mean of W44 (out of range), W45 and the hidden W46 (left out).
    expect(chart.trend).toEqual([45, 60.5, 71]);
    expect(chart.weeks.map((w) => w.kind)).toEqual(['shown', 'hidden', 'shown']);
  });

  it('smooths over more weeks in the long view', () => {
    expect(trendRadius(8)).toBe(1);
    expect(trendRadius(52)).toBe(2);
  });

  it('labels each week by its Monday, in the page’s language, never with a clock time', () => {
    expect(weekLabels(weeks)).toEqual(['Oct 26', 'Nov 2', 'Nov 9', 'Nov 16']);
    fakeBrowser.current._state.i18n.language = 'de';
    expect(weekLabels(weeks.slice(3))).toEqual(['16. Nov.']);
    expect(percent(71)).toBe('71 %');
  });
});
