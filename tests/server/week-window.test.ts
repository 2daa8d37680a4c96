import { describe, expect, it } from 'vitest';
import { weekStatus } from '../../src/server/week-window';

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
