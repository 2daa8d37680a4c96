/**
 * Everything the endpoint keeps, behind one small interface with two implementations (SQLite in
 * one file, PostgreSQL) that pass one contract suite (tests/server/store-contract.ts). No IP
 * address, user agent or receive time is ever stored; a submission is its team, week, id, bank
 * version and scores, nothing more, and the stores keep rows in key order, not arrival order.
 */
import type { Note } from '../core/notes';
import type { Submission } from '../core/submission';
import type { WeekId } from '../core/week';
import type { LinesCache } from './lines-cache';
import type { WeekKey } from './week-keys';

/**
 * Open: one ingest token shared by the team, so whoever holds it could answer more than once.
 * Personal: one secret invite per member, and one vote per invite and week (blind-signed tokens).
 */
export type TeamKind = 'open' | 'personal';

export interface Team {
  readonly teamId: string;
  readonly name: string;
  readonly kind: TeamKind;
  /** SHA-256 of the ingest token (an open team's devices send answers with it; it cannot read). */
  readonly ingestTokenHash: string;
  /** SHA-256 of the manager token (reads released figures). */
  readonly managerTokenHash: string;
  /** Groups smaller than this are never shown. At least 3. */
  readonly k: number;
}

/**
 * A released week as stored: written once, when the week's collection window first ended, with
 * the k it was released under and its figures (JSON of the compact form, core/released-codec).
 * Nothing ever changes or recomputes it: not a later k, collection window or name.
 */
export interface StoredRelease {
  readonly weekId: WeekId;
  readonly k: number;
  readonly figures: string;
}

export type TeamChange = Partial<Pick<Team, 'ingestTokenHash' | 'managerTokenHash' | 'k' | 'name'>>;

/** A new submission, a retry that replaced one, or one refused because its week is released. */
export type UpsertResult = 'created' | 'replaced' | 'released';

/** A new vote, the same vote again, a different vote under a spent token, or a released week. */
export type VoteResult = 'created' | 'same' | 'differs' | 'released';

/** An invite's first request for a week's signature, the same request again, or another one. */
export type IssuanceResult = 'new' | 'same' | 'other';

/** A manager's "what we are doing about it" note, one per team, week and theme. */
export type TeamNote = Note & { readonly teamId: string };

/**
 * A personal team's invites, week keys, signatures given and votes. Invites are kept as hashes, with
 * nothing about who holds them; nothing kept at issuance (invite, request) is kept with a vote.
 */
export interface VoteStore {
  /** Add invites (their hashes) to a team; false when there is no such team. */
  addInvites(teamId: string, hashes: readonly string[]): Promise<boolean>;
  /** Revoke the team's active invites whose hash starts with `prefix`; how many were revoked. */
  revokeInvites(teamId: string, prefix: string): Promise<number>;
  /** Whether `hash` is an invite of the team, not revoked. */
  inviteActive(teamId: string, hash: string): Promise<boolean>;
  inviteCounts(teamId: string): Promise<{ readonly active: number; readonly revoked: number }>;
  /** The team's week keys from `from` to `to`, oldest first. */
  weekKeys(teamId: string, from: WeekId, to: WeekId): Promise<WeekKey[]>;
  /** Keep keys for weeks that have none; a week that has a key keeps it. */
  addWeekKeys(teamId: string, keys: readonly WeekKey[]): Promise<void>;
  /** Note that an invite asks for a week's signature of the request with this hash: one request an invite and week. */
  recordIssuance(teamId: string, weekId: WeekId, inviteHash: string, requestHash: string): Promise<IssuanceResult>;
  /**
   * A vote, under its token's spent key as its id: written once unless the week is released (atomic
   * with releaseWeeks, as upsertSubmission is); never replaced.
   */
  castVote(vote: Submission): Promise<VoteResult>;
}

export interface Store extends VoteStore {
  /** Refuses a team id that exists (returns false). */
  createTeam(team: Team): Promise<boolean>;
  getTeam(teamId: string): Promise<Team | undefined>;
  listTeams(): Promise<Team[]>;
  /** Returns false when there is no such team. */
  updateTeam(teamId: string, change: TeamChange): Promise<boolean>;
  /**
   * One submission per (team, week, submission id): a retry replaces, never adds, and never moves
   * to another week. Refused ('released', nothing written) once the week is released. Atomic
   * with releaseWeeks: a submission is either in a week's figures or refused.
   */
  upsertSubmission(submission: Submission): Promise<UpsertResult>;
  /** Every submission of a team's week, in no particular order. */
  weekSubmissions(teamId: string, weekId: WeekId): Promise<Submission[]>;
  /** Weeks of a team that have submissions, oldest first. */
  teamWeeks(teamId: string): Promise<WeekId[]>;
  /** Weeks of a team up to `through` that have submissions and no release yet, oldest first. */
  unreleasedWeeks(teamId: string, through: WeekId): Promise<WeekId[]>;
  /**
   * Release weeks of a team under k, in one transaction: each week not released yet that has
   * submissions gets `figuresOf(its submissions)` stored for good. A week already released keeps
   * what it has; a week without submissions stays unreleased (there is nothing to show).
   */
  releaseWeeks(
    teamId: string,
    k: number,
    weekIds: readonly WeekId[],
    figuresOf: (submissions: readonly Submission[]) => string,
  ): Promise<void>;
  /** A team's released weeks within an optional range, oldest first. */
  teamReleases(teamId: string, range?: { readonly from?: WeekId; readonly to?: WeekId }): Promise<StoredRelease[]>;
  /** The release cache: finished CSV lines, derived from the releases (lines-cache.ts). */
  readonly lines: LinesCache;
  /** Write or replace the note of a team's week and theme; false when there is no such team. */
  putNote(note: TeamNote): Promise<boolean>;
  /** True when there was a note to delete. */
  deleteNote(teamId: string, weekId: WeekId, theme: Note['theme']): Promise<boolean>;
  /** A team's notes, oldest week first, themes in a fixed order. */
  teamNotes(teamId: string): Promise<Note[]>;
  /** Resolves when the store answers a read of its own tables (a readiness check: GET /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
