import { beforeEach, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../../src/core/rotation';
import { openPulseDb } from '../../../src/storage/db';
import { dropDrafts, keepAnswer, keepComment, readDraft, saveDraft, settleDraft } from '../../../src/storage/drafts';
import { readPulse } from '../../../src/storage/pulses';
import { samplePulse } from '../core/samples';
import { MemoryStorage } from '../memory-storage';

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
});

const [first = '', second = ''] = pulseForWeek('2026-W48').questions.map((q) => q.id);

describe('a week’s draft', () => {
  it('keeps the latest answer per statement and the latest comment, per week, synchronously', () => {
    keepAnswer('2026-W48', first, 4);
    keepComment('2026-W48', 'Rel');
    keepAnswer('2026-W48', second, 'skip');
    keepAnswer('2026-W48', first, 2);
    keepComment('2026-W48', 'Releases were slow');
    expect(readDraft('2026-W48')).toEqual({ answers: { [first]: 2, [second]: 'skip' }, comment: 'Releases were slow' });
    expect(readDraft('2026-W47')).toEqual({ answers: {} });
  });

  it('forgets what a saved record holds and keeps what changed since', () => {
    keepAnswer('2026-W48', first, 4);
    keepAnswer('2026-W48', second, 2);
    keepComment('2026-W48', 'typed after the save');
    settleDraft(samplePulse('2026-W48', { answers: { [first]: 4, [second]: 5 }, comment: 'older' }));
    expect(readDraft('2026-W48')).toEqual({ answers: { [second]: 2 }, comment: 'typed after the save' });
    settleDraft(samplePulse('2026-W48', { answers: { [second]: 2 }, comment: 'typed after the save' }));
    expect(readDraft('2026-W48')).toEqual({ answers: {} });
    expect(localStorage.length).toBe(0);
  });

  it('reads a damaged copy by hand: what is not an answer is left out, what is not JSON is none', () => {
    localStorage.setItem(
      'culture-pulse:draft:2026-W48',
      JSON.stringify({ answers: { [first]: 9, [second]: 'skip', ['x'.repeat(65)]: 3 }, comment: 42 }),
    );
    expect(readDraft('2026-W48')).toEqual({ answers: { [second]: 'skip' } });
    localStorage.setItem('culture-pulse:draft:2026-W48', 'not json');
    expect(readDraft('2026-W48')).toEqual({ answers: {} });
    localStorage.setItem('culture-pulse:draft:2026-W48', '[1, 2]');
    expect(readDraft('2026-W48')).toEqual({ answers: {} });
  });

  it('reads the drafts earlier versions kept apart, and writes them as one', () => {
    localStorage.setItem('culture-pulse:comment-draft:2026-W48', 'from 0.1');
    localStorage.setItem('culture-pulse:answer-draft:2026-W48', JSON.stringify({ [first]: 3 }));
    expect(readDraft('2026-W48')).toEqual({ answers: { [first]: 3 }, comment: 'from 0.1' });
    keepAnswer('2026-W48', second, 1);
    expect(localStorage.length).toBe(1);
    expect(readDraft('2026-W48')).toEqual({ answers: { [first]: 3, [second]: 1 }, comment: 'from 0.1' });
  });

  it('drops every draft, or all but one week’s, old and new, and leaves other keys alone', () => {
    keepComment('2026-W46', 'a');
    keepAnswer('2026-W47', first, 5);
    localStorage.setItem('culture-pulse:comment-draft:2026-W45', 'old');
    keepComment('2026-W48', 'c');
    localStorage.setItem('something-else', 'x');
    dropDrafts('2026-W48');
    expect(localStorage.length).toBe(2);
    expect(readDraft('2026-W48')).toEqual({ answers: {}, comment: 'c' });
    dropDrafts();
    expect(readDraft('2026-W48')).toEqual({ answers: {} });
    expect(localStorage.getItem('something-else')).toBe('x');
  });

  it('does nothing where localStorage is missing, as in a service worker', () => {
    Object.defineProperty(globalThis, 'localStorage', { value: undefined, configurable: true });
    expect(() => keepComment('2026-W48', 'x')).not.toThrow();
    expect(readDraft('2026-W48')).toEqual({ answers: {} });
  });
});

describe('a draft whose save had not committed when the popup closed', () => {
  const now = new Date(2026, 10, 26, 12);

  it('is saved at the next open over what was stored, in one write, and then forgotten', async () => {
    const db = await openPulseDb();
    const stored = samplePulse('2026-W48', { answers: { [first]: 4 }, completed: false, comment: '' });
    await db.put('pulses', stored);
    keepAnswer('2026-W48', first, 4); // committed before the close
    keepAnswer('2026-W48', second, 2); // not committed
    keepComment('2026-W48', 'half a thought');
    const record = await saveDraft(db, '2026-W48', stored, now);
    expect(record).toMatchObject({ answers: { [first]: 4, [second]: 2 }, comment: 'half a thought' });
    expect((await readPulse(db, '2026-W48', now)).value).toEqual(record);
    expect(readDraft('2026-W48')).toEqual({ answers: {} });
    db.close();
  });

  it('makes the week’s record when none was stored yet', async () => {
    const db = await openPulseDb();
    keepAnswer('2026-W48', first, 'skip');
    const record = await saveDraft(db, '2026-W48', undefined, now);
    expect(record?.answers).toEqual({ [first]: 'skip' });
    expect(record?.questionIds).toEqual(pulseForWeek('2026-W48').questions.map((q) => q.id));
    db.close();
  });

  it('writes nothing when it holds nothing new', async () => {
    const db = await openPulseDb();
    const stored = samplePulse('2026-W48', { comment: 'same' });
    keepComment('2026-W48', 'same');
    expect(await saveDraft(db, '2026-W48', stored, now)).toBe(stored);
    expect(await db.count('pulses')).toBe(0);
    expect(localStorage.length).toBe(0);
    db.close();
  });

  it('is dropped when the week no longer takes it, leaving the record alone', async () => {
    const db = await openPulseDb();
    keepAnswer('2026-W48', 'not-this-weeks-statement', 5);
    expect(await saveDraft(db, '2026-W48', undefined, now)).toBeUndefined();
    expect(localStorage.length).toBe(0);
    keepAnswer('2026-W47', pulseForWeek('2026-W47').questions[0]?.id ?? '', 5);
    const closed = samplePulse('2026-W47');
    expect(await saveDraft(db, '2026-W47', closed, now)).toBe(closed);
    expect(readDraft('2026-W47')).toEqual({ answers: {} });
    expect(await db.count('pulses')).toBe(0);
    db.close();
  });
});
