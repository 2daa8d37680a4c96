import { describe, expect, it } from 'vitest';
import { tokenOutcomeOf, voteOutcomeOf } from '../../../src/core/vote-outcomes';

describe('a vote’s answer', () => {
  it('is sent, late, refused or retried as the endpoint’s code says', () => {
    expect(voteOutcomeOf(201, undefined)).toEqual({ kind: 'sent' });
    expect(voteOutcomeOf(200, undefined)).toEqual({ kind: 'sent' });
    expect(voteOutcomeOf(409, 'vote_final')).toEqual({ kind: 'refused', status: 409 });
    expect(voteOutcomeOf(409, 'week_released')).toEqual({ kind: 'late' });
    for (const code of ['token_not_signed', 'token_wrong_week', 'invalid_token', 'invalid_vote']) {
      expect(voteOutcomeOf(400, code)).toEqual({ kind: 'refused', status: 400 });
    }
    expect(voteOutcomeOf(422, 'week_not_closed')).toEqual({ kind: 'retry' });
    for (const status of [undefined, 408, 429, 500, 503])
      expect(voteOutcomeOf(status, undefined)).toEqual({ kind: 'retry' });
    expect(voteOutcomeOf(429, undefined, 5000)).toEqual({ kind: 'retry', waitMs: 5000 });
    expect(voteOutcomeOf(409, 'vote_final', 5000)).toEqual({ kind: 'refused', status: 409 });
  });
});

describe('a token request’s answer', () => {
  it('is signed, missed, refused or retried', () => {
    expect(tokenOutcomeOf(200, undefined)).toEqual({ kind: 'signed' });
    expect(tokenOutcomeOf(409, 'week_released')).toEqual({ kind: 'missed' });
    expect(tokenOutcomeOf(409, 'token_issued')).toEqual({ kind: 'refused', status: 409 });
    expect(tokenOutcomeOf(401, 'unauthorized')).toEqual({ kind: 'refused', status: 401 });
    expect(tokenOutcomeOf(403, 'open_team')).toEqual({ kind: 'refused', status: 403 });
    expect(tokenOutcomeOf(422, 'week_not_started')).toEqual({ kind: 'retry' });
    for (const status of [undefined, 429, 502]) expect(tokenOutcomeOf(status, undefined)).toEqual({ kind: 'retry' });
    expect(tokenOutcomeOf(503, undefined, 5000)).toEqual({ kind: 'retry', waitMs: 5000 });
    expect(tokenOutcomeOf(200, undefined, 5000)).toEqual({ kind: 'signed' });
  });
});
