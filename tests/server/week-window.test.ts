import { describe, expect, it } from 'vitest';
import { isReleased, weekStatus } from '../../src/server/week-window';

// Week 2026-W47 ends Monday 2026-11-23 00:00 UTC.
describe('weekStatus (UTC)', () => {
  it('is open until the week has ended in the earliest time zone (UTC+14)', () => {
    expect(weekStatus('2026-W47', new Date('2026-11-22T09:59:59Z'), 7).kind).toBe('open');
    expect(weekStatus('2026-W47', new Date('2026-11-22T10:00:00Z'), 7).kind).toBe('collecting');
  });

  it('collects until the latest zone (UTC-12) has had the collection days, then is released for good', () => {
    expect(weekStatus('2026-W47', new Date('2026-11-30T11:59:59Z'), 7)).toEqual({
      kind: 'collecting',
      releasedAt: new Date('2026-11-30T12:00:00Z'),
    });
    expect(weekStatus('2026-W47', new Date('2026-11-30T12:00:00Z'), 7).kind).toBe('released');
    expect(weekStatus('2026-W47', new Date('2026-11-27T12:00:00Z'), 3).kind).toBe('released');
  });

  it('handles the 53rd week of 2026 across New Year', () => {
    expect(weekStatus('2026-W53', new Date('2027-01-03T09:00:00Z'), 7).kind).toBe('open');
    expect(weekStatus('2026-W53', new Date('2027-01-05T00:00:00Z'), 7).kind).toBe('collecting');
  });
});

describe('isReleased', () => {
  it('agrees with weekStatus for every week and clock, whichever clock was asked about before', () => {
    const weeks = ['2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W53', '2027-W01'] as const;
    const clocks = ['2026-11-30T11:59:59Z', '2026-11-30T12:00:00Z', '2026-11-26T12:00:00Z', '2027-01-20T00:00:00Z'];
    for (const days of [7, 3, 7]) {
      for (const clock of [...clocks, ...[...clocks].reverse()]) {
        const now = new Date(clock);
        for (const w of [...weeks, ...weeks]) {
          expect(isReleased(w, now, days)).toBe(weekStatus(w, now, days).kind === 'released');
        }
      }
    }
    expect(isReleased('2026-W47', new Date('2026-11-30T12:00:00Z'), 7)).toBe(true);
    expect(isReleased('2026-W47', new Date('2026-11-30T12:00:00Z'), 8)).toBe(false);
  });
});
