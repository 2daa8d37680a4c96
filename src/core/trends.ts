/**
 * A team's trend, week by week, as the rows of the manager CSV (design section 5): one row per
 * team × week × theme, then one per question of that theme asked that week. The server streams
 * these rows and the trends page exports the same rows from the figures it shows, so both files
 * have the same columns and the same values.
 *
 * Only released weeks go in, already suppressed by privacy.ts: a hidden cell has no figures and
 * says so in `suppressed`. "change_from_previous" is the change in % favourable, in points, from
 * the last earlier week in which the same theme or question was shown (questions rotate, so for a
 * question that is usually a few weeks back); empty when there is none.
 */
import { type CsvCell, csvCell } from './csv';
import type { Cell, ReleasedWeek } from './privacy';
import { QUESTIONS, questionById, THEME_LABELS, THEMES, type Theme } from './questions';
import { pulseForWeek } from './rotation';
import { type WeekId, weekStartIsoDate } from './week';

export const TREND_CSV_HEADER = [
  'team',
  'iso_week',
  'week_start',
  'theme',
  'question_id',
  'question_text',
  'responses',
  'mean',
  'favourable_pct',
  'neutral_pct',
  'unfavourable_pct',
  'change_from_previous',
  'suppressed',
  'counting',
] as const;

/**
 * The `counting` column: how the team's figures were counted. An open team's members share one
 * invite, so its figures can hold more than one answer of one person; a personal team's hold one
 * vote per member. Said on every row, so no row read alone overstates what it shows.
 */
export const COUNTING = {
  open: 'open team: one person could answer more than once',
  personal: 'one vote per person',
} as const;

export interface TrendWeek {
  readonly weekId: WeekId;
  readonly released: ReleasedWeek;
}

export interface TrendRow {
  readonly weekId: WeekId;
  readonly theme: Theme;
  /** Null on a theme's own row. */
  readonly questionId: string | null;
  readonly cell: Cell;
  /** Points of % favourable since the last week this cell was shown; null when there is none. */
  readonly change: number | null;
}

/** The week's cells in a fixed order: each theme, then its questions (in bank order). */
export function weekCells(week: TrendWeek): { theme: Theme; questionId: string | null; cell: Cell }[] {
  const { released } = week;
  const hidden: Cell = { suppressed: true, reason: 'fewer than k responses' };
  // A week below k shows nothing at all, not even which questions were answered: list what was asked.
  const asked = released.suppressed
    ? pulseForWeek(week.weekId).questions.map((q) => q.id)
    : Object.keys(released.questions);
  const byTheme = new Map<Theme, string[]>();
  for (const id of asked) {
    const theme = questionById(id)?.theme;
    if (theme) byTheme.set(theme, [...(byTheme.get(theme) ?? []), id]);
  }
  const cells: { theme: Theme; questionId: string | null; cell: Cell }[] = [];
  for (const theme of THEMES) {
    const ids = byTheme.get(theme);
    if (!ids) continue;
    cells.push({ theme, questionId: null, cell: released.themes[theme] ?? hidden });
    const ordered = [...ids].sort((a, b) => order(a) - order(b));
    for (const id of ordered) cells.push({ theme, questionId: id, cell: released.questions[id] ?? hidden });
  }
  return cells;
}

const QUESTION_ORDER = new Map(QUESTIONS.map((q, i) => [q.id, i]));

function order(id: string): number {
  return QUESTION_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
}

/** The change column: points of % favourable since `previous`, the cell's last shown figure. */
function changeSince(cell: Cell, previous: number | undefined): number | null {
  return !cell.suppressed && previous !== undefined ? cell.favourablePct - previous : null;
}

/**
 * A team's rows, one week at a time, oldest first: it remembers the last shown % favourable of
 * each cell for the change column, so a long export holds one week in memory, never the whole trend.
 */
export function trendTracker(): (week: TrendWeek) => TrendRow[] {
  const lastShown = new Map<string, number>();
  return (week) =>
    weekCells(week).map(({ theme, questionId, cell }) => {
      const key = questionId ?? `theme:${theme}`;
      const change = changeSince(cell, lastShown.get(key));
      if (!cell.suppressed) lastShown.set(key, cell.favourablePct);
      return { weekId: week.weekId, theme, questionId, cell, change };
    });
}

