/**
 * Released figures, computed once. A week is released after its collection window and never
 * changes after that (late submissions are refused), so its figures are computed from the
 * submissions the first time they are asked for and kept; an export or a trends page then reads
 * a hundred small records per team instead of every submission again. Kept figures are for one k:
 * when a team's k changes they are computed again. A kept record that does not parse is
 * recomputed from the submissions, which stay the source of truth.
 */
import { aggregateWeek } from '../core/aggregate';
import { type ReleasedWeek, releaseWeek } from '../core/privacy';
import { decodeReleased, encodeReleased } from '../core/released-codec';
import type { TrendWeek } from '../core/trends';
import type { WeekId } from '../core/week';
import type { Store, Team } from './store';
import { isReleased } from './week-window';

export interface ReleaseClock {
  readonly now: Date;
  readonly collectionDays: number;
}

function parseKept(figures: string, k: number): ReleasedWeek | undefined {
  try {
    return decodeReleased(JSON.parse(figures), k);
  } catch {
    return undefined;
  }
}

/** The kept form; figures the compact form cannot hold are simply not kept (computed each time). */
function keptForm(released: ReleasedWeek): string | undefined {
  const numbers = encodeReleased(released);
  return numbers && JSON.stringify(numbers);
}

async function compute(store: Store, team: Team, weekId: WeekId): Promise<ReleasedWeek> {
  const released = releaseWeek(aggregateWeek(await store.weekSubmissions(team.teamId, weekId)), team.k);
  const figures = keptForm(released);
  if (figures) await store.keepReleased(team.teamId, team.k, [{ weekId, figures }]);
  return released;
}

/** One released week's figures (the caller has checked that it is released). */
export async function releasedWeek(store: Store, team: Team, weekId: WeekId): Promise<ReleasedWeek> {
  const [week] = await store.teamWeeksWithKept(team.teamId, { from: weekId, to: weekId });
  const figures = week?.kept?.k === team.k ? parseKept(week.kept.figures, team.k) : undefined;
  return figures ?? compute(store, team, weekId);
}

/** A team's released weeks within a range, oldest first. */
export async function releasedTeamWeeks(
  store: Store,
  team: Team,
  clock: ReleaseClock,
  range: { readonly from?: WeekId; readonly to?: WeekId } = {},
): Promise<TrendWeek[]> {
  const all = await store.teamWeeksWithKept(team.teamId, range);
  const released = all.filter((w) => isReleased(w.weekId, clock.now, clock.collectionDays));
  const weeks = released.map((w) => w.weekId);
  const found = new Map<WeekId, ReleasedWeek>();
  for (const { weekId, kept } of released) {
    const parsed = kept?.k === team.k ? parseKept(kept.figures, team.k) : undefined;
    if (parsed) found.set(weekId, parsed);
  }
  const missing = new Set(weeks.filter((w) => !found.has(w)));
  if (missing.size > 8) {
    // Computing many (the first export, or after k changed): one pass over the team's submissions,
    // kept in one transaction.
    const computed: { weekId: WeekId; figures: string }[] = [];
    for await (const { weekId, submissions } of store.teamSubmissionsByWeek(team.teamId, range)) {
      if (!missing.has(weekId)) continue;
      const released = releaseWeek(aggregateWeek(submissions), team.k);
      const figures = keptForm(released);
      if (figures) computed.push({ weekId, figures });
      found.set(weekId, released);
    }
    await store.keepReleased(team.teamId, team.k, computed);
  }
  for (const weekId of missing) if (!found.has(weekId)) found.set(weekId, await compute(store, team, weekId));
  return weeks.flatMap((weekId) => {
    const released = found.get(weekId);
    return released ? [{ weekId, released }] : [];
  });
}
