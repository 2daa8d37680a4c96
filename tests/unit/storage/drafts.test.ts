import { beforeEach, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../../src/core/rotation';
import { openPulseDb } from '../../../src/storage/db';
import {
  dropAnswerDrafts,
  dropDraft,
  dropDrafts,
  keepAnswerDraft,
  keepDraft,
  readAnswerDrafts,
  readDraft,
  saveAnswerDrafts,
} from '../../../src/storage/drafts';
import { readPulse } from '../../../src/storage/pulses';
import { samplePulse } from '../core/samples';

/** localStorage as a page has it. */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
});

describe('comment drafts', () => {
  it('keeps the latest text per week, synchronously', () => {
    keepDraft('2026-W48', 'Rel');
    keepDraft('2026-W48', 'Releases were slow');
    expect(readDraft('2026-W48')).toBe('Releases were slow');
    expect(readDraft('2026-W47')).toBeUndefined();
    dropDraft('2026-W48');
    expect(readDraft('2026-W48')).toBeUndefined();
  });

  it('drops every draft, or all but one week’s, and leaves other keys alone', () => {
    keepDraft('2026-W46', 'a');
    keepDraft('2026-W47', 'b');
    keepDraft('2026-W48', 'c');
    localStorage.setItem('something-else', 'x');
    dropDrafts('2026-W48');
    expect([readDraft('2026-W46'), readDraft('2026-W47'), readDraft('2026-W48')]).toEqual([undefined, undefined, 'c']);
    dropDrafts();
    expect(readDraft('2026-W48')).toBeUndefined();
    expect(localStorage.getItem('something-else')).toBe('x');
  });

  it('does nothing where localStorage is missing, as in a service worker', () => {
    Object.defineProperty(globalThis, 'localStorage', { value: undefined, configurable: true });
    expect(() => keepDraft('2026-W48', 'x')).not.toThrow();
    expect(readDraft('2026-W48')).toBeUndefined();
  });
});

describe('answer drafts', () => {
  it('keeps the latest answer per statement, per week, synchronously', () => {
    keepAnswerDraft('2026-W48', 'impact-customers', 4);
    keepAnswerDraft('2026-W48', 'choice-solution', 'skip');
    keepAnswerDraft('2026-W48', 'impact-customers', 2);
    expect(readAnswerDrafts('2026-W48')).toEqual({ 'impact-customers': 2, 'choice-solution': 'skip' });
    expect(readAnswerDrafts('2026-W47')).toEqual({});
    dropAnswerDrafts('2026-W48');
    expect(readAnswerDrafts('2026-W48')).toEqual({});
  });

  it('treats a damaged copy as none, and is dropped with the comment drafts', () => {
    localStorage.setItem('culture-pulse:answer-draft:2026-W48', '{"impact-customers": 9}');
    expect(readAnswerDrafts('2026-W48')).toEqual({});
    localStorage.setItem('culture-pulse:answer-draft:2026-W48', 'not json');
    expect(readAnswerDrafts('2026-W48')).toEqual({});
    keepAnswerDraft('2026-W47', 'impact-customers', 5);
    keepAnswerDraft('2026-W48', 'impact-customers', 5);
    dropDrafts('2026-W48');
    expect(readAnswerDrafts('2026-W47')).toEqual({});
    expect(readAnswerDrafts('2026-W48')).toEqual({ 'impact-customers': 5 });
    dropDrafts();
    expect(readAnswerDrafts('2026-W48')).toEqual({});
  });
});

describe('answers whose save had not committed when the popup closed', () => {
  const now = new Date(2026, 10, 26, 12);
  const [first, second] = pulseForWeek('2026-W48').questions.map((q) => q.id);

  it('are saved at the next open, over what was stored, and then dropped', async () => {
    const db = await openPulseDb();
    const stored = samplePulse('2026-W48', { answers: { [first ?? '']: 4 }, completed: false });
    await db.put('pulses', stored);
    keepAnswerDraft('2026-W48', first ?? '', 4); // committed before the close
    keepAnswerDraft('2026-W48', second ?? '', 2); // not committed
    const record = await saveAnswerDrafts(db, '2026-W48', stored, now);
    expect(record?.answers).toEqual({ [first ?? '']: 4, [second ?? '']: 2 });
    expect((await readPulse(db, '2026-W48', now)).value?.answers).toEqual(record?.answers);
    expect(readAnswerDrafts('2026-W48')).toEqual({});
    db.close();
  });

  it('make the week’s record when none was stored yet', async () => {
    const db = await openPulseDb();
    keepAnswerDraft('2026-W48', first ?? '', 'skip');
    const record = await saveAnswerDrafts(db, '2026-W48', undefined, now);
    expect(record?.answers).toEqual({ [first ?? '']: 'skip' });
    expect(record?.questionIds).toEqual(pulseForWeek('2026-W48').questions.map((q) => q.id));
    db.close();
  });

  it('are dropped when the week no longer takes them, leaving the record alone', async () => {
    const db = await openPulseDb();
    keepAnswerDraft('2026-W48', 'not-this-weeks-statement', 5);
    expect(await saveAnswerDrafts(db, '2026-W48', undefined, now)).toBeUndefined();
    keepAnswerDraft('2026-W47', first ?? '', 5);
    const closed = samplePulse('2026-W47');
    expect(await saveAnswerDrafts(db, '2026-W47', closed, now)).toBe(closed);
    expect(readAnswerDrafts('2026-W47')).toEqual({});
    expect(await db.count('pulses')).toBe(0);
    db.close();
  });
});
