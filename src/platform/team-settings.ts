/**
 * The team membership and the device secret, in browser.storage.local. The membership is parsed on
 * every read: one that does not parse sends nothing, and the options page says why. The device
 * secret keys the per-week submission ids; it never leaves this device and is kept when the
 * engineer leaves a team, so rejoining cannot count a week twice under a new id.
 */
import * as z from 'zod/mini';
import { describeIssues } from '../core/schemas';
import { type Membership, membershipSchema } from '../core/team';
import { browser } from './browser';
import { t } from './i18n';
import type { Loaded } from './settings';

const TEAM_KEY = 'team';
const SECRET_KEY = 'deviceSecret';

const secretSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));

export async function loadMembership(): Promise<Loaded<Membership | null>> {
  const stored = (await browser.storage.local.get(TEAM_KEY))[TEAM_KEY];
  if (stored === undefined || stored === null) return { value: null };
  const parsed = membershipSchema.safeParse(stored);
  if (parsed.success) return { value: parsed.data };
  return {
    value: null,
    problem: t('bg_teamUnreadable', describeIssues(parsed.error, 1)),
  };
}

export async function saveMembership(membership: Membership | null): Promise<void> {
  if (membership === null) await browser.storage.local.remove(TEAM_KEY);
  else await browser.storage.local.set({ [TEAM_KEY]: membershipSchema.parse(membership) });
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

/** The device secret, made on first use. Callers hold the sync lock, so two cannot race to make it. */
export async function deviceSecret(): Promise<Uint8Array> {
  const stored = secretSchema.safeParse((await browser.storage.local.get(SECRET_KEY))[SECRET_KEY]);
  if (stored.success) return fromHex(stored.data);
  const fresh = crypto.getRandomValues(new Uint8Array(32));
  await browser.storage.local.set({ [SECRET_KEY]: toHex(fresh) });
  return fresh;
}
