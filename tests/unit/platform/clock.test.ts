import { describe, expect, it } from 'vitest';
import { CLOCK_OFFSET_KEY, clockOffsetMs, now } from '../../../src/platform/clock';
import { fakeBrowser } from '../fake-browser';

const WEEK = 7 * 24 * 3600 * 1000;

describe('the background clock', () => {
  it('is the real clock unless an offset is set', async () => {
    const before = Date.now();
    const t = (await now()).getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('moves by the offset in an unpacked (development) install', async () => {
    fakeBrowser.current._state.local.set(CLOCK_OFFSET_KEY, WEEK);
    expect(await clockOffsetMs()).toBe(WEEK);
    expect((await now()).getTime()).toBeGreaterThanOrEqual(Date.now() + WEEK - 1000);
  });

  it('ignores the offset in an install from a store, and a malformed one anywhere', async () => {
    fakeBrowser.current._state.local.set(CLOCK_OFFSET_KEY, WEEK);
    fakeBrowser.current._state.self.installType = 'normal';
    expect(await clockOffsetMs()).toBe(0);
    fakeBrowser.current._state.self.installType = 'development';
    fakeBrowser.current._state.local.set(CLOCK_OFFSET_KEY, '1 week');
    expect(await clockOffsetMs()).toBe(0);
  });
});
