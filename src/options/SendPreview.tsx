/**
 * Exactly what joining a team sends, before the engineer agrees: in plain words, and as the
 * request body itself for this week's statements with example scores.
 */
import type { Invite } from '../core/invite';
import { SEND_SPREAD_MS } from '../core/outbox';
import { BANK_VERSION } from '../core/questions';
import { pulseForWeek } from '../core/rotation';
import { weekIdOf } from '../core/week';
import { formatNumber, t } from '../platform/i18n';
import { tWith } from '../ui/rich-text';

const EXAMPLE_SCORES = [4, 3, 5, 2, 4] as const;

export function SendPreview({ invite, now }: { readonly invite: Invite; readonly now: Date }) {
  const weekId = weekIdOf(now);
  const questions = pulseForWeek(weekId).questions;
  const example = {
    submissionId: `9f2c…${t('options_exampleSubmissionId')}`,
    teamId: invite.teamId,
    weekId,
    bankVersion: BANK_VERSION,
    scores: Object.fromEntries(questions.map((q, i) => [q.id, EXAMPLE_SCORES[i % EXAMPLE_SCORES.length]])),
  };
  const days = SEND_SPREAD_MS / 86_400_000;
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
    </div>
  );
}
