import { describe, expect, it } from 'vitest';
import { latestFigures } from '../../../src/core/latest-figures';
import type { Cell, ReleasedWeek } from '../../../src/core/privacy';
import { pulseForWeek } from '../../../src/core/rotation';
import type { TrendWeek } from '../../../src/core/trends';

const shown = (fav: number): Cell => ({
  suppressed: false,
  responses: 6,
  mean: 3.5,
  favourablePct: fav,
  neutralPct: 0,
  unfavourablePct: 100 - fav,
});
const hidden: Cell = { suppressed: true, reason: 'fewer than 5 responses' };
const hiddenWeek: ReleasedWeek = { responses: null, suppressed: true, questions: {}, themes: {} };
const weeks: TrendWeek[] = [
  {
    weekId: '2026-W44',
    released: {
      responses: 6,
      suppressed: false,
      questions: { 'impact-customers': shown(50), 'choice-solution': shown(70) },
      themes: { impact: shown(50), choice: shown(70) },
    },
  },
  { weekId: '2026-W45', released: hiddenWeek },
  {
    weekId: '2026-W46',
    released: {
      responses: 7,
      suppressed: false,
      questions: { 'impact-customers': hidden, 'impact-outcome': shown(62), 'choice-solution': hidden },
      themes: { impact: shown(62), choice: hidden },
    },
  },
];

describe('the latest figures of each theme and statement', () => {
  it('compares with the last week it was shown, naming it, past hidden weeks', () => {
    const { themes } = latestFigures(weeks);
    expect(themes.get('impact')).toEqual({ weekId: '2026-W46', cell: shown(62), change: 12, since: '2026-W44' });
  });

  it('says a figure hidden now is hidden, with no change', () => {
    const { themes, questions } = latestFigures(weeks);
    // W45, hidden whole, asked choice too: the week before the latest is still W44, the last shown.
    expect(themes.get('choice')).toEqual({ weekId: '2026-W46', cell: hidden, change: null, since: '2026-W44' });
    expect(questions.get('impact-customers')?.cell).toEqual(hidden);
  });

  it('counts a week hidden whole as asking its pulse’s statements, all hidden', () => {
    const { questions } = latestFigures(weeks.slice(0, 2));
    for (const q of pulseForWeek('2026-W45').questions) {
      expect(questions.get(q.id)?.weekId, q.id).toBe('2026-W45');
      expect(questions.get(q.id)?.cell.suppressed, q.id).toBe(true);
    }
  });

  it('has no change the first time a figure is shown', () => {
    expect(latestFigures(weeks.slice(0, 1)).themes.get('impact')?.change).toBeNull();
    expect(latestFigures([]).themes.size).toBe(0);
  });
});
