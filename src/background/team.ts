/**
 * Joining and leaving a team, and changing local noise. The options page asks for the host
 * permission on the engineer's click (only a page can); the background checks it was granted,
 * re-parses the invite (never trusting the page's reading of it), writes the request rule that
 * strips identifying headers (platform/request-rule) and keeps the membership.
 */
import { freshSendAt } from '../core/due-sends';
import { parseInvite } from '../core/invite';
import { type Membership, membershipFor } from '../core/team';
import { browser } from '../platform/browser';
import type { Clock } from '../platform/clock';
import { describeCodeRefusal } from '../platform/describe-error';
import { t } from '../platform/i18n';
import type { SyncStatus } from '../platform/messages';
import { ensureRequestRule } from '../platform/request-rule';
import { syncPermission } from '../platform/sync-permission';
import { saveTeamInvites } from '../platform/team-invites';
import { saveTeamNotes } from '../platform/team-notes';
import { loadMembership, saveMembership } from '../platform/team-settings';
import { withPulseDb } from '../storage/db';
import { updateTeamEntries } from '../storage/outbox';
import { updateTeamTokens } from '../storage/tokens';
import { secureRandom } from './secure-random';
import { refreshSync } from './sync';

export async function joinTeam(
  inviteText: string,
  noiseEpsilon: Membership['noiseEpsilon'],
  clock: Clock,
): Promise<SyncStatus> {
  const now = clock.now();
  const parsed = parseInvite(inviteText);
  if (!parsed.ok) throw new Error(describeCodeRefusal(parsed));
  const { invite } = parsed;
  if (!(await browser.permissions.contains(syncPermission(invite.endpoint)))) {
    throw new Error(t('bg_joinNotAllowed', new URL(invite.endpoint).host));
  }
  // Before the membership exists, so nothing can be sent without it.
  if (!(await ensureRequestRule(invite.endpoint))) {
    throw new Error(t('bg_noRequestRule', new URL(invite.endpoint).host));
  }
  const { value: current } = await loadMembership();
  const same = current?.teamId === invite.teamId && current.endpoint === invite.endpoint;
  const joined = membershipFor(invite, now, noiseEpsilon);
  // Joining again (a rotated token) keeps the weeks already agreed to.
  await saveMembership(same && current ? { ...joined, joinedWeek: current.joinedWeek } : joined);
  // Weeks refused under an old token get another try with the new one, and weeks whose moment
  // passed while sending was not allowed go too: each at a random moment of its own, not now. Sent
  // at the click, together, they would arrive as one person's weeks, at a moment the person chose.
  await withPulseDb((db) =>
    updateTeamEntries(db, invite.teamId, (e) =>
      e.state === 'refused' || e.state === 'no-token' || (e.state === 'waiting' && e.sendAt <= now.getTime())
        ? { ...e, state: 'waiting', sendAt: freshSendAt(now, secureRandom()).getTime(), problem: null }
        : e,
    ),
  );
  // Tokens refused under the old invite are asked for again (with the request kept for them); a
  // changed key stays refused: a new invite does not make another key for the week honest.
  await withPulseDb((db) =>
    updateTeamTokens(db, invite.teamId, (r) =>
      r.state === 'refused' ? { ...r, state: 'waiting', fetchAt: now.getTime(), problem: null } : r,
    ),
  );
  return refreshSync(clock);
}

/**
 * Stop sending: forget the membership, drop weeks not yet sent, remove the request rule, and give
 * back the host permission.
 * What was sent stays on the endpoint; entries already sent stay here, so rejoining never resends them.
 */
export async function leaveTeam(clock: Clock): Promise<SyncStatus> {
  const { value: current } = await loadMembership();
  await saveMembership(null);
  await saveTeamNotes(undefined);
  await saveTeamInvites(undefined);
  await ensureRequestRule(null);
  if (current) {
    await withPulseDb((db) => updateTeamEntries(db, current.teamId, (e) => (e.state === 'waiting' ? undefined : e)));
    await browser.permissions.remove(syncPermission(current.endpoint));
  }
  return refreshSync(clock);
}

/** Noise applies to weeks queued from now on; queued weeks keep the scores already drawn. */
export async function setNoise(noiseEpsilon: Membership['noiseEpsilon'], clock: Clock): Promise<SyncStatus> {
  const { value: current } = await loadMembership();
  if (!current) throw new Error(t('bg_noiseWithoutTeam'));
  await saveMembership({ ...current, noiseEpsilon });
  return refreshSync(clock);
}
