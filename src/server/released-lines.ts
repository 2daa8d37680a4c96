/**
 * The finished CSV lines of a team's released weeks, kept as text. A released week's figures
 * never change, and neither does its change column once it and every earlier week are released,
 * so a later export writes the text it wrote before instead of building it again.
 *
 * The lines depend on more than the figures: the team's name (a column), the statement texts,
 * labels, rotation and columns, and every earlier released week (the change column). So they are
 * kept under a key of the name and the writer, with the weeks they hold, and used only while the
 * store has the same number of releases up to the last of them and no release after it that the
 * export wants. Otherwise they are built again from the releases and kept anew; lines that do not
 * check out are built again. Counting a team's releases is cheaper than listing its weeks.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { csvCell } from '../core/csv';
import { BANK_VERSION, QUESTIONS, THEME_LABELS } from '../core/questions';
import { TREND_CSV_HEADER, trendLineWriter, trendTracker } from '../core/trends';
import type { WeekId } from '../core/week';
import { type ReleaseClock, releaseDue, storedTeamWeeks } from './releases';
import type { KeptLinesNow, Store, Team } from './store';

/** Bump when the lines would come out differently (trendLineWriter, rotation): all are built again. */
const LINES_FORMAT = 3;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** What the lines depend on besides the team and the figures (hashed once, not once a team). */
const WRITER = sha256(JSON.stringify([LINES_FORMAT, TREND_CSV_HEADER, BANK_VERSION, QUESTIONS, THEME_LABELS]));

/** Lines kept under another name, kind or writer are not this team's lines. (k is not in it: a release keeps its own.) */
export function teamLinesKey(team: Pick<Team, 'name' | 'kind'>): string {
  return sha256(JSON.stringify([WRITER, team.name, team.kind]));
}

const keptSchema = z.object({
  key: z.string(),
  weeks: z.string(),
  ends: z.string(),
  lines: z.string(),
  releasesThen: z.number(),
  releasesNow: z.number(),
  nextWeek: z.nullable(z.string()),
});
type Kept = z.infer<typeof keptSchema>;

/** Week ids are "2026-W01": the kept list is fixed width, read in place rather than split. */
const WEEK = 8;
const weekAt = (weeks: string, i: number) => weeks.slice(i * (WEEK + 1), i * (WEEK + 1) + WEEK) as WeekId;

/** -1, 0 or 1 as the i-th kept week sorts before, with or after the j-th. */
function compareWeeks(weeks: string, i: number, j: number): number {
  for (let c = 0; c < WEEK; c++) {
    const d = weeks.charCodeAt(i * (WEEK + 1) + c) - weeks.charCodeAt(j * (WEEK + 1) + c);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Where each kept week's text ends, or undefined unless every week holds whole lines of this
 * team and that week (or none), in order. Read without splitting: an export checks a hundred
 * thousand weeks.
 */
function weekEnds(kept: Kept, teamPrefix: string): number[] | undefined {
  const { weeks, lines } = kept;
  const ends: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= kept.ends.length; i++) {
    const c = i < kept.ends.length ? kept.ends.charCodeAt(i) : 44;
    if (c === 44 && digits > 0) {
      ends.push(value);
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 10) {
      value = value * 10 + c - 48;
      digits++;
    } else return undefined;
  }
  if (weeks.length !== ends.length * (WEEK + 1) - 1 || ends.at(-1) !== lines.length) return undefined;
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] ?? -1;
    if (end < start) return undefined;
    if (i > 0 && (weeks.charCodeAt(i * (WEEK + 1) - 1) !== 44 || compareWeeks(weeks, i - 1, i) >= 0)) return undefined;
    if (end > start) {
      if (!lines.startsWith(teamPrefix, start)) return undefined;
      const at = start + teamPrefix.length;
      for (let c = 0; c < WEEK; c++) {
        if (lines.charCodeAt(at + c) !== weeks.charCodeAt(i * (WEEK + 1) + c)) return undefined;
      }
      if (lines.charCodeAt(at + WEEK) !== 44 || lines.charCodeAt(end - 2) !== 13 || lines.charCodeAt(end - 1) !== 10) {
        return undefined;
      }
    }
    start = end;
  }
  return ends;
}

/** The first of `n` weeks for which `test` fails (n when none does), `test` holding for a prefix. */
function firstFailing(n: number, test: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The kept text of the team's released weeks from `range.from` to `range.to`, or undefined when
 * they are missing, stale (another key, a week released since) or out of place.
 */
function keptLines(raw: KeptLinesNow | null, range: Range, key: string, team: string): string | undefined {
  const parsed = keptSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const kept = parsed.data;
  if (kept.key !== key || kept.releasesThen !== kept.releasesNow) return undefined;
  const { to, from } = range;
  const wanted = (w: string) => to === undefined || w <= to;
  if (kept.nextWeek !== null && wanted(kept.nextWeek)) return undefined;
  const ends = weekEnds(kept, `${csvCell(team)},`);
  if (!ends) return undefined;
  // Weeks are kept oldest first, so those wanted are the first few (usually all).
  const n = wanted(weekAt(kept.weeks, ends.length - 1))
    ? ends.length
    : firstFailing(ends.length, (i) => wanted(weekAt(kept.weeks, i)));
  const first = from === undefined ? 0 : firstFailing(n, (i) => weekAt(kept.weeks, i) < from);
  return first < n ? kept.lines.slice(ends[first - 1] ?? 0, ends[n - 1]) : '';
}

type Range = { readonly from?: WeekId; readonly to?: WeekId };

/** Built from the released figures of every week up to `to`, and kept; the text from `from` on. */
async function buildLines(store: Store, team: Team, key: string, range: Range) {
  const track = trendTracker();
  const line = trendLineWriter({ team: team.name, kind: team.kind });
  const weeks: WeekId[] = [];
  const ends: number[] = [];
  let text = '';
  let end = 0;
  for (const week of await storedTeamWeeks(store, team, { to: range.to })) {
    let lines = '';
    for (const row of track(week)) lines += line(row);
    text += lines;
    end += lines.length;
    weeks.push(week.weekId);
    ends.push(end);
  }
  const { from } = range;
  const first = from === undefined ? 0 : weeks.findIndex((w) => w >= from);
  const start = first === -1 ? end : (ends[first - 1] ?? 0);
  const through = weeks.at(-1);
  if (through)
    await store.keepLines(team.teamId, through, { key, weeks: weeks.join(','), ends: ends.join(','), lines: text });
  return text.slice(start);
}

/**
 * A team's released weeks from `range.from` to `range.to` as CSV text (weeks before `from`
 * still count for the change column): kept lines when they check out, else built and kept.
 */
export async function releasedTeamLines(
  store: Store,
  team: Team,
  clock: ReleaseClock,
  range: Range = {},
): Promise<string> {
  await releaseDue(store, team, clock);
  const key = teamLinesKey(team);
  const kept = keptLines(await store.keptLines(team.teamId), range, key, team.name);
  return kept ?? buildLines(store, team, key, range);
}
