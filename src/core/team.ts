/**
 * This device's membership of a team, as kept in extension storage: where to send, as which team,
 * with which ingest token, from which week on, whether to add local noise, and whether the invite is
 * a personal one (one vote a week, core/vote-token.ts). Parsed on every
 * read; a membership that does not parse sends nothing until the engineer joins again.
 */
import * as z from 'zod/mini';
import { checkEndpoint, INGEST_TOKEN, type Invite, TEAM_NAME_MAX } from './invite';
import { noiseEpsilonSchema } from './noise';
import { weekIdSchema } from './schemas';
import { teamIdSchema } from './submission';
import { type WeekId, weekIdOf } from './week';

export const membershipSchema = z.strictObject({
  endpoint: z
    .string()
    .check(z.refine((s) => checkEndpoint(s).ok, 'must be an https address (plain http only for localhost)')),
  teamId: teamIdSchema,
  ingestToken: z.string().check(z.regex(INGEST_TOKEN, 'is not an ingest token')),
  /** Weeks from this one on are sent; earlier weeks were answered before the engineer agreed. */
  joinedWeek: weekIdSchema,
  noiseEpsilon: noiseEpsilonSchema,
  /**
   * A personal invite: the ingest token is this member's own secret, used only to fetch the week's
   * vote token; the vote goes without it. Absent in memberships kept before personal teams (open).
   */
  personal: z.optional(z.boolean()),
  /** The team's name from the invite, to show; absent for invites without one (the id is shown). */
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(TEAM_NAME_MAX))),
});
export type Membership = z.infer<typeof membershipSchema>;

export function membershipFor(invite: Invite, now: Date, noiseEpsilon: Membership['noiseEpsilon']): Membership {
  return { ...invite, joinedWeek: weekIdOf(now), noiseEpsilon };
}

/** What to call a team on screen: its name when the invite gave one, else its id. */
export function teamName(team: { readonly teamId: string; readonly name?: string | null | undefined }): string {
  return team.name ?? team.teamId;
}

/** Whether a week is one this membership sends (joined week or later; ids sort as text). */
export function isSentWeek(membership: Membership, weekId: WeekId): boolean {
  return weekId >= membership.joinedWeek;
}

/** The host-permission pattern for an endpoint: its scheme and host, any port, any path. */
export function originPattern(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.hostname}/*`;
}
