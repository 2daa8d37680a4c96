/** Valid personal-team records to start the vote tests from. */
import { membershipFor } from '../../../src/core/team';
import type { TokenRecord } from '../../../src/core/vote-token-record';
import type { WeekId } from '../../../src/core/week';

export const personalInvite = {
  endpoint: 'https://pulse.example.org',
  teamId: 'squad',
  ingestToken: `invite-01-${'s'.repeat(40)}`,
  personal: true,
} as const;

/** A member of "squad" since 2026-W48 (joined Tuesday 24 November 2026). */
export const member = membershipFor(personalInvite, new Date(2026, 10, 24, 9), null);

export const sampleKey = { keyId: 'K'.repeat(43), publicKey: 'P'.repeat(392) };

export function tokenRecord(weekId: WeekId, overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    teamId: 'squad',
    weekId,
    endpoint: 'https://pulse.example.org',
    key: sampleKey,
    state: 'waiting',
    fetchAt: 0,
    attempts: 0,
    request: null,
    token: null,
    problem: null,
    ...overrides,
  };
}
