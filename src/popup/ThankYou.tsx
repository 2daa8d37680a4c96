import { useEffect, useRef, useState } from 'preact/hooks';
import type { Note } from '../core/notes';
import type { Question } from '../core/questions';
import type { PulseRecord } from '../core/schemas';
import type { WeekId } from '../core/week';
import { t, tCount } from '../platform/i18n';
import { loadLatestTeamInvites } from '../platform/team-invites';
import { loadTeamNotes, recentNotes } from '../platform/team-notes';
import { HistoryTable } from '../ui/HistoryTable';
import { answerLabel, statementText, themeLabel } from '../ui/labels';
import { Loading } from '../ui/Status';

export interface ThankYouProps {
  readonly view: {
    readonly weekId: WeekId;
    readonly questions: readonly Question[];
    readonly record: PulseRecord | undefined;
    readonly history: PulseRecord[] | undefined;
  };
  readonly onChange: () => void;
}

export function ThankYou({ view, onChange }: ThankYouProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const answers = view.record?.answers ?? {};
  const [notes, setNotes] = useState<Note[]>([]);
  // A personal team's invites, as the endpoint last counted them: shown every week, so everyone
  // would see a jump (invites made for people who do not exist, to vote with).
  const [invites, setInvites] = useState<number | undefined>(undefined);
  useEffect(() => {
    loadTeamNotes().then(
      (stored) => setNotes(recentNotes(stored?.notes ?? [], view.weekId)),
      () => {}, // Notes are a bonus: the thank-you stands without them.
    );
    loadLatestTeamInvites().then(
      (stored) => setInvites(stored?.invites),
      () => {},
    );
  }, [view.weekId]);
  return (
    <>
      <section aria-labelledby="thanks">
        <h2 id="thanks" tabIndex={-1} ref={heading}>
          {t('popup_thanks')}
        </h2>
        <dl class="answers">
          {view.questions.map((q) => {
            const answer = answers[q.id];
            return (
              <div key={q.id}>
                <dt>{statementText(q)}</dt>
                <dd>{answer === undefined ? t('answer_none') : answerLabel(answer)}</dd>
              </div>
            );
          })}
          {view.record?.comment && (
            <div>
              <dt>{t('popup_yourComment')}</dt>
              <dd>{view.record.comment}</dd>
            </div>
          )}
        </dl>
        <div class="row">
          <button type="button" onClick={onChange}>
            {t('popup_changeAnswers')}
          </button>
          <span class="small muted">{t('popup_changeUntil')}</span>
        </div>
        {invites !== undefined && (
          <p id="team-invites" class="small muted">
            {tCount('popup_teamInvites', invites)}
          </p>
        )}
      </section>
      {notes.length > 0 && (
        <section aria-labelledby="team-notes">
          <h2 id="team-notes">{t('popup_notesHeading')}</h2>
          <ul class="team-notes">
            {notes.map((n) => (
              <li key={`${n.weekId}:${n.theme}`}>
                <span class="small muted">{t('popup_noteWhen', themeLabel(n.theme), n.weekId)}</span>
                <p class="note-text">{n.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        {view.history ? (
          <HistoryTable pulses={view.history} limit={6} caption={t('popup_historyCaption')} compact />
        ) : (
          <Loading label={t('popup_historyLoading')} />
        )}
      </section>
    </>
  );
}
