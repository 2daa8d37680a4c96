import { describe, expect, it } from 'vitest';
import {
  ASKED_SPREAD,
  askedRetryDelay,
  askedWait,
  MAX_RETRY_AFTER_MS,
  parseHttpDate,
  parseRetryAfter,
} from '../../../src/core/retry-after';

const now = new Date(Date.UTC(2026, 11, 3, 12, 0, 0));
const DAY = 86_400_000;

describe('Retry-After as delta-seconds', () => {
  it('is that many seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0060', now)).toBe(60_000);
  });

  it('takes off whitespace around the value, but not within it', () => {
    expect(parseRetryAfter('  30 ', now)).toBe(30_000);
    expect(parseRetryAfter('\t30\t', now)).toBe(30_000);
    expect(parseRetryAfter('3 0', now)).toBeUndefined();
    expect(parseRetryAfter('30\n', now)).toBeUndefined();
  });

  it('reads a wait past a day, however long, as a day', () => {
    expect(parseRetryAfter('86400', now)).toBe(DAY);
    expect(parseRetryAfter('86401', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('is no ask when negative, fractional, signed, empty or anything else', () => {
    for (const value of ['-5', '-0', '1.5', '+5', '1e3', '0x10', '', ' ', 'soon', '٣', '30s', null, undefined]) {
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
    }
  });
});

describe('Retry-After as an HTTP-date', () => {
  it('is the time until the date, in each of the three forms', () => {
    const inAnHour = now.getTime() + 3_600_000;
    expect(parseRetryAfter('Thu, 03 Dec 2026 13:00:00 GMT', now)).toBe(3_600_000);
    expect(parseRetryAfter('Thursday, 03-Dec-26 13:00:00 GMT', now)).toBe(3_600_000);
    expect(parseRetryAfter('Thu Dec  3 13:00:00 2026', now)).toBe(3_600_000);
    expect(parseHttpDate('Thu, 03 Dec 2026 13:00:00 GMT', now)).toBe(inAnHour);
  });

  it('is no wait at all once the date has passed', () => {
    expect(parseRetryAfter('Thu, 03 Dec 2026 11:59:59 GMT', now)).toBe(0);
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(0);
    expect(parseRetryAfter('Thu, 03 Dec 2026 12:00:00 GMT', now)).toBe(0);
  });

  it('is at most a day, however far ahead the date is', () => {
    expect(parseRetryAfter('Fri, 04 Dec 2026 12:00:00 GMT', now)).toBe(DAY);
    expect(parseRetryAfter('Fri, 01 Jan 9999 00:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('reads a two-digit year as the one not more than 50 years ahead', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Monday, 06-Nov-76 08:49:37 GMT', now)).toBe(Date.UTC(2076, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Monday, 06-Nov-77 08:49:37 GMT', now)).toBe(Date.UTC(1977, 10, 6, 8, 49, 37));
  });

  it('is no ask when it is not a date of those forms, or no day of the calendar', () => {
    for (const value of [
      'Thu, 03 Dec 2026 13:00:00 UTC',
      'Thu, 03 Dec 2026 13:00:00 +0000',
      'thu, 03 dec 2026 13:00:00 gmt',
      'Thu, 3 Dec 2026 13:00:00 GMT',
      '2026-12-03T13:00:00Z',
      'Thu, 31 Feb 2026 13:00:00 GMT',
      'Thu, 03 Dec 2026 24:00:00 GMT',
      'Thu, 03 Dec 2026 13:60:00 GMT',
      'Thu, 03 Dec 2026 13:00:61 GMT',
      'Thu, 03 Dec 2026 13:00:00 GMT trailing',
      'Thursday, 03 Dec 2026 13:00:00 GMT',
    ]) {
      expect(parseRetryAfter(value, now), value).toBeUndefined();
    }
  });

  it('takes off whitespace around a date too', () => {
    expect(parseRetryAfter(' Thu, 03 Dec 2026 13:00:00 GMT\t', now)).toBe(3_600_000);
  });
});

describe('the wait an answer asks for', () => {
  it('is read from a 429 or a 503 only', () => {
    expect(askedWait(429, '60', now)).toBe(60_000);
    expect(askedWait(503, '60', now)).toBe(60_000);
    for (const status of [undefined, 200, 301, 408, 500, 502, 504]) {
      expect(askedWait(status, '60', now), String(status)).toBeUndefined();
    }
  });

  it('is nothing when the header is missing or malformed', () => {
    expect(askedWait(503, null, now)).toBeUndefined();
    expect(askedWait(429, 'later', now)).toBeUndefined();
  });
});

describe('the delay a retry honouring an ask goes after', () => {
  it('is never shorter than asked, and at most half as long again', () => {
    expect(askedRetryDelay(3_600_000, 0)).toBe(3_600_000);
    expect(askedRetryDelay(3_600_000, 0.5)).toBe(4_500_000);
    expect(askedRetryDelay(3_600_000, 0.999_999)).toBeLessThan(3_600_000 * (1 + ASKED_SPREAD));
    expect(askedRetryDelay(0, 0.7)).toBe(0);
  });

  it('spreads members asked for the same wait over the whole spread, not one second', () => {
    const seconds = new Set(Array.from({ length: 100 }, (_, i) => Math.floor(askedRetryDelay(DAY, i / 100) / 1000)));
    expect(seconds.size).toBe(100);
  });
});
