/**
 * Releases: a week's figures, stored once and never recomputed. When the clock says a week's
 * collection window has ended, the first thing that looks (a read, a late submission, the sweep
 * a running server makes every few minutes, an export) releases it: its figures under the team's k
 * at that moment are stored with that k, and from then on the week takes no submission (409) and
 * shows exactly those figures, whatever COLLECTION_DAYS, k or the team's name say later. A later
 * setting can neither reopen a week nor recompute it, so no two releases of one week differ by a
 * person.
 *
 * A stored figure that does not decode is recomputed from the week's submissions under the k it
 * was released with: a released week's submissions never change, so that gives the same figures.
 */
import { aggregateWeek } from '../core/aggregate';
import { type ReleasedWeek, releaseWeek } from '../core/privacy';
import { decodeReleased, encodeReleased } from '../core/released-codec';
import type { Submission } from '../core/submission';
import type { TrendWeek } from '../core/trends';
import type { WeekId } from '../core/week';
import type { Store, StoredRelease, Team } from './store';
import { releaseCalendar } from './week-window';

export interface ReleaseClock {
  readonly now: Date;
  readonly collectionDays: number;
}

/** A week as the manager sees it: its figures and the k they were released under. */
export interface Released extends TrendWeek {
  readonly k: number;
}

/** What a release stores: the compact form (null for figures it cannot hold, which are recomputed when read). */
function figuresOf(k: number): (submissions: readonly Submission[]) => string {
  return (submissions) => JSON.stringify(encodeReleased(releaseWeek(aggregateWeek(submissions), k)) ?? null);
}

function decoded(release: StoredRelease): ReleasedWeek | undefined {
  try {
    return decodeReleased(JSON.parse(release.figures), release.k);
  } catch {
    return undefined;
  }
}

async function readRelease(store: Store, teamId: string, release: StoredRelease): Promise<Released> {
  const released =
    decoded(release) ?? releaseWeek(aggregateWeek(await store.weekSubmissions(teamId, release.weekId)), release.k);
  return { weekId: release.weekId, k: release.k, released };
}

/** Release every week of the team that the clock has released and that is not stored yet. */
export async function releaseDue(store: Store, team: Team, clock: ReleaseClock): Promise<void> {
  const { lastReleased } = releaseCalendar(clock.now, clock.collectionDays);
  const due = await store.unreleasedWeeks(team.teamId, lastReleased);
  if (due.length > 0) await store.releaseWeeks(team.teamId, team.k, due, figuresOf(team.k));
}

/** Release one week now (the clock has released it): a late submission freezes it before being refused. */
export async function releaseNow(store: Store, team: Team, weekId: WeekId): Promise<void> {
  await store.releaseWeeks(team.teamId, team.k, [weekId], figuresOf(team.k));
}

/** Every team's due weeks, released: at a server's start and every few minutes while it runs. */
export async function releaseAllDue(store: Store, clock: ReleaseClock): Promise<void> {
  for (const team of await store.listTeams()) await releaseDue(store, team, clock);
}

/** A team's released weeks within a range, oldest first (due weeks are released first). */
export async function releasedTeamWeeks(
  store: Store,
  team: Team,
  clock: ReleaseClock,
  range: { readonly from?: WeekId; readonly to?: WeekId } = {},
): Promise<Released[]> {
  await releaseDue(store, team, clock);
  return storedTeamWeeks(store, team, range);
}

/** A team's weeks as stored, within a range, oldest first (the caller has released due weeks). */
export async function storedTeamWeeks(
  store: Store,
  team: Team,
  range: { readonly from?: WeekId; readonly to?: WeekId } = {},
): Promise<Released[]> {
  const out: Released[] = [];
  for (const release of await store.teamReleases(team.teamId, range)) {
    out.push(await readRelease(store, team.teamId, release));
  }
  return out;
}

/** One week as released, or undefined when it is not (yet) released. */
export async function releasedWeek(
  store: Store,
  team: Team,
  clock: ReleaseClock,
  weekId: WeekId,
): Promise<Released | undefined> {
  await releaseDue(store, team, clock);
  const [release] = await store.teamReleases(team.teamId, { from: weekId, to: weekId });
  return release && readRelease(store, team.teamId, release);
}

/** Whether a week is released: by the clock, or stored as released (under a shorter window than today's). */
export async function isWeekReleased(store: Store, team: Team, clock: ReleaseClock, weekId: WeekId): Promise<boolean> {
  if (weekId <= releaseCalendar(clock.now, clock.collectionDays).lastReleased) return true;
  const [release] = await store.teamReleases(team.teamId, { from: weekId, to: weekId });
  return release !== undefined;
}
