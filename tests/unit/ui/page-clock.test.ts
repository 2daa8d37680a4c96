import { describe, expect, it } from 'vitest';
import { CLOCK_OFFSET_KEY, offsetClock } from '../../../src/platform/clock';
import { createPageClock } from '../../../src/ui/page-clock';
import { deferred } from '../../deferred';
import { fakeBrowser } from '../fake-browser';

const HOUR = 3_600_000;

type StorageListener = (changes: Record<string, unknown>, area: string) => void;

describe('a page’s clock', () => {
  it('is the real clock until the extension’s is read, then the extension’s', async () => {
    const read = deferred();
    const clock = createPageClock(async () => {
      await read.promise;
      return offsetClock(5 * HOUR);
    });
    const settling = clock.settle();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(HOUR);
    read.resolve();
    await settling;
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(4 * HOUR);
    expect(clock.alarmTime(new Date(10 * HOUR))).toBe(5 * HOUR);
  });

  it('reads the stored offset once per page, and again when a development install moves it', async () => {
    let reads = 0;
    let offset = HOUR;
    const clock = createPageClock(async () => offsetClock(++reads && offset));
    await Promise.all([clock.settle(), clock.settle()]);
    expect(reads).toBe(1);
    offset = 3 * HOUR;
    for (const listener of fakeBrowser.current.storage.onChanged.listeners) {
      (listener as StorageListener)({ [CLOCK_OFFSET_KEY]: { newValue: offset } }, 'local');
    }
    await expect.poll(() => clock.alarmTime(new Date(10 * HOUR))).toBe(7 * HOUR);
    expect(reads).toBe(2);
  });

  it('stays the real clock when storage cannot be read', async () => {
    const clock = createPageClock(async () => {
      throw new Error('storage gone');
    });
    await clock.settle();
    expect(clock.alarmTime(new Date(10 * HOUR))).toBe(10 * HOUR);
  });
});
