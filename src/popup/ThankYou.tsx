import { useEffect, useRef, useState } from 'preact/hooks';
import type { Note } from '../core/notes';
import { type Question, THEME_LABELS } from '../core/questions';
import { answerLabel } from '../core/scale';
import type { PulseRecord } from '../core/schemas';
import { loadTeamNotes, recentNotes } from '../platform/team-notes';
import { HistoryTable } from '../ui/HistoryTable';
import { Loading } from '../ui/Status';

export interface ThankYouProps {
  readonly view: {
    readonly weekId: string;
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
  useEffect(() => {
    loadTeamNotes().then(
      (stored) => setNotes(recentNotes(stored?.notes ?? [])),
      () => {}, // Notes are a bonus: the thank-you stands without them.
    );
  }, []);
  return (
    <>
      <section aria-labelledby="thanks">
        <h2 id="thanks" tabIndex={-1} ref={heading}>
          Thank you — this week’s pulse is saved.
        </h2>
        <dl class="answers">
          {view.questions.map((q) => {
            const answer = answers[q.id];
            return (
              <div key={q.id}>
                <dt>{q.text}</dt>
                <dd>{answer === undefined ? 'Not answered' : answerLabel(answer)}</dd>
              </div>
            );
          })}
          {view.record?.comment && (
            <div>
              <dt>Your comment (stays on this device)</dt>
              <dd>{view.record.comment}</dd>
            </div>
          )}
        </dl>
        <div class="row">
          <button type="button" onClick={onChange}>
            Change my answers
          </button>
          <span class="small muted">You can change them until Sunday midnight.</span>
        </div>
      </section>
      {notes.length > 0 && (
        <section aria-labelledby="team-notes">
          <h2 id="team-notes">From your team: what we are doing about it</h2>
          <ul class="team-notes">
            {notes.map((n) => (
              <li key={`${n.weekId}:${n.theme}`}>
                <span class="small muted">
                  {THEME_LABELS[n.theme]}, week {n.weekId}
                </span>
                <p class="note-text">{n.text}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        {view.history ? (
          <HistoryTable
            pulses={view.history}
            limit={6}
            caption="Your last weeks (your average, 1 = strongly disagree, 5 = strongly agree)"
          />
        ) : (
          <Loading label="Loading your last weeks…" />
        )}
      </section>
    </>
  );
}
