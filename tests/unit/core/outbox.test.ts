import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildSubmission,
  firstSendAt,
  outcomeOf,
  retryAt,
  SEND_SPREAD_MS,
  submissionId,
} from '../../../src/core/outbox';
import { submissionSchema } from '../../../src/core/submission';
import { weekEnd } from '../../../src/core/week';
import { halfAnswered, samplePulse } from './samples';

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

  it('reads the endpoint’s answer: sent, late, refused for good, or try again', () => {
    expect(outcomeOf(201)).toEqual({ kind: 'sent' });
    expect(outcomeOf(200)).toEqual({ kind: 'sent' });
    expect(outcomeOf(409)).toEqual({ kind: 'late' });
    expect(outcomeOf(401)).toEqual({ kind: 'refused', status: 401 });
    expect(outcomeOf(400)).toEqual({ kind: 'refused', status: 400 });
    for (const s of [undefined, 408, 429, 500, 503]) expect(outcomeOf(s)).toEqual({ kind: 'retry' });
  });
});
