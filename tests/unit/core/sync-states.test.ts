import { describe, expect, it } from 'vitest';
import { outboxEntrySchema } from '../../../src/core/outbox-entry';
import { OUTBOX_STATES, TOKEN_STATES } from '../../../src/core/sync-states';
import { syncStatusSchema } from '../../../src/platform/messages';
import { waitingEntry } from './samples';

function status(weekState: string, tokenState: string): unknown {
  return {
    team: null,
    votes: { weekId: '2026-W48', state: tokenState, fetchAt: null, keyFingerprint: null, problem: null },
    problem: null,
    weeks: [{ weekId: '2026-W48', state: weekState, sendAt: 0, problem: null, noised: false }],
  };
}

describe('the sync states', () => {
  it.each(OUTBOX_STATES)('stores an outbox week in state %s and shows it on the options page', (state) => {
    expect(outboxEntrySchema.safeParse(waitingEntry('2026-W48', { state })).success).toBe(true);
    expect(syncStatusSchema.safeParse(status(state, 'waiting')).success).toBe(true);
  });

  it.each(TOKEN_STATES)('shows a week’s token in state %s on the options page', (state) => {
    expect(syncStatusSchema.safeParse(status('waiting', state)).success).toBe(true);
  });

  it('refuses a state neither list has, in the record and in the message alike', () => {
    expect(outboxEntrySchema.safeParse({ ...waitingEntry('2026-W48'), state: 'lost' }).success).toBe(false);
    expect(syncStatusSchema.safeParse(status('lost', 'waiting')).success).toBe(false);
    expect(syncStatusSchema.safeParse(status('waiting', 'lost')).success).toBe(false);
  });
});
