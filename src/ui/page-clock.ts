/**
 * The clock of an extension page (popup, options, trends): platform/clock's, read when the page
 * first asks and again whenever a development install moves it. Until the offset has been read it
 * is the real clock, which is what every install from a store runs on anyway, so a page can draw at
 * once; code that must act at the extension's time awaits `settle()` first.
 */
import { browser } from '../platform/browser';
import { type Clock, movesClock, REAL_CLOCK, readClock } from '../platform/clock';

export interface PageClock extends Clock {
  /** Resolves once the extension's clock has been read (at most one read per page). */
  settle(): Promise<void>;
}

export function createPageClock(read: () => Promise<Clock> = readClock): PageClock {
  let current: Clock = REAL_CLOCK;
  let settled: Promise<void> | undefined;
  const follow = () =>
    read().then(
      (clock) => {
        current = clock;
      },
      () => {}, // Unreadable storage: the real clock, as in a store install.
    );
  return {
    now: () => current.now(),
    alarmTime: (at) => current.alarmTime(at),
    settle() {
      settled ??= (() => {
        browser.storage.onChanged.addListener((changes, area) => {
          if (movesClock(changes, area)) void follow();
        });
        return follow();
      })();
      return settled;
    },
  };
}

/** The page's one clock. */
export const pageClock: PageClock = createPageClock();