/** Every row of weeks given oldest first. */
export function trendRows(weeks: Iterable<TrendWeek>): TrendRow[] {
  const track = trendTracker();
  return [...weeks].flatMap(track);
}

/**
 * The last week's theme rows, with their change: what `trendRows(weeks)` gives for that week's
 * themes, reading only as far back as each theme was last shown. The trends page shows these at
 * once and builds every row (about 7 ms for two years) only for the table or the CSV.
 */
export function latestThemeRows(weeks: readonly TrendWeek[]): TrendRow[] {
  const last = weeks.at(-1);
  if (!last) return [];
  const themes = weekCells(last).filter((c) => c.questionId === null);
  // Only the last week's themes: one it does not show must not count as found (a theme drops out
  // of a week when nobody answered its statements).
  const wanted = new Set(themes.map((c) => c.theme));
  const previous = new Map<Theme, number>();
  for (let i = weeks.length - 2; i >= 0 && previous.size < wanted.size; i--) {
    const week = weeks[i];
    if (!week) continue;
    for (const { theme, questionId, cell } of weekCells(week)) {
      if (questionId === null && wanted.has(theme) && !cell.suppressed && !previous.has(theme)) {
        previous.set(theme, cell.favourablePct);
      }
    }
  }
  return themes.map(({ theme, cell }) => {
    return { weekId: last.weekId, theme, questionId: null, cell, change: changeSince(cell, previous.get(theme)) };
  });
}

/** Names as the CSV shows them; injectable so tests can use hostile team and question names. */
export interface TrendNames {
  readonly team: string;
  /** Open (one shared invite) or personal (one vote each): the `counting` column. */
  readonly kind: keyof typeof COUNTING;
  readonly questionText?: (id: string) => string;
}

export function trendCsvRow(row: TrendRow, names: TrendNames): CsvCell[] {
  const text = row.questionId
    ? (names.questionText?.(row.questionId) ?? questionById(row.questionId)?.text ?? row.questionId)
    : THEME_LABELS[row.theme];
  const { cell } = row;
  return [
    names.team,
    row.weekId,
    weekStartIsoDate(row.weekId),
    row.theme,
    row.questionId ?? '',
    text,
    cell.suppressed ? null : cell.responses,
    cell.suppressed ? null : cell.mean,
    cell.suppressed ? null : cell.favourablePct,
    cell.suppressed ? null : cell.neutralPct,
    cell.suppressed ? null : cell.unfavourablePct,
    row.change,
    cell.suppressed,
    COUNTING[names.kind],
  ];
}

/**
 * The version of what trendLineWriter writes. The endpoint keeps finished lines (server
 * released-lines.ts) and builds them again only when this changes, so bump it with any change to
 * the lines, trendCsvRow or the rotation; a unit test pins the lines to this number and fails until
 * it is bumped.
 */
export const TREND_LINES_FORMAT = 3;

/**
 * A writer of trend lines for one team that gives exactly csvLine(trendCsvRow(row, names)), but
 * quotes each team, week and statement text once instead of once per row: an export of a
 * thousand teams writes the same few hundred texts hundreds of thousands of times.
 */
export function trendLineWriter(names: TrendNames): (row: TrendRow) => string {
  const team = csvCell(names.team);
  const counting = csvCell(COUNTING[names.kind]);
  const weekParts = new Map<string, string>();
  const cellParts = new Map<string, string>();
  const num = (n: number | null) => (n === null || !Number.isFinite(n) ? '' : String(n));
  return (row) => {
    let week = weekParts.get(row.weekId);
    if (week === undefined) {
      week = `${team},${row.weekId},${weekStartIsoDate(row.weekId)},`;
      weekParts.set(row.weekId, week);
    }
    const key = row.questionId ?? `theme:${row.theme}`;
    let cell = cellParts.get(key);
    if (cell === undefined) {
      const [, , , theme, questionId, text] = trendCsvRow(row, names);
      cell = `${csvCell(theme)},${csvCell(questionId)},${csvCell(text)},`;
      cellParts.set(key, cell);
    }
    const c = row.cell;
    const figures = c.suppressed
      ? ',,,,,'
      : `${c.responses},${c.mean},${c.favourablePct},${c.neutralPct},${c.unfavourablePct},`;
    return `${week}${cell}${figures}${num(row.change)},${c.suppressed ? 'true' : 'false'},${counting}\r\n`;
  };
}
