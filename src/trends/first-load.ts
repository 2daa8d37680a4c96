/**
 * The page's first load, started as its script runs instead of in an effect after the first render
 * and paint (about 50 ms later): the saved manager code and, with it, the team's figures and the
 * chart library. The notes, at the foot of the page, are asked for once the figures are in
 * (useTrends.ts), so they neither hold back nor compete with the charts.
 */
import type { ManagerAccess } from '../core/invite';
import type { TeamWeeks } from '../core/team-weeks';
import { loadManagerAccess } from '../platform/manager-settings';
import type { Loaded } from '../platform/settings';
import { fetchTeamWeeks, type Result } from './client';
import { uPlotLoading } from './uplot';

export interface Fetched {
  readonly weeks: Result<TeamWeeks>;
  /** Whether the chart library loaded. */
  readonly charts: boolean;
}

export async function fetchAll(access: ManagerAccess): Promise<Fetched> {
  const [weeks, charts] = await Promise.all([
    fetchTeamWeeks(access),
    uPlotLoading.then(
      () => true,
      () => false,
    ),
  ]);
  return { weeks, charts };
}

export type FirstLoad =
  | { readonly saved: Loaded<ManagerAccess | null>; readonly fetched?: Promise<Fetched> }
  | { readonly error: unknown };

/** Settled as a value, never rejected: it may be a while before the page's effect awaits it. */
export const firstLoad: Promise<FirstLoad> = loadManagerAccess().then(
  (saved) => ({ saved, fetched: saved.value ? fetchAll(saved.value) : undefined }),
  (error: unknown) => ({ error }),
);
