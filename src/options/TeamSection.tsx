/**
 * Sharing with a team: off until the engineer pastes an invite, reads what will be sent, and allows
 * the endpoint's host on the click. Once joined: what was sent, what waits, noise, and leaving.
 */
import { useState } from 'preact/hooks';
import { type Invite, parseInvite } from '../core/invite';
import type { NoiseEpsilon } from '../core/noise';
import { teamName } from '../core/team';
import { browser } from '../platform/browser';
import { describeCodeRefusal, describeError } from '../platform/describe-error';
import { t } from '../platform/i18n';
import type { SyncStatus } from '../platform/messages';
import { syncPermission } from '../platform/sync-permission';
import { ConfirmAction } from '../ui/ConfirmAction';
import { describeMoment } from '../ui/moments';
import { pageClock } from '../ui/page-clock';
import { tWith } from '../ui/rich-text';
import { EmptyState, ErrorNotice, Loading } from '../ui/Status';
import { NoiseChoice } from './NoiseChoice';
import { SendPreview } from './SendPreview';
import { useTeam } from './useTeam';
import { VoteStatus } from './VoteStatus';

type Week = SyncStatus['weeks'][number];

function weekState(week: Week): string {
  switch (week.state) {
    case 'sent':
      return t('options_weekSent');
    case 'waiting':
      return t('options_weekWaiting', describeMoment(new Date(week.sendAt)));
    case 'late':
      return t('options_weekLate');
    case 'refused':
      return t('options_weekRefused');
    case 'no-token':
      return t('options_weekNoToken');
  }
}

export function TeamSection() {
  const { state, join, leave, setNoise, fail } = useTeam();
  // A link to this page may carry an invite after #join= (npm start's demo does): filled in, never joined.
  const [text, setText] = useState(() =>
    location.hash.startsWith('#join=') ? decodeURIComponent(location.hash.slice('#join='.length)) : '',
  );
  const [checked, setChecked] = useState<{ invite: Invite } | { error: string } | undefined>(undefined);
  const [noise, setNoiseChoice] = useState<NoiseEpsilon | null>(null);

  if (state.kind === 'loading') return <Loading label={t('options_teamLoading')} />;
  if (state.kind === 'failed') {
    return (
      <section aria-labelledby="team-heading">
        <h2 id="team-heading">{t('options_teamHeading')}</h2>
        <ErrorNotice>{t('options_teamReadFailed', state.message)}</ErrorNotice>
      </section>
    );
  }
  const { status, busy, error } = state;

  const check = (e: Event) => {
    e.preventDefault();
    const parsed = parseInvite(text.trim());
    setChecked(parsed.ok ? { invite: parsed.invite } : { error: describeCodeRefusal(parsed) });
  };

  const allowAndJoin = (invite: Invite) => {
    // Asked first, inside the click: browsers only show the prompt for a user gesture.
    const asked = browser.permissions.request(syncPermission(invite.endpoint));
    void (async () => {
      let granted = false;
      try {
        granted = await asked;
      } catch (err) {
        fail(t('options_permissionFailed', describeError(err)));
        return;
      }
      if (!granted) {
        fail(t('options_permissionRefused', new URL(invite.endpoint).host));
        return;
      }
      if (await join(text.trim(), noise)) {
        setText('');
        setChecked(undefined);
      }
    })();
  };

  return (
    <section aria-labelledby="team-heading" aria-busy={busy}>
      <h2 id="team-heading">{t('options_teamHeading')}</h2>
      <div aria-live="polite">{error && <ErrorNotice>{error}</ErrorNotice>}</div>
      {status.problem && <ErrorNotice>{status.problem}</ErrorNotice>}
      {status.team === null ? (
        <>
          <p>{t('options_teamOff')}</p>
          <form onSubmit={check} noValidate>
            <div class="field">
              <label for="invite">{t('options_inviteLabel')}</label>
              <textarea
                id="invite"
                class="code"
                rows={2}
                value={text}
                spellcheck={false}
                aria-invalid={checked !== undefined && 'error' in checked}
                aria-describedby={checked !== undefined && 'error' in checked ? 'invite-error' : undefined}
                onInput={(e) => {
                  setText(e.currentTarget.value);
                  setChecked(undefined);
                }}
              />
              {checked !== undefined && 'error' in checked && (
                <span id="invite-error" class="field-error">
                  {checked.error}
                </span>
              )}
            </div>
            <button type="submit" disabled={text.trim() === ''}>
              {t('options_checkInvite')}
            </button>
          </form>
          {checked !== undefined && 'invite' in checked && (
            <>
              <SendPreview invite={checked.invite} now={pageClock.now()} />
              {/* Closed unless noise was chosen: a new member need not pick an ε before joining. */}
              <details class="advanced" open={noise !== null}>
                <summary>{t('options_advancedPrivacy')}</summary>
                <NoiseChoice value={noise} onChange={setNoiseChoice} />
              </details>
              <p class="small muted">{t('options_joinAsks', new URL(checked.invite.endpoint).host)}</p>
              <div class="row">
                <button type="button" class="primary" disabled={busy} onClick={() => allowAndJoin(checked.invite)}>
                  {t('options_allowAndJoin', teamName(checked.invite))}
                </button>
                <button type="button" onClick={() => setChecked(undefined)}>
                  {t('cancel')}
                </button>
              </div>
            </>
          )}
        </>
      ) : (
        <>
          <p id="team-summary">
            {tWith(
              'options_teamSummary',
              <strong>{teamName(status.team)}</strong>,
              <strong>{new URL(status.team.endpoint).host}</strong>,
              status.team.joinedWeek,
            )}
          </p>
          {typeof navigator !== 'undefined' && !navigator.onLine && <p class="notice">{t('options_offline')}</p>}
          {status.team.personal && <VoteStatus teamId={status.team.teamId} votes={status.votes} />}
          <h3 class="subheading">{t('options_weeksHeading')}</h3>
          {status.weeks.length === 0 ? (
            <EmptyState>{t('options_noWeeksYet')}</EmptyState>
          ) : (
            <table class="weeks">
              <caption class="visually-hidden">{t('options_weeksCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history_week')}</th>
                  <th scope="col">{t('options_weekState')}</th>
                </tr>
              </thead>
              <tbody>
                {status.weeks.map((w) => (
                  <tr key={w.weekId} data-state={w.state}>
                    <th scope="row">{w.weekId}</th>
                    <td>
                      {weekState(w)}
                      {w.noised && ` ${t('options_weekNoised')}`}
                      {w.problem && w.state !== 'sent' && <span class="small muted"> — {w.problem}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 class="subheading">{t('options_noiseHeading')}</h3>
          <NoiseChoice value={status.team.noiseEpsilon} disabled={busy} onChange={(v) => void setNoise(v)} />
          <p class="small muted">{t('options_noiseChangeApplies')}</p>
          <ConfirmAction
            id="leave"
            label={t('options_leave')}
            title={t('options_leaveTitle', teamName(status.team))}
            cancel={t('options_leaveStay')}
            confirm={t('options_leaveConfirm')}
            onConfirm={() => void leave()}
          >
            {t('options_leaveExplained')}
          </ConfirmAction>
        </>
      )}
    </section>
  );
}
