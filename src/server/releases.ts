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
import { releasedWeekSchema } from '../core/team-weeks';
import type { TrendWeek } from '../core/trends';
import type { WeekId } from '../core/week';
import type { Store, Team } from './store';
import { weekStatus } from './week-window';

export interface ReleaseClock {
  readonly now: Date;
  readonly collectionDays: number;
}

function parseKept(figures: string): ReleasedWeek | undefined {
  try {
    const parsed = releasedWeekSchema.safeParse(JSON.parse(figures));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function compute(store: Store, team: Team, weekId: WeekId): Promise<ReleasedWeek> {
  const released = releaseWeek(aggregateWeek(await store.weekSubmissions(team.teamId, weekId)), team.k);
  await store.keepReleased(team.teamId, team.k, [{ weekId, figures: JSON.stringify(released) }]);
  return released;
}

/** One released week's figures (the caller has checked that it is released). */
export async function releasedWeek(store: Store, team: Team, weekId: WeekId): Promise<ReleasedWeek> {
  const [kept] = await store.releasedWeeks(team.teamId, { from: weekId, to: weekId });
  const figures = kept?.k === team.k ? parseKept(kept.figures) : undefined;
  return figures ?? compute(store, team, weekId);
}

/** A team's released weeks within a range, oldest first. */
export async function releasedTeamWeeks(
  store: Store,
  team: Team,
  clock: ReleaseClock,
  range: { readonly from?: WeekId; readonly to?: WeekId } = {},
): Promise<TrendWeek[]> {
  const kept = new Map(
    (await store.releasedWeeks(team.teamId, range)).filter((r) => r.k === team.k).map((r) => [r.weekId, r.figures]),
  );
  const weeks = (await store.teamWeeks(team.teamId)).filter(
    (w) =>
      (!range.from || w >= range.from) &&
      (!range.to || w <= range.to) &&
      weekStatus(w, clock.now, clock.collectionDays).kind === 'released',
  );
  const found = new Map<WeekId, ReleasedWeek>();
  for (const weekId of weeks) {
    const figures = kept.get(weekId);
    const parsed = figures === undefined ? undefined : parseKept(figures);
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
      computed.push({ weekId, figures: JSON.stringify(released) });
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
