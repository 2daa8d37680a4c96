import { describe, expect, it } from 'vitest';
import { freshSendAt, planRun, RESEND_MIN_MS, RESEND_SPREAD_MS } from '../../../src/core/due-sends';
import { seededRandom, waitingEntry } from './samples';

const now = new Date(2026, 10, 26, 12);
const t = now.getTime();

describe('a fresh send moment', () => {
  it('lies between a quarter of an hour and a day ahead', () => {
    expect(freshSendAt(now, 0).getTime()).toBe(t + RESEND_MIN_MS);
    expect(freshSendAt(now, 0.999_999).getTime()).toBeLessThan(t + RESEND_SPREAD_MS);
    expect(freshSendAt(now, 0.999_999).getTime()).toBeGreaterThan(t + RESEND_SPREAD_MS - 1000);
    expect(RESEND_MIN_MS).toBe(15 * 60_000);
    expect(RESEND_SPREAD_MS).toBe(24 * 3_600_000);
  });
});

describe('what one sync run sends', () => {
  it('sends nothing when nothing is due', () => {
    const plan = planRun([waitingEntry('2026-W47', { sendAt: t + 1 })], now, () => 0.5);
    expect(plan).toEqual({ send: undefined, moved: [] });
  });

  it('sends one due week as it is, and leaves other states and later weeks alone', () => {
    const due = waitingEntry('2026-W47', { sendAt: t - 1000 });
    const entries = [
      waitingEntry('2026-W44', { state: 'sent', sendAt: 0 }),
      waitingEntry('2026-W45', { state: 'refused', sendAt: 0 }),
      waitingEntry('2026-W46', { state: 'late', sendAt: 0 }),
      due,
      waitingEntry('2026-W48', { sendAt: t + 60_000 }),
    ];
    expect(planRun(entries, now, () => 0.5)).toEqual({ send: due, moved: [] });
  });

  it('sends only the week due longest when several are, and gives each other one its own random moment', () => {
    const random = seededRandom(7);
    const entries = [
      waitingEntry('2026-W44', { sendAt: t - 3_000 }),
      waitingEntry('2026-W45', { sendAt: t - 9_000 }),
      waitingEntry('2026-W46', { sendAt: t }),
      waitingEntry('2026-W47', { sendAt: t - 5_000, attempts: 2 }),
    ];
    const plan = planRun(entries, now, random);
    expect(plan.send?.weekId).toBe('2026-W45');
    expect(plan.moved.map((e) => e.weekId).sort()).toEqual(['2026-W44', '2026-W46', '2026-W47']);
    const moments = plan.moved.map((e) => e.sendAt);
    for (const at of moments) {
      expect(at).toBeGreaterThanOrEqual(t + RESEND_MIN_MS);
      expect(at).toBeLessThan(t + RESEND_SPREAD_MS);
    }
    // One draw each: no two weeks share a moment.
    expect(new Set(moments).size).toBe(3);
    // Only the moment changes: same scores, same attempts, still waiting.
    const w47 = plan.moved.find((e) => e.weekId === '2026-W47');
    expect(w47).toEqual({ ...entries[3], sendAt: w47?.sendAt });
  });

  it('after the moved weeks come due one by one, sends one per run until all are gone', () => {
    let entries = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'].map((w) =>
      waitingEntry(w as '2026-W40', { sendAt: t - 1 }),
    );
    const random = seededRandom(11);
    const sentAt: number[] = [];
    let clock = t;
    for (let run = 0; run < 50 && entries.some((e) => e.state === 'waiting'); run++) {
      const plan = planRun(entries, new Date(clock), random);
      const moved = new Map(plan.moved.map((e) => [e.weekId, e]));
      entries = entries.map((e) =>
        e === plan.send ? { ...e, state: 'sent' as const, sendAt: clock } : (moved.get(e.weekId) ?? e),
      );
      if (plan.send) sentAt.push(clock);
      // The alarm wakes the worker at the next waiting moment.
      const next = Math.min(...entries.filter((e) => e.state === 'waiting').map((e) => e.sendAt));
      clock = Number.isFinite(next) ? Math.max(next, clock + 1000) : clock;
    }
    expect(sentAt).toHaveLength(5);
    // Never two in one run: each send at a moment of its own.
    expect(new Set(sentAt).size).toBe(5);
  });
});
