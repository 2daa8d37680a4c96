import { describe, expect, it } from 'vitest';
import { type PublishedKey, pinKeys } from '../../../src/core/key-pins';
import { firstFetchAt } from '../../../src/core/token-schedule';
import type { WeekId } from '../../../src/core/week';
import { member, tokenRecord } from './vote-samples';

const id = (c: string) => c.repeat(43);
const offer = (weekId: WeekId, keyId: string, claimed = keyId): PublishedKey => ({
  weekId,
  keyId,
  claimedKeyId: claimed,
  publicKey: `${keyId.slice(0, 1)}${'p'.repeat(391)}`,
});
const problem = (w: WeekId) => `changed ${w}`;

describe('pinning week keys', () => {
  it('pins every published week from the one joined on, each with its own drawn moment', () => {
    const draws = [0.1, 0.2];
    const { changed, mismatched } = pinKeys(
      member,
      [],
      [offer('2026-W47', id('a')), offer('2026-W48', id('b')), offer('2026-W49', id('c'))],
      () => draws.shift() ?? 0,
      problem,
    );
    expect(mismatched).toEqual([]);
    expect(changed.map((r) => [r.weekId, r.key?.keyId, r.fetchAt])).toEqual([
      ['2026-W48', id('b'), firstFetchAt('2026-W48', 0.1).getTime()],
      ['2026-W49', id('c'), firstFetchAt('2026-W49', 0.2).getTime()],
    ]);
  });

  it('gives a scheduled week its key, and leaves a pinned one as it was', () => {
    const scheduled = tokenRecord('2026-W48', { key: null, fetchAt: 42 });
    const pinned = tokenRecord('2026-W49', { key: { keyId: id('c'), publicKey: `c${'p'.repeat(391)}` } });
    const { changed } = pinKeys(
      member,
      [scheduled, pinned],
      [offer('2026-W48', id('b')), offer('2026-W49', id('c'))],
      () => 0,
      problem,
    );
    expect(changed).toEqual([{ ...scheduled, key: { keyId: id('b'), publicKey: `b${'p'.repeat(391)}` } }]);
  });

  it('refuses another key for a pinned week, and reports it', () => {
    const waiting = tokenRecord('2026-W49', { key: { keyId: id('c'), publicKey: `c${'p'.repeat(391)}` } });
    const ready = tokenRecord('2026-W48', {
      key: { keyId: id('b'), publicKey: `b${'p'.repeat(391)}` },
      state: 'ready',
      token: 'A'.repeat(472),
    });
    const { changed, mismatched } = pinKeys(
      member,
      [waiting, ready],
      [offer('2026-W48', id('x')), offer('2026-W49', id('y'))],
      () => 0,
      problem,
    );
    expect(mismatched).toEqual(['2026-W48', '2026-W49']);
    // The pinned key stays; a waiting week will not ask with the new one; a ready token is kept.
    expect(changed).toEqual([
      { ...ready, problem: 'changed 2026-W48' },
      { ...waiting, state: 'key-changed', problem: 'changed 2026-W49' },
    ]);
  });

  it('refuses a key whose claimed id is not its own', () => {
    const { changed, mismatched } = pinKeys(member, [], [offer('2026-W49', id('c'), id('d'))], () => 0, problem);
    expect(changed).toEqual([]);
    expect(mismatched).toEqual(['2026-W49']);
  });
});
