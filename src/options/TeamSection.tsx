/**
 * Sharing with a team: off until the engineer pastes an invite, reads what will be sent, and allows
 * the endpoint's host on the click. Once joined: what was sent, what waits, noise, and leaving.
 */
import { useState } from 'preact/hooks';
import { type Invite, parseInvite } from '../core/invite';
import type { NoiseEpsilon } from '../core/noise';
import { describeMoment } from '../core/reminder';
import { browser } from '../platform/browser';
import type { SyncStatus } from '../platform/messages';
import { syncPermission } from '../platform/sync-permission';
import { ConfirmAction } from '../ui/ConfirmAction';
import { EmptyState, ErrorNotice, Loading } from '../ui/Status';
import { NoiseChoice } from './NoiseChoice';
import { SendPreview } from './SendPreview';
import { useTeam } from './useTeam';

type Week = SyncStatus['weeks'][number];

function weekState(week: Week): string {
  switch (week.state) {
    case 'sent':
      return 'Sent';
    case 'waiting':
      return `Waiting: next try ${describeMoment(new Date(week.sendAt))}`;
    case 'late':
      return 'Arrived too late: the week’s figures were already released. Kept on this device only.';
    case 'refused':
      return 'Refused by the endpoint';
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

  if (state.kind === 'loading') return <Loading label="Loading team sharing…" />;
  if (state.kind === 'failed') {
    return (
      <section aria-labelledby="team-heading">
        <h2 id="team-heading">Share with my team</h2>
        <ErrorNotice>Could not read the team sharing settings: {state.message}</ErrorNotice>
      </section>
    );
  }
  const { status, busy, error } = state;

  const check = (e: Event) => {
    e.preventDefault();
    const parsed = parseInvite(text.trim());
    setChecked(parsed.ok ? { invite: parsed.invite } : { error: parsed.message });
  };

  const allowAndJoin = (invite: Invite) => {
    // Asked first, inside the click: browsers only show the prompt for a user gesture.
    const asked = browser.permissions.request(syncPermission(invite.endpoint));
    void (async () => {
      let granted = false;
      try {
        granted = await asked;
      } catch (err) {
        fail(`The browser could not ask for access: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      if (!granted) {
        fail(
          `You did not allow Culture Pulse to reach ${new URL(invite.endpoint).host}, so it did not join. Nothing was sent.`,
        );
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
      <h2 id="team-heading">Share with my team</h2>
      <div aria-live="polite">{error && <ErrorNotice>{error}</ErrorNotice>}</div>
      {status.problem && <ErrorNotice>{status.problem}</ErrorNotice>}
      {status.team === null ? (
        <>
          <p>
            Off: nothing leaves this browser. If your team runs a Culture Pulse endpoint, paste its invite to share your
            weekly scores, anonymously, with your team’s figures.
          </p>
          <form onSubmit={check} noValidate>
            <div class="field">
              <label for="invite">Invite code or link</label>
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
              Check invite
            </button>
          </form>
          {checked !== undefined && 'invite' in checked && (
            <>
              <SendPreview invite={checked.invite} now={new Date()} />
              <NoiseChoice value={noise} onChange={setNoiseChoice} />
              <p class="small muted">
                Joining asks your browser to let Culture Pulse reach {new URL(checked.invite.endpoint).host}, and
                nothing else.
              </p>
              <div class="row">
                <button type="button" class="primary" disabled={busy} onClick={() => allowAndJoin(checked.invite)}>
                  Allow and join {checked.invite.teamId}
                </button>
                <button type="button" onClick={() => setChecked(undefined)}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </>
      ) : (
        <>
          <p id="team-summary">
            Sharing with team <strong>{status.team.teamId}</strong> at{' '}
            <strong>{new URL(status.team.endpoint).host}</strong>, for weeks from {status.team.joinedWeek} on. Comments
            never leave this browser.
          </p>
          {typeof navigator !== 'undefined' && !navigator.onLine && (
            <p class="notice">This computer is offline. Closed weeks wait here and are sent when it is back online.</p>
          )}
          <h3 class="subheading">Weeks</h3>
          {status.weeks.length === 0 ? (
            <EmptyState>
              No closed week to send yet. Each week is sent after it closes on Sunday, at a random moment in the next
              three days.
            </EmptyState>
          ) : (
            <table class="weeks">
              <caption class="visually-hidden">Weeks shared with your team</caption>
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {status.weeks.map((w) => (
                  <tr key={w.weekId} data-state={w.state}>
                    <th scope="row">{w.weekId}</th>
                    <td>
                      {weekState(w)}
                      {w.noised && ' (with noise)'}
                      {w.problem && w.state !== 'sent' && <span class="small muted"> — {w.problem}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 class="subheading">Noise</h3>
          <NoiseChoice value={status.team.noiseEpsilon} disabled={busy} onChange={(v) => void setNoise(v)} />
          <p class="small muted">A change applies to weeks that close from now on.</p>
          <ConfirmAction
            id="leave"
            label="Leave team…"
            title={`Leave team ${status.team.teamId}?`}
            cancel="Stay"
            confirm="Leave team"
            onConfirm={() => void leave()}
          >
            Sending stops at once and weeks not yet sent are dropped; your answers stay in this browser. What was
            already sent stays on the endpoint as anonymous weekly scores: nothing in it points to you, so it cannot be
            picked out and removed.
          </ConfirmAction>
        </>
      )}
    </section>
  );
}
