import { describe, expect, it } from 'vitest';
import type { ReleasedWeek } from '../../../src/core/privacy';
import type { TrendWeek } from '../../../src/core/trends';
import {
  describeLatest,
  percent,
  plain,
  questionSeries,
  responsesSeries,
  themeSeries,
  weekStarts,
} from '../../../src/trends/chart-data';
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
    released: { responses: 7, suppressed: false, questions: {}, themes: { impact: shown(71), choice: shown(40) } },
  },
];

describe('what the trends page draws', () => {
  it('puts weeks on a time axis at their Monday', () => {
    expect(weekStarts(weeks).map((s) => new Date(s * 1000).getDay())).toEqual([1, 1, 1]);
  });

  it('gives every theme a value per week, null where hidden or not asked', () => {
    const [impact, choice, improvement] = themeSeries(weeks, 'favourablePct');
    expect(impact?.values).toEqual([50, null, 71]);
    expect(choice?.values).toEqual([null, null, 40]);
    expect(improvement?.values).toEqual([null, null, null]);
    expect(responsesSeries(weeks)[0]?.values).toEqual([6, null, 7]);
  });

  it('draws only statements asked in range', () => {
    expect(questionSeries(weeks, 'impact').map((s) => s.values)).toEqual([[50, null, null]]);
    expect(questionSeries(weeks, 'choice')).toEqual([]);
  });

  it('sums each line up in words for screen readers', () => {
    expect(describeLatest(themeSeries(weeks, 'favourablePct'), percent)).toBe(
      'Impact: latest 71%; Choice: latest 40%; Improvement: nothing shown',
    );
    fakeBrowser.current._state.i18n.language = 'de';
    expect(describeLatest(themeSeries(weeks, 'mean'), plain)).toBe(
      'Wirkung: zuletzt 3,5; Mitbestimmung: zuletzt 3,5; Weiterentwicklung: nichts angezeigt',
    );
  });
});
