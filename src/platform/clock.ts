/**
 * The background's clock. Tests of the built extension must make a week close without waiting a
 * week, so an unpacked (development) install honours an offset written to storage.local under
 * `devClockOffsetMs`. An install from a store ignores it: `management.getSelf()` (no permission
 * needed) says how the extension was installed.
 */
import * as z from 'zod/mini';
import { browser } from './browser';

export const CLOCK_OFFSET_KEY = 'devClockOffsetMs';

const offsetSchema = z.number().check(z.int());

export async function clockOffsetMs(): Promise<number> {
  const stored = offsetSchema.safeParse((await browser.storage.local.get(CLOCK_OFFSET_KEY))[CLOCK_OFFSET_KEY]);
  if (!stored.success || stored.data === 0) return 0;
  const self = await browser.management.getSelf();
  return self.installType === 'development' ? stored.data : 0;
}

export async function now(): Promise<Date> {
  return new Date(Date.now() + (await clockOffsetMs()));
}
