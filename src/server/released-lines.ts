/**
 * The finished CSV lines of a team's released weeks, kept as bytes. A released week's figures
 * never change, and neither does its change column once it and every earlier week are released,
 * so a later export copies the bytes it wrote before instead of building them again.
 *
 * The lines depend on more than the figures: the team's name (a column), k, the statement texts,
 * labels, rotation and columns, and every earlier released week (the change column). So they are
 * kept under a key of the name, k and the writer, with the weeks they hold, and used only while
 * the store still has the same submissions up to the last of them and no week after it has been
 * released since. Otherwise they are built again from the figures and kept anew. Keeping figures
 * again forgets the team's lines (the stores' keepReleased), and lines that do not check out are
 * built again. Counting a team's submissions is cheaper than listing its weeks, which took a
 * quarter of an export.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { csvCell } from '../core/csv';
import { BANK_VERSION, QUESTIONS, THEME_LABELS } from '../core/questions';
import { TREND_CSV_HEADER, trendLineWriter, trendTracker } from '../core/trends';
import type { WeekId } from '../core/week';
import { type ReleaseClock, releasedTeamWeeks } from './releases';
import type { KeptLinesNow, Store, Team } from './store';
import { isReleased } from './week-window';

/** Bump when the lines would come out differently (trendLineWriter, rotation): all are built again. */
const LINES_FORMAT = 1;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** What the lines depend on besides the team and the figures (hashed once, not once a team). */
const WRITER = sha256(JSON.stringify([LINES_FORMAT, TREND_CSV_HEADER, BANK_VERSION, QUESTIONS, THEME_LABELS]));

/** Lines kept under another name, k or writer are not this team's lines. */
export function teamLinesKey(team: Pick<Team, 'name' | 'k'>): string {
  return sha256(JSON.stringify([WRITER, team.name, team.k]));
}

/** A team's CSV bytes for some weeks, oldest first, and where each week's bytes end. */
export interface TeamLines {
  readonly lines: Uint8Array;
  readonly ends: readonly number[];
}

const keptSchema = z.object({
  key: z.string(),
  weeks: z.string(),
  ends: z.string(),
  lines: z.instanceof(Uint8Array),
  submissionsThen: z.number(),
  submissionsNow: z.number(),
  nextWeek: z.nullable(z.string()),
});

/** True when `bytes` holds `prefix` at `at`. */
function startsAt(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** True when `bytes` holds the ASCII `text` and a comma at `at`. */
function cellAt(bytes: Uint8Array, at: number, text: string): boolean {
  if (bytes[at + text.length] !== 44) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * The kept lines of the team's released weeks up to `to`, or undefined when they are missing,
 * stale (other key, other submissions, a week released since) or out of place.
 */
function keptLines(...args: Parameters<typeof checkedLines>): ReturnType<typeof checkedLines> {
  try {
    return checkedLines(...args);
  } catch {
    return undefined; // isReleased throws on what is not a week
  }
}

function checkedLines(
  raw: KeptLinesNow | null,
  clock: ReleaseClock,
  to: WeekId | undefined,
  key: string,
  team: string,
): { weeks: WeekId[]; all: TeamLines } | undefined {
  const parsed = keptSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const kept = parsed.data;
  if (kept.key !== key || kept.submissionsThen !== kept.submissionsNow) return undefined;
  const wanted = (w: string) =>
    (to === undefined || w <= to) && isReleased(w as WeekId, clock.now, clock.collectionDays);
  if (kept.nextWeek !== null && wanted(kept.nextWeek)) return undefined;
  const listed = kept.weeks.split(',') as WeekId[];
  const ends = kept.ends.split(',').map(Number);
  if (ends.length !== listed.length || ends.at(-1) !== kept.lines.length) return undefined;
  // Weeks are released oldest first, so those wanted are the first few.
  const n = listed.findIndex((w) => !wanted(w));
  const weeks = n === -1 ? listed : listed.slice(0, n);
  const teamPrefix = Buffer.from(`${csvCell(team)},`);
  let start = 0;
  for (const [i, end] of ends.entries()) {
    const weekId = listed[i] ?? '';
    if (!Number.isInteger(end) || end < start || (i > 0 && weekId <= (listed[i - 1] ?? ''))) return undefined;
    // Each week holds whole lines of this team and week (or none at all).
    if (end > start) {
      if (!startsAt(kept.lines, start, teamPrefix)) return undefined;
      if (!cellAt(kept.lines, start + teamPrefix.length, weekId)) return undefined;
      if (kept.lines[end - 2] !== 13 || kept.lines[end - 1] !== 10) return undefined;
    }
    start = end;
  }
  const upTo = ends[weeks.length - 1] ?? 0;
  return { weeks, all: { lines: kept.lines.subarray(0, upTo), ends: ends.slice(0, weeks.length) } };
}

/** Those of `weeks` from `from` on, their ends counted from their own start. */
function fromWeek(all: TeamLines, weeks: readonly WeekId[], from: WeekId | undefined): TeamLines {
  const first = from === undefined ? 0 : weeks.findIndex((w) => w >= from);
  if (first <= 0) return first === -1 ? { lines: new Uint8Array(0), ends: [] } : all;
  const start = all.ends[first - 1] ?? 0;
  return { lines: all.lines.subarray(start), ends: all.ends.slice(first).map((end) => end - start) };
}

/** Built from the released figures of every week up to `to`, and kept. */
async function buildLines(store: Store, team: Team, clock: ReleaseClock, key: string, to: WeekId | undefined) {
  const track = trendTracker();
  const line = trendLineWriter({ team: team.name });
  const weeks: WeekId[] = [];
  const ends: number[] = [];
  let text = '';
  let end = 0;
  for (const week of await releasedTeamWeeks(store, team, clock, { to })) {
    let lines = '';
    for (const row of track(week)) lines += line(row);
    text += lines;
    end += Buffer.byteLength(lines);
    weeks.push(week.weekId);
    ends.push(end);
  }
  const lines = Buffer.from(text);
  const through = weeks.at(-1);
  if (through)
    await store.keepLines(team.teamId, through, { key, weeks: weeks.join(','), ends: ends.join(','), lines });
  return { weeks, all: { lines, ends } };
}

/**
 * A team's released weeks from `range.from` to `range.to` as CSV bytes (weeks before `from`
 * still count for the change column): kept lines when they check out, else built and kept.
 */
export async function releasedTeamLines(
  store: Store,
  team: Team,
  clock: ReleaseClock,
  range: { readonly from?: WeekId; readonly to?: WeekId } = {},
): Promise<TeamLines> {
  const key = teamLinesKey(team);
  const kept = keptLines(await store.keptLines(team.teamId), clock, range.to, key, team.name);
  if (kept) return fromWeek(kept.all, kept.weeks, range.from);
  const built = await buildLines(store, team, clock, key, range.to);
  return fromWeek(built.all, built.weeks, range.from);
}
