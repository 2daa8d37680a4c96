import { describe, expect, it } from 'vitest';
import { latestFigures } from '../../../src/core/latest-figures';
import type { ReleasedWeek } from '../../../src/core/privacy';
import { pulseForWeek } from '../../../src/core/rotation';
import type { TrendWeek } from '../../../src/core/trends';
import { statementRows } from '../../../src/trends/statement-rows';

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
    weekId: '2026-W44',
    released: { responses: 6, suppressed: false, questions: { 'impact-customers': shown(40) }, themes: {} },
  },
  { weekId: '2026-W45', released: hiddenWeek },
  {
    weekId: '2026-W46',
    released: { responses: 6, suppressed: false, questions: { 'impact-customers': shown(55) }, themes: {} },
  },
];

describe('the statements table’s rows', () => {
  it('gives each statement its latest figure, change, the week compared with and the week last asked', () => {
    const rows = statementRows(latestFigures(weeks).questions, weeks);
    const customers = rows.find((r) => r.id === 'impact-customers');
    expect(customers).toMatchObject({
      theme: 'impact',
      latest: 55,
      change: 15,
      since: '2026-W44',
      lastAsked: '2026-W46',
      text: 'I can see how my work helps our customers.',
    });
  });

  it('marks the times a statement was hidden, including weeks hidden whole, on its small line', () => {
    const rows = statementRows(latestFigures(weeks).questions, weeks);
    const askedInHidden = pulseForWeek('2026-W45').questions.map((q) => q.id);
    for (const id of askedInHidden) {
      const row = rows.find((r) => r.id === id);
      expect(row?.points, id).toContainEqual({ index: 1, value: null });
    }
    expect(rows.find((r) => r.id === 'impact-customers')?.points).toContainEqual({ index: 2, value: 55 });
  });

  it('has no figure for a statement hidden the last time it was asked', () => {
    const rows = statementRows(latestFigures(weeks.slice(0, 2)).questions, weeks.slice(0, 2));
    const hidden = rows.filter((r) => r.lastAsked === '2026-W45');
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((r) => r.latest === null && r.change === null)).toBe(true);
  });
});
