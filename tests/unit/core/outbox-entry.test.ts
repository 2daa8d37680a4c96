import { describe, expect, it } from 'vitest';
import { outboxEntrySchema } from '../../../src/core/outbox-entry';
import { waitingEntry } from './samples';

describe('outbox entries', () => {
  it('accepts an entry holding a valid submission', () => {
    expect(outboxEntrySchema.safeParse(waitingEntry('2026-W47')).success).toBe(true);
  });

  it('refuses one whose submission carries anything more, such as a comment', () => {
    const entry = waitingEntry('2026-W47');
    const withComment = { ...entry, submission: { ...entry.submission, comment: 'never sent' } };
    expect(outboxEntrySchema.safeParse(withComment).success).toBe(false);
    expect(outboxEntrySchema.safeParse({ ...entry, state: 'maybe' }).success).toBe(false);
    expect(outboxEntrySchema.safeParse({ ...entry, attempts: -1 }).success).toBe(false);
  });
});
