import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  afterAttempt,
  buildSubmission,
  firstSendAt,
  outcomeOf,
  retryAt,
  SEND_SPREAD_MS,
  submissionId,
} from '../../../src/core/outbox';
import { submissionSchema } from '../../../src/core/submission';
import { weekEnd } from '../../../src/core/week';
import { halfAnswered, samplePulse, seededRandom, waitingEntry } from './samples';

const secret = webcrypto.getRandomValues(new Uint8Array(32));

describe('what a closed week sends', () => {
  it('sends the 1–5 scores only: no skip, no unanswered question, no comment', async () => {
    const s = await buildSubmission(halfAnswered, 'platform', secret);
    expect(s).toEqual({
      submissionId: expect.stringMatching(/^[0-9a-f]{64}$/),
      teamId: 'platform',
      weekId: '2026-W48',
      bankVersion: 1,
      scores: { 'impact-customers': 4, 'impact-outcome': 5 },
    });
    expect(JSON.stringify(s)).not.toContain('SUM');
  });

  it('builds what the endpoint accepts for a real week’s record', async () => {
    const record = samplePulse('2026-W47', { comment: 'never sent' });
    const s = await buildSubmission(record, 'platform', secret);
    expect(submissionSchema.safeParse(s).success).toBe(true);
    expect(Object.keys(s?.scores ?? {})).toHaveLength(record.questionIds.length - 1); // one was skipped
  });

  it('adds noise once, when asked, and keeps to the week’s questions and the 1–5 range', async () => {
    const record = samplePulse('2026-W47');
    const plain = await buildSubmission(record, 'platform', secret);
    const random = seededRandom(3);
    let changed = 0;
    for (let i = 0; i < 200; i++) {
      const noisy = await buildSubmission(record, 'platform', secret, { epsilon: 2, random });
      expect(submissionSchema.safeParse(noisy).success).toBe(true);
      expect(Object.keys(noisy?.scores ?? {})).toEqual(Object.keys(plain?.scores ?? {}));
      expect(noisy?.submissionId).toBe(plain?.submissionId);
      if (JSON.stringify(noisy?.scores) !== JSON.stringify(plain?.scores)) changed++;
    }
    expect(changed).toBeGreaterThan(100); // ε = 2 keeps each of 3 scores 65 % of the time
  });

  it('sends nothing for a week of skips', async () => {
    const skipped = { ...halfAnswered, answers: { 'impact-customers': 'skip' as const } };
    expect(await buildSubmission(skipped, 'platform', secret)).toBeUndefined();
  });

  it('uses an id stable within a week (retries replace) and unrelated across weeks and teams', async () => {
    const a = await submissionId(secret, 'platform', '2026-W47');
    expect(await submissionId(secret, 'platform', '2026-W47')).toBe(a);
    expect(await submissionId(secret, 'platform', '2026-W48')).not.toBe(a);
    expect(await submissionId(secret, 'apps', '2026-W47')).not.toBe(a);
    expect(await submissionId(webcrypto.getRandomValues(new Uint8Array(32)), 'platform', '2026-W47')).not.toBe(a);
  });
});

describe('when it is sent', () => {
  it('first sends at a random moment in the days after the week closes', () => {
    const end = weekEnd('2026-W47').getTime();
    expect(firstSendAt('2026-W47', 0).getTime()).toBe(end);
    expect(firstSendAt('2026-W47', 0.999999).getTime()).toBeLessThan(end + SEND_SPREAD_MS);
    expect(firstSendAt('2026-W47', 0.5).getTime()).toBe(end + SEND_SPREAD_MS / 2);
  });

  it('backs off from 5 minutes to at most 6 hours, with jitter', () => {
    const now = new Date(2026, 10, 30, 9);
    const wait = (attempts: number, r: number) => (retryAt(now, attempts, r).getTime() - now.getTime()) / 60_000;
    expect(wait(1, 0.5)).toBe(5);
    expect(wait(2, 0.5)).toBe(10);
    expect(wait(20, 0.5)).toBe(360);
    expect(wait(1, 0)).toBe(3.75);
    expect(wait(1, 0.999)).toBeCloseTo(6.25, 1);
  });

  it('waits at least what the endpoint asked, spread by the same draw, and never less than its own backoff', () => {
    const now = new Date(2026, 10, 30, 9);
    const wait = (attempts: number, r: number, askedMs: number) =>
      (retryAt(now, attempts, r, askedMs).getTime() - now.getTime()) / 60_000;
    // Asked for 2 hours: 2 h at the least, up to half as long again.
    expect(wait(1, 0, 2 * 60 * 60_000)).toBe(120);
    expect(wait(1, 0.5, 2 * 60 * 60_000)).toBe(150);
    // Asked for less than the backoff: the backoff.
    expect(wait(1, 0.5, 60_000)).toBe(5);
    expect(wait(20, 0, 60 * 60_000)).toBe(270);
    // Asked for nothing, or no wait: as before.
    expect(wait(3, 0.5, 0)).toBe(20);
  });

  it('reads the endpoint’s answer: sent, late, refused for good, or try again', () => {
    expect(outcomeOf(201)).toEqual({ kind: 'sent' });
    expect(outcomeOf(200)).toEqual({ kind: 'sent' });
    expect(outcomeOf(409)).toEqual({ kind: 'late' });
    expect(outcomeOf(401)).toEqual({ kind: 'refused', status: 401 });
    expect(outcomeOf(400)).toEqual({ kind: 'refused', status: 400 });
    for (const s of [undefined, 408, 429, 500, 503]) expect(outcomeOf(s)).toEqual({ kind: 'retry' });
    expect(outcomeOf(503, 60_000)).toEqual({ kind: 'retry', waitMs: 60_000 });
    expect(outcomeOf(201, 60_000)).toEqual({ kind: 'sent' });
  });
});

describe('after an attempt', () => {
  const now = new Date(2026, 11, 1, 10);
  const entry = waitingEntry('2026-W48', { attempts: 2 });

  it('marks a delivered week sent, and a released one late, keeping the scores', () => {
    expect(afterAttempt(entry, { kind: 'sent' }, now, 0.5, 'ignored once sent')).toEqual({
      ...entry,
      state: 'sent',
      attempts: 3,
      sendAt: now.getTime(),
      problem: null,
    });
    const late = afterAttempt(entry, { kind: 'late' }, now, 0.5, 'Week 2026-W48 was released on 2026-12-08.');
    expect(late.state).toBe('late');
    expect(late.submission).toEqual(entry.submission);
    expect(late.problem).toMatch(/released/);
  });

  it('retries the same submission later, saying why', () => {
    const next = afterAttempt(entry, { kind: 'retry' }, now, 0.5, 'Nicht erreichbar.');
    expect(next.state).toBe('waiting');
    expect(next.submission).toBe(entry.submission);
    expect(next.sendAt).toBe(retryAt(now, 3, 0.5).getTime());
    expect(next.problem).toBe('Nicht erreichbar.');
  });

  it('retries no sooner than the endpoint asked', () => {
    const asked = afterAttempt(entry, { kind: 'retry', waitMs: 3 * 3_600_000 }, now, 0.5, 'Busy.');
    expect(asked.state).toBe('waiting');
    expect(asked.sendAt).toBe(now.getTime() + 3 * 3_600_000 * 1.25);
  });

  it('stops on a refusal, with the words it is given', () => {
    expect(afterAttempt(entry, { kind: 'refused', status: 403 }, now, 0.5, 'Wrong token.').problem).toBe(
      'Wrong token.',
    );
  });
});
