/**
 * What may be shown of a team's week. Nothing is shown for a group below k people (default 5,
 * never below 3); and a theme, which pools its questions, is only shown when every one of its
 * questions is, because theme minus the shown questions would otherwise reveal the hidden one.
 * Shown figures are rounded: means to 2 decimals, percentages to whole numbers.
 */
import type { Figures, WeekAggregate } from './aggregate';
import { questionById, THEMES, type Theme } from './questions';

export const DEFAULT_K = 5;
export const MIN_K = 3;

export type Cell = ({ readonly suppressed: false } & Figures) | { readonly suppressed: true; readonly reason: string };

export interface ReleasedWeek {
  readonly responses: number | null;
  readonly suppressed: boolean;
  readonly questions: Readonly<Record<string, Cell>>;
  readonly themes: Readonly<Partial<Record<Theme, Cell>>>;
}

function round(f: Figures): Figures {
  return {
    responses: f.responses,
    mean: Math.round(f.mean * 100) / 100,
    favourablePct: Math.round(f.favourablePct),
    neutralPct: Math.round(f.neutralPct),
    unfavourablePct: Math.round(f.unfavourablePct),
  };
}

export function fewerThan(k: number): string {
  return `fewer than ${k} responses`;
}

export function releaseWeek(aggregate: WeekAggregate, k: number): ReleasedWeek {
  if (k < MIN_K) throw new RangeError(`k must be at least ${MIN_K}`);
  const hidden: Cell = { suppressed: true, reason: fewerThan(k) };
  if (aggregate.responses < k) return { responses: null, suppressed: true, questions: {}, themes: {} };
  const questions: Record<string, Cell> = {};
  const themeHasHidden = new Set<Theme>();
  for (const [id, f] of aggregate.questions) {
    const shown = f.responses >= k;
    questions[id] = shown ? { suppressed: false, ...round(f) } : hidden;
    const theme = questionById(id)?.theme;
    if (!shown && theme) themeHasHidden.add(theme);
  }
  const themes: Partial<Record<Theme, Cell>> = {};
  for (const theme of THEMES) {
    const f = aggregate.themes.get(theme);
    if (!f) continue;
    themes[theme] =
      f.responses >= k && !themeHasHidden.has(theme)
        ? { suppressed: false, ...round(f) }
        : themeHasHidden.has(theme)
          ? { suppressed: true, reason: `${fewerThan(k)} to one of its questions` }
          : hidden;
  }
  return { responses: aggregate.responses, suppressed: false, questions, themes };
}
