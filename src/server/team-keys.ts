/**
 * A personal team's week keys, made ahead: the current week, the one before (still collecting) and
 * the next twelve, so an extension can pin a quarter's keys at once and notice if the endpoint ever
 * hands it a key of its own for a week (which would tag its vote). A key once kept is never
 * replaced: two servers making the same week's key at once keep the first.
 */
import { addWeeksToId, type WeekId, weekIdOf } from '../core/week';
import type { Store, Team } from './store';
import { newWeekKey, type WeekKey } from './week-keys';

/** Weeks published ahead. */
export const WEEKS_AHEAD = 12;

/** The weeks whose keys are published at `now`: last week through twelve weeks ahead. */
export function publishedWeeks(now: Date): { from: WeekId; to: WeekId } {
  const current = weekIdOf(now);
  return { from: addWeeksToId(current, -1), to: addWeeksToId(current, WEEKS_AHEAD) };
}

/** The team's keys for every week from `from` to `to`, made where missing. */
export async function ensureWeekKeys(store: Store, team: Team, from: WeekId, to: WeekId): Promise<WeekKey[]> {
  const kept = await store.weekKeys(team.teamId, from, to);
  const have = new Set(kept.map((k) => k.weekId));
  const missing: WeekId[] = [];
  for (let w = from; w <= to; w = addWeeksToId(w, 1)) if (!have.has(w)) missing.push(w);
  if (missing.length === 0) return kept;
  await store.addWeekKeys(team.teamId, await Promise.all(missing.map(newWeekKey)));
  return store.weekKeys(team.teamId, from, to);
}

/** One week's key, made if missing. */
export async function weekKey(store: Store, team: Team, weekId: WeekId): Promise<WeekKey> {
  const [key] = await ensureWeekKeys(store, team, weekId, weekId);
  if (!key) throw new Error(`No key could be kept for ${weekId}.`);
  return key;
}

/** Every personal team's published keys, made ahead: at a server's start and in its sweep. */
export async function ensureAllWeekKeys(store: Store, now: Date): Promise<void> {
  const { from, to } = publishedWeeks(now);
  for (const team of await store.listTeams()) {
    if (team.kind === 'personal') await ensureWeekKeys(store, team, from, to);
  }
}
