import { describe, expect, it } from 'vitest';
import {
  addWeeksToId,
  compareWeekIds,
  isWeekClosed,
  isWeekId,
  recentWeeks,
  type WeekId,
  weekEnd,
  weekIdOf,
  weekOrdinal,
  weekStart,
  weekStartIsoDate,
  weekStartOrUndefined,
} from '../../../src/core/week';

describe('weekIdOf', () => {
  it.each([
    ['2026-11-26', '2026-W48'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (date, week) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(weekIdOf(new Date(y, m - 1, d, 12))).toBe(week);
  });

  it('uses the local calendar: Sunday 23:59 is still the old week, Monday 00:00 the new one', () => {
    expect(weekIdOf(new Date(2026, 10, 29, 23, 59, 59))).toBe('2026-W48');
    expect(weekIdOf(new Date(2026, 10, 30, 0, 0, 0))).toBe('2026-W49');
  });
});

describe('weekStart and weekEnd', () => {
  it('start on Monday 00:00 local time and end seven days later', () => {
    expect(weekStart('2026-W48')).toEqual(new Date(2026, 10, 23));
    expect(weekEnd('2026-W48')).toEqual(new Date(2026, 10, 30));
    expect(weekStartIsoDate('2026-W53')).toBe('2026-12-28');
    expect(weekStartIsoDate('2025-W01')).toBe('2024-12-30');
  });

  it('handles a week that crosses the change from summer time (Berlin, 2026-10-25)', () => {
    const start = weekStart('2026-W43');
    expect(start).toEqual(new Date(2026, 9, 19));
    expect(weekEnd('2026-W43')).toEqual(new Date(2026, 9, 26));
    expect(weekEnd('2026-W43').getTime() - start.getTime()).toBe((7 * 24 + 1) * 3600 * 1000);
  });

  it('rejects ids that are not ISO weeks', () => {
    for (const bad of ['2025-W53', '2026-W00', '2026-W54', '2026-48', 'W48', '2026-W4', '', '2026-W48 ']) {
      expect(isWeekId(bad), bad).toBe(false);
    }
    expect(isWeekId('2026-W53')).toBe(true);
    expect(() => weekStart('2025-W53' as WeekId)).toThrow(RangeError);
  });
});

describe('isWeekClosed', () => {
  it('closes at Sunday 24:00 local time', () => {
    expect(isWeekClosed('2026-W48', new Date(2026, 10, 29, 23, 59, 59, 999))).toBe(false);
    expect(isWeekClosed('2026-W48', new Date(2026, 10, 30, 0, 0))).toBe(true);
  });
});

describe('week arithmetic', () => {
  it('steps across New Year and numbers weeks without gaps', () => {
    expect(addWeeksToId('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeksToId('2027-W01', -1)).toBe('2026-W53');
    expect(weekOrdinal('2027-W01') - weekOrdinal('2026-W53')).toBe(1);
    expect(weekOrdinal('2026-W44') - weekOrdinal('2026-W43')).toBe(1);
    expect(recentWeeks('2027-W02', 3)).toEqual(['2027-W02', '2027-W01', '2026-W53']);
  });
});

describe('compareWeekIds', () => {
  it('orders weeks by time, across week-years with 52 and 53 weeks', () => {
    const weeks = Array.from({ length: 300 }, (_, i) => addWeeksToId('2024-W40', i));
    const shuffled = [...weeks].reverse();
    shuffled.push(shuffled.shift() ?? '2024-W40');
    expect(shuffled.sort(compareWeekIds)).toEqual(weeks);
    expect(weeks).toContain('2026-W53');
    expect(weeks.map((w) => weekStart(w).getTime())).toEqual(
      weeks.map((w) => weekStart(w).getTime()).sort((a, b) => a - b),
    );
    expect(compareWeekIds('2026-W53', '2027-W01')).toBe(-1);
    expect(compareWeekIds('2026-W05', '2026-W05')).toBe(0);
  });
});

describe('isWeekId', () => {
  it('agrees with the calendar for every week number of years with 52 and 53 weeks, and odd years', () => {
    const years = [
      '0001',
      '0099',
      '0100',
      '0999',
      '1000',
      '1969',
      '1970',
      '2015',
      '2020',
      '2025',
      '2026',
      '2027',
      '9999',
    ];
    const ids = years.flatMap((y) => Array.from({ length: 56 }, (_, w) => `${y}-W${String(w).padStart(2, '0')}`));
    ids.push('2026-W5', '2026-w05', ' 2026-W05', '2026-W05 ', '20260-W05', '');
    const disagree = ids.filter((id) => isWeekId(id) !== (weekStartOrUndefined(id) !== undefined));
    expect(disagree).toEqual([]);
    expect(ids.filter((id) => isWeekId(id) && id.endsWith('W53'))).toEqual([
      '1970-W53',
      '2015-W53',
      '2020-W53',
      '2026-W53',
    ]);
  });
});
