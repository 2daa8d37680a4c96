/**
 * Exactly what joining a team sends, before the engineer agrees: in plain words, as the request
 * body itself for this week's statements with example scores, and every request the extension
 * will make, with when and what it carries (src/background/sync.ts makes no other). A personal
 * invite's requests differ: the week's token with the invite early in each week, the vote without
 * it after the week closes (background/vote-tokens.ts, background/votes.ts).
 */

import type { ComponentChildren } from 'preact';
import type { Invite } from '../core/invite';
import { SEND_SPREAD_MS } from '../core/outbox';
import { BANK_VERSION } from '../core/questions';
import { FIXED_USER_AGENT } from '../core/request-rule';
import { pulseForWeek } from '../core/rotation';
import { type WeekId, weekIdOf } from '../core/week';
import { formatNumber, t } from '../platform/i18n';
import { tWith } from '../ui/rich-text';

const EXAMPLE_SCORES = [4, 3, 5, 2, 4] as const;

/** "POST https://…/v1/teams/platform/submissions": a request as the endpoint's log would show it. */
function requestLine(
  method: 'GET' | 'POST',
  invite: Invite,
  resource: 'submissions' | 'notes' | 'keys' | 'tokens' | 'votes',
): string {
  return `${method} ${invite.endpoint}/v1/teams/${encodeURIComponent(invite.teamId)}/${resource}`;
}

export function SendPreview({ invite, now }: { readonly invite: Invite; readonly now: Date }) {
  const weekId = weekIdOf(now);
  const questions = pulseForWeek(weekId).questions;
  const scores = Object.fromEntries(questions.map((q, i) => [q.id, EXAMPLE_SCORES[i % EXAMPLE_SCORES.length]]));
  const days = formatNumber(SEND_SPREAD_MS / 86_400_000);
  const host = <strong>{new URL(invite.endpoint).host}</strong>;
  const team = <strong>{invite.teamId}</strong>;
  const line = (method: 'GET' | 'POST', resource: Parameters<typeof requestLine>[2]) => (
    <code>{requestLine(method, invite, resource)}</code>
  );
  // A personal invite's requests differ: the token with the invite, the vote without it.
  return invite.personal ? (
    <Preview
      weekId={weekId}
      where={tWith('options_previewPersonalWhere', host, team, days)}
      neverSent={t('options_neverSentPersonal')}
      knows={t('options_previewPersonalKnows')}
      example={{ token: `AAIx…${t('options_exampleToken')}`, weekId, bankVersion: BANK_VERSION, scores }}
      requests={[
        tWith('options_previewKeys', line('GET', 'keys'), line('POST', 'tokens')),
        tWith('options_previewPersonalGet', line('GET', 'notes')),
        tWith('options_previewVote', line('POST', 'votes'), days),
      ]}
      headers={tWith('options_previewPersonalHeaders', <code>{FIXED_USER_AGENT}</code>)}
    />
  ) : (
    <Preview
      weekId={weekId}
      where={tWith('options_previewWhere', host, team, days)}
      neverSent={t('options_neverSent')}
      example={{
        submissionId: `9f2c…${t('options_exampleSubmissionId')}`,
        teamId: invite.teamId,
        weekId,
        bankVersion: BANK_VERSION,
        scores,
      }}
      requests={[
        tWith('options_previewPost', line('POST', 'submissions'), days),
        tWith('options_previewGet', line('GET', 'notes')),
      ]}
      headers={tWith('options_previewHeaders', <code>{FIXED_USER_AGENT}</code>)}
    />
  );
}

/** The preview's frame: what is sent, what never is, the body itself, and every request. */
function Preview(props: {
  readonly weekId: WeekId;
  readonly where: ComponentChildren;
  readonly neverSent: string;
  readonly knows?: string;
  readonly example: object;
  readonly requests: readonly ComponentChildren[];
  readonly headers: ComponentChildren;
}) {
  return (
    <div class="preview" id="send-preview">
      <h3>{t('options_previewHeading')}</h3>
      <p>{props.where}</p>
      <ul>
        <li>{t('options_previewTeamWeek', props.weekId)}</li>
        <li>{t('options_previewScores')}</li>
      </ul>
      <p>
        <strong>{t('options_neverSentLabel')}</strong> {props.neverSent}
      </p>
      {props.knows && <p>{props.knows}</p>}
      <details>
        <summary>{t('options_previewBody')}</summary>
        <pre>{JSON.stringify(props.example, null, 2)}</pre>
      </details>
      <h4>{t('options_previewRequestsHeading')}</h4>
      <ul class="requests">
        {props.requests.map((request, i) => (
          // A fixed list for the invite, never reordered: its place is its identity.
          <li key={i}>{request}</li>
        ))}
      </ul>
      <p>{t('options_previewNothingElse')}</p>
      <p>{props.headers}</p>
    </div>
  );
}
