/**
 * The release cache: each team's finished CSV lines, kept beside the releases they were built from
 * (see released-lines.ts for when they are used). Derived data, built again whenever missing, so a
 * row that does not read back as kept lines is reported as missing, never trusted and never fatal.
 * One row a team (an export reads a thousand texts, not a hundred thousand small rows), with the
 * weeks and their text's ends as JSON arrays.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import * as z from 'zod/mini';
import { weekIdSchema } from '../core/schemas';
import type { WeekId } from '../core/week';

/**
 * A team's finished CSV lines: the key they were made under, the weeks they hold, oldest first,
 * where each week's text ends in `lines`, and the text.
 */
export interface KeptLines {
  readonly key: string;
  readonly weeks: readonly WeekId[];
  readonly ends: readonly number[];
  readonly lines: string;
}

/** Kept lines, with what the store holds now beside what it held when they were kept. */
export interface KeptLinesNow extends KeptLines {
  /** Releases up to the last kept week, when the lines were kept and now. */
  readonly releasesThen: number;
  readonly releasesNow: number;
  /** The first released week after the last kept one. */
  readonly nextWeek: WeekId | null;
}

export interface LinesCache {
  /** A team's kept lines, or null when there are none or they do not read back. */
  kept(teamId: string): Promise<KeptLinesNow | null>;
  /** Keep a team's lines for the weeks up to `through`, with the releases up to it now; replaces what was kept. */
  keep(teamId: string, through: WeekId, lines: KeptLines): Promise<void>;
}

/** A row as either store gives it back: weeks and ends still JSON text. */
const rowSchema = z.object({
  key: z.string(),
  weeks: z.string(),
  ends: z.string(),
  lines: z.string(),
  releasesThen: z.number(),
  releasesNow: z.number(),
  nextWeek: z.nullable(weekIdSchema),
});

const listsSchema = z.object({
  weeks: z.array(weekIdSchema),
  ends: z.array(z.number().check(z.int(), z.gte(0))),
});

/** The kept lines a stored row holds, or null for no row or one that does not read back. */
export function keptFromRow(row: unknown): KeptLinesNow | null {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) return null;
  let lists: unknown;
  try {
    lists = { weeks: JSON.parse(parsed.data.weeks), ends: JSON.parse(parsed.data.ends) };
  } catch {
    return null;
  }
  const checked = listsSchema.safeParse(lists);
  return checked.success ? { ...parsed.data, ...checked.data } : null;
}

/** The count and the next week tell whether weeks were released since the lines were kept. */
const SELECT = (param: string, asInt = '') =>
  `SELECT key, weeks, ends, lines, releases AS "releasesThen",
     (SELECT count(*)${asInt} FROM releases AS r WHERE r.team_id = l.team_id AND r.week_id <= l.through) AS "releasesNow",
     (SELECT min(r.week_id) FROM releases AS r WHERE r.team_id = l.team_id AND r.week_id > l.through) AS "nextWeek"
   FROM released_lines AS l WHERE team_id = ${param}`;

export function sqliteLinesCache(db: Database.Database): LinesCache {
  const select = db.prepare<[string], unknown>(SELECT('?'));
  const upsert = db.prepare(
    `INSERT INTO released_lines (team_id, key, through, releases, weeks, ends, lines)
     VALUES (@teamId, @key, @through, (SELECT count(*) FROM releases WHERE team_id = @teamId AND week_id <= @through),
       @weeks, @ends, @lines)
     ON CONFLICT (team_id) DO UPDATE SET key = excluded.key, through = excluded.through,
       releases = excluded.releases, weeks = excluded.weeks, ends = excluded.ends, lines = excluded.lines`,
  );
  return {
    async kept(teamId) {
      return keptFromRow(select.get(teamId) ?? null);
    },
    async keep(teamId, through, kept) {
      // Written without waiting for the disk (no fsync a commit): a power cut may lose the last ones,
      // never corrupt them, and the next commit of a submission syncs them too. The first export
      // writes a thousand of these; waiting for each took most of its time. Releases are facts and wait.
      db.pragma('synchronous = NORMAL');
      try {
        upsert.run({
          teamId,
          through,
          key: kept.key,
          weeks: JSON.stringify(kept.weeks),
          ends: JSON.stringify(kept.ends),
          lines: kept.lines,
        });
      } finally {
        db.pragma('synchronous = FULL');
      }
    },
  };
}

/** `pool` reaches the deployment's schema (its search_path), as the PostgreSQL store's does. */
export function postgresLinesCache(pool: pg.Pool): LinesCache {
  return {
    async kept(teamId) {
      const { rows } = await pool.query(SELECT('$1', '::int'), [teamId]);
      return keptFromRow(rows[0] ?? null);
    },
    async keep(teamId, through, kept) {
      await pool.query(
        `INSERT INTO released_lines (team_id, key, through, releases, weeks, ends, lines)
         VALUES ($1, $2, $3, (SELECT count(*) FROM releases WHERE team_id = $1 AND week_id <= $3), $4, $5, $6)
         ON CONFLICT (team_id) DO UPDATE SET key = EXCLUDED.key, through = EXCLUDED.through,
           releases = EXCLUDED.releases, weeks = EXCLUDED.weeks, ends = EXCLUDED.ends, lines = EXCLUDED.lines`,
        [teamId, kept.key, through, JSON.stringify(kept.weeks), JSON.stringify(kept.ends), kept.lines],
      );
    },
  };
}
