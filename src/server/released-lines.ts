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
import { csvCell } from '../core/csv';
import { BANK_VERSION, QUESTIONS, THEME_LABELS } from '../core/questions';
import { TREND_CSV_HEADER, TREND_LINES_FORMAT, trendLineWriter, trendTracker } from '../core/trends';
import type { WeekId } from '../core/week';
import type { KeptLinesNow } from './lines-cache';
import { type ReleaseClock, releaseDue, storedTeamWeeks } from './releases';
import type { Store, Team } from './store';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** What the lines depend on besides the team and the figures (hashed once, not once a team). */
const WRITER = sha256(JSON.stringify([TREND_LINES_FORMAT, TREND_CSV_HEADER, BANK_VERSION, QUESTIONS, THEME_LABELS]));

/** Lines kept under another name, kind or writer are not this team's lines. (k is not in it: a release keeps its own.) */
export function teamLinesKey(team: Pick<Team, 'name' | 'kind'>): string {
  return sha256(JSON.stringify([WRITER, team.name, team.kind]));
}

/**
 * Whether every kept week holds whole lines of this team and that week (or none), weeks in order,
 * the last ending where the text does.
 */
function wholeWeeks({ weeks, ends, lines }: KeptLinesNow, teamPrefix: string): boolean {
  if (weeks.length !== ends.length || (ends.at(-1) ?? 0) !== lines.length) return false;
  let start = 0;
  for (const [i, week] of weeks.entries()) {
    const end = ends[i] ?? -1;
    if (end < start || (i > 0 && (weeks[i - 1] ?? '') >= week)) return false;
    if (end > start && !(lines.startsWith(`${teamPrefix}${week},`, start) && lines.endsWith('\r\n', end))) {
      return false;
    }
    start = end;
  }
  return true;
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
function keptLines(kept: KeptLinesNow | null, range: Range, key: string, team: string): string | undefined {
  if (!kept || kept.key !== key || kept.releasesThen !== kept.releasesNow) return undefined;
  const { to, from } = range;
  const wanted = (w: string) => to === undefined || w <= to;
  if (kept.nextWeek !== null && wanted(kept.nextWeek)) return undefined;
  if (!wholeWeeks(kept, `${csvCell(team)},`)) return undefined;
  const { weeks, ends } = kept;
  // Weeks are kept oldest first, so those wanted are the first few (usually all).
  const n = wanted(weeks.at(-1) ?? '') ? weeks.length : firstFailing(weeks.length, (i) => wanted(weeks[i] ?? ''));
  const first = from === undefined ? 0 : firstFailing(n, (i) => (weeks[i] ?? '') < from);
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
  if (through) await store.lines.keep(team.teamId, through, { key, weeks, ends, lines: text });
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
  const kept = keptLines(await store.lines.kept(team.teamId), range, key, team.name);
  return kept ?? buildLines(store, team, key, range);
}
