import { beforeEach, describe, expect, it } from 'vitest';
import { dropDraft, dropDrafts, keepDraft, readDraft } from '../../../src/storage/drafts';

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
