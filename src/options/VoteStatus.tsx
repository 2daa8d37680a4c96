/**
 * A personal team's weekly vote in Settings: what the endpoint can know, this week's token, the
 * week key's fingerprint to compare with teammates, and how many invites the team has (as the
 * endpoint last said, platform/team-invites; the popup may show the same record).
 */
import { useEffect, useState } from 'preact/hooks';
import { t, tCount } from '../platform/i18n';
import type { SyncStatus } from '../platform/messages';
import { loadTeamInvites, type StoredInvites } from '../platform/team-invites';
import { describeMoment } from '../ui/moments';
import { tWith } from '../ui/rich-text';

type Votes = NonNullable<SyncStatus['votes']>;

function tokenWords(votes: Votes): string {
  switch (votes.state) {
    case 'ready':
      return t('options_tokenReady');
    case 'waiting':
      return votes.fetchAt === null ? '' : t('options_tokenWaiting', describeMoment(new Date(votes.fetchAt)));
    default:
      return t('options_tokenNone', votes.problem ?? '');
  }
}

export function VoteStatus({ teamId, votes }: { readonly teamId: string; readonly votes: Votes | null }) {
  const [invites, setInvites] = useState<StoredInvites | undefined>(undefined);
  // Read again whenever the status changes: a token run may just have brought a new count.
  useEffect(() => {
    void loadTeamInvites(teamId).then(setInvites, () => setInvites(undefined));
  }, [teamId, votes]);
  return (
    <div id="vote-status">
      <h3 class="subheading">{t('options_votesHeading')}</h3>
      <p>{t('options_personalKnows')}</p>
      {votes && <p id="vote-token">{tokenWords(votes)}</p>}
      {votes?.keyFingerprint && (
        <p id="vote-key">{tWith('options_keyFingerprint', <code>{votes.keyFingerprint}</code>)}</p>
      )}
      {invites && <p id="vote-invites">{tCount('options_invites', invites.invites, invites.weekId)}</p>}
    </div>
  );
}
