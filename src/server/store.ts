/**
 * Everything the endpoint keeps, behind one small interface with two implementations (SQLite in
 * one file, PostgreSQL) that pass one contract suite (tests/server/store-contract.ts). No IP
 * address, user agent or receive time is ever stored; a submission is its team, week, id, bank
 * version and scores, nothing more.
 */
import type { Note } from '../core/notes';
import type { Submission } from '../core/submission';
import type { WeekId } from '../core/week';

export interface Team {
  readonly teamId: string;
  readonly name: string;
  /** SHA-256 of the ingest token (devices send answers with it; it cannot read). */
  readonly ingestTokenHash: string;
  /** SHA-256 of the manager token (reads released figures). */
  readonly managerTokenHash: string;
  /** Groups smaller than this are never shown. At least 3. */
  readonly k: number;
}

/**
 * A team's finished CSV lines, kept (see released-lines.ts): the key they were made under, the
 * weeks they hold, oldest first ("2026-W01,2026-W02"), where each week's text ends ("853,1706")
 * and the text.
 */
export interface KeptLines {
  readonly key: string;
  readonly weeks: string;
  readonly ends: string;
  readonly lines: string;
}

/** Kept lines, with what the store holds now beside what it held when they were kept. */
export interface KeptLinesNow extends KeptLines {
  /** Submissions in the weeks up to the last kept one, when the lines were kept and now. */
  readonly submissionsThen: number;
  readonly submissionsNow: number;
  /** The first week after the last kept one that has submissions. */
  readonly nextWeek: string | null;
}

export type TeamChange = Partial<Pick<Team, 'ingestTokenHash' | 'managerTokenHash' | 'k' | 'name'>>;

export type UpsertResult = 'created' | 'replaced';

/** A manager's "what we are doing about it" note, one per team, week and theme. */
export type TeamNote = Note & { readonly teamId: string };

export interface Store {
  /** Refuses a team id that exists (returns false). */
  createTeam(team: Team): Promise<boolean>;
  getTeam(teamId: string): Promise<Team | undefined>;
  listTeams(): Promise<Team[]>;
  /** Returns false when there is no such team. */
  updateTeam(teamId: string, change: TeamChange): Promise<boolean>;
  /** One submission per (team, submission id): a retry replaces, never adds. Atomic. */
  upsertSubmission(submission: Submission): Promise<UpsertResult>;
  /** Every submission of a team's week, in no particular order. */
  weekSubmissions(teamId: string, weekId: WeekId): Promise<Submission[]>;
  /** Weeks of a team that have submissions, oldest first. */
  teamWeeks(teamId: string): Promise<WeekId[]>;
  /**
   * A team's submissions week by week, oldest first, within an optional range: one pass for a
   * whole export, holding one week (one team's people) at a time.
   */
  teamSubmissionsByWeek(
    teamId: string,
    range?: { readonly from?: WeekId; readonly to?: WeekId },
  ): AsyncGenerator<{ weekId: WeekId; submissions: Submission[] }>;
  /**
   * Every week of a team that has submissions (within a range), oldest first, each with its kept
   * released figures when there are (JSON of the compact form, for that k): a released week never
   * changes, so an export reads these instead of every submission again.
   */
  teamWeeksWithKept(
    teamId: string,
    range?: { readonly from?: WeekId; readonly to?: WeekId },
  ): Promise<{ weekId: WeekId; kept: { k: number; figures: string } | null }[]>;
  /**
   * Keep weeks' released figures for k, all in one transaction, forgetting the team's kept CSV
   * lines in it: lines made from other figures must never outlive them.
   */
  keepReleased(teamId: string, k: number, weeks: readonly { weekId: WeekId; figures: string }[]): Promise<void>;
  /** A team's kept CSV lines, as stored (the caller checks them), or null. */
  keptLines(teamId: string): Promise<KeptLinesNow | null>;
  /**
   * Keep a team's CSV lines for the weeks up to `through`, with the number of submissions in
   * those weeks now, replacing those kept before.
   */
  keepLines(teamId: string, through: WeekId, lines: KeptLines): Promise<void>;
  /** Write or replace the note of a team's week and theme; false when there is no such team. */
  putNote(note: TeamNote): Promise<boolean>;
  /** True when there was a note to delete. */
  deleteNote(teamId: string, weekId: WeekId, theme: Note['theme']): Promise<boolean>;
  /** A team's notes, oldest week first, themes in a fixed order. */
  teamNotes(teamId: string): Promise<Note[]>;
  close(): Promise<void>;
}
