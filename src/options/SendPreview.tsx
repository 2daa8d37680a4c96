/**
 * Exactly what joining a team sends, before the engineer agrees: in plain words, as the request
 * body itself for this week's statements with example scores, and every request the extension
 * will make, with when and what it carries (src/background/sync.ts makes no other). A personal
 * invite's requests differ: the week's token with the invite early in each week, the vote without
 * it after the week closes (background/vote-tokens.ts, background/votes.ts).
 */
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
  const days = SEND_SPREAD_MS / 86_400_000;
  if (invite.personal) return <PersonalPreview invite={invite} weekId={weekId} scores={scores} days={days} />;
  const example = {
    submissionId: `9f2c…${t('options_exampleSubmissionId')}`,
    teamId: invite.teamId,
    weekId,
    bankVersion: BANK_VERSION,
    scores,
  };
  return (
    <div class="preview" id="send-preview">
      <h3>{t('options_previewHeading')}</h3>
      <p>
        {tWith(
          'options_previewWhere',
          <strong>{new URL(invite.endpoint).host}</strong>,
          <strong>{invite.teamId}</strong>,
          formatNumber(days),
        )}
      </p>
      <ul>
        <li>{t('options_previewTeamWeek', weekId)}</li>
        <li>{t('options_previewScores')}</li>
      </ul>
      <p>
        <strong>{t('options_neverSentLabel')}</strong> {t('options_neverSent')}
      </p>
      <details>
        <summary>{t('options_previewBody')}</summary>
        <pre>{JSON.stringify(example, null, 2)}</pre>
      </details>
      <h4>{t('options_previewRequestsHeading')}</h4>
      <ul class="requests">
        <li>
          {tWith('options_previewPost', <code>{requestLine('POST', invite, 'submissions')}</code>, formatNumber(days))}
        </li>
        <li>{tWith('options_previewGet', <code>{requestLine('GET', invite, 'notes')}</code>)}</li>
      </ul>
      <p>{t('options_previewNothingElse')}</p>
      <p>{tWith('options_previewHeaders', <code>{FIXED_USER_AGENT}</code>)}</p>
    </div>
  );
}

/** A personal invite's preview: the token requests with the invite, the vote without it. */
function PersonalPreview({
  invite,
  weekId,
  scores,
  days,
}: {
  readonly invite: Invite;
  readonly weekId: WeekId;
  readonly scores: Record<string, number | undefined>;
  readonly days: number;
}) {
  const example = { token: `AAIx…${t('options_exampleToken')}`, weekId, bankVersion: BANK_VERSION, scores };
  return (
    <div class="preview" id="send-preview">
      <h3>{t('options_previewHeading')}</h3>
      <p>
        {tWith(
          'options_previewPersonalWhere',
          <strong>{new URL(invite.endpoint).host}</strong>,
          <strong>{invite.teamId}</strong>,
          formatNumber(days),
        )}
      </p>
      <ul>
        <li>{t('options_previewTeamWeek', weekId)}</li>
        <li>{t('options_previewScores')}</li>
      </ul>
      <p>
        <strong>{t('options_neverSentLabel')}</strong> {t('options_neverSentPersonal')}
      </p>
      <p>{t('options_previewPersonalKnows')}</p>
      <details>
        <summary>{t('options_previewBody')}</summary>
        <pre>{JSON.stringify(example, null, 2)}</pre>
      </details>
      <h4>{t('options_previewRequestsHeading')}</h4>
      <ul class="requests">
        <li>
          {tWith(
            'options_previewKeys',
            <code>{requestLine('GET', invite, 'keys')}</code>,
            <code>{requestLine('POST', invite, 'tokens')}</code>,
          )}
        </li>
        <li>{tWith('options_previewPersonalGet', <code>{requestLine('GET', invite, 'notes')}</code>)}</li>
        <li>{tWith('options_previewVote', <code>{requestLine('POST', invite, 'votes')}</code>, formatNumber(days))}</li>
      </ul>
      <p>{t('options_previewNothingElse')}</p>
      <p>{tWith('options_previewPersonalHeaders', <code>{FIXED_USER_AGENT}</code>)}</p>
    </div>
  );
}
