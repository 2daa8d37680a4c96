/**
 * The extension's one clock, for the background and every page. Tests of the built extension must
 * make a week close without waiting a week, so an unpacked (development) install honours an offset
 * written to storage.local under `devClockOffsetMs`. An install from a store ignores it:
 * `management.getSelf()` (no permission needed) says how the extension was installed.
 *
 * The offset is read once per clock; the clock then reads the real time on every `now()`, so code
 * that waits (for a lock, the network) acts at the time it runs, not the time it was asked to.
 * Alarms fire on the real clock: `alarmTime` is the one place the offset is taken off again.
 */
import { browser } from './browser';

export const CLOCK_OFFSET_KEY = 'devClockOffsetMs';

export interface Clock {
  /** The extension's time now: the real one, or a development install's test time. */
  now(): Date;
  /** The real-clock moment (ms) to give `alarms.create` so that it fires when this clock shows `at`. */
  alarmTime(at: Date): number;
}

/** A clock `offsetMs` ahead of the real one (behind, when negative). */
export function offsetClock(offsetMs: number, realNow: () => number = () => Date.now()): Clock {
  return {
    now: () => new Date(realNow() + offsetMs),
    alarmTime: (at) => at.getTime() - offsetMs,
  };
}

/** The browser's own clock: what every install from a store runs on. */
export const REAL_CLOCK: Clock = offsetClock(0);

/**
 * The stored offset, checked by hand (a whole number of milliseconds) rather than with zod: the
 * popup reads it before its first statement, and zod is not loaded by then.
 */
function offsetOf(stored: unknown): number {
  return typeof stored === 'number' && Number.isSafeInteger(stored) ? stored : 0;
}

/** How far the extension's clock is from the real one: 0 unless a development install set an offset. */
export async function clockOffsetMs(): Promise<number> {
  const offset = offsetOf((await browser.storage.local.get(CLOCK_OFFSET_KEY))[CLOCK_OFFSET_KEY]);
  if (offset === 0) return 0;
  const self = await browser.management.getSelf();
  return self.installType === 'development' ? offset : 0;
}

/** The extension's clock as storage says now; read it again after `CLOCK_OFFSET_KEY` changes. */
export async function readClock(): Promise<Clock> {
  const offset = await clockOffsetMs();
  return offset === 0 ? REAL_CLOCK : offsetClock(offset);
}

/** Whether a storage change moved the development clock (the background then acts at the new time). */
export function movesClock(changes: Record<string, unknown>, area: string): boolean {
  return area === 'local' && CLOCK_OFFSET_KEY in changes;
}
