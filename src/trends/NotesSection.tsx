/**
 * "What we are doing about it": the manager writes a short plain-text note for a released week and
 * theme; engineers of the team see it in the popup once their browser next sends a week
 * (notes are read only in that run). Shown as text only.
 */
import { useState } from 'preact/hooks';
import { NOTE_MAX_LENGTH, type Note, noteTextSchema } from '../core/notes';
import { THEMES, type Theme } from '../core/questions';
import { describeIssues } from '../core/schemas';
import type { WeekId } from '../core/week';
import { t } from '../platform/i18n';
import { themeLabel } from '../ui/labels';
import { EmptyState, ErrorNotice, Loading } from '../ui/Status';
import { weekOf } from '../ui/week-label';
import type { Notes } from './useTrends';

export function NotesSection({
  notes,
  weeks,
  onSave,
  onDelete,
}: {
  readonly notes: Notes;
  /** Released weeks a note may be written for, newest first. */
  readonly weeks: readonly WeekId[];
  readonly onSave: (note: Note) => Promise<string | undefined>;
  readonly onDelete: (note: Note) => Promise<string | undefined>;
}) {
  const [weekId, setWeekId] = useState<WeekId | undefined>(weeks[0]);
  const [theme, setTheme] = useState<Theme>('impact');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const checked = noteTextSchema.safeParse(text);
    if (!checked.success) {
      setError(t('trends_noteInvalid', describeIssues(checked.error).replace(/^: /, '')));
      return;
    }
    if (!weekId) return;
    setBusy(true);
    const failed = await onSave({ weekId, theme, text });
    setBusy(false);
    setError(failed);
    if (!failed) setText('');
  };

  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('trends_notesHeading')}</h2>
      <p class="small muted">{t('trends_notesIntro')}</p>
      {notes.kind === 'loading' ? (
        <Loading label={t('trends_notesLoading')} />
      ) : notes.kind === 'failed' ? (
        <ErrorNotice>{notes.problem}</ErrorNotice>
      ) : notes.notes.length === 0 ? (
        <EmptyState>{t('trends_notesNone')}</EmptyState>
      ) : (
        <ul class="notes">
          {[...notes.notes].reverse().map((n) => (
            <li key={`${n.weekId}:${n.theme}`}>
              <strong>{t('trends_noteTitle', weekOf(n.weekId), themeLabel(n.theme))}</strong>
              <p class="note-text">{n.text}</p>
              <button type="button" class="link" onClick={() => void onDelete(n).then(setError)}>
                {t('trends_noteDelete', weekOf(n.weekId), themeLabel(n.theme))}
              </button>
            </li>
          ))}
        </ul>
      )}
      {weeks.length === 0 ? (
        <p class="small muted">{t('trends_notesNotYet')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <div class="row">
            <div class="field">
              <label for="note-week">{t('trends_noteWeek')}</label>
              <select id="note-week" value={weekId} onChange={(e) => setWeekId(e.currentTarget.value as WeekId)}>
                {weeks.map((w) => (
                  <option key={w} value={w}>
                    {weekOf(w)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="note-theme">{t('trends_noteTheme')}</label>
              <select id="note-theme" value={theme} onChange={(e) => setTheme(e.currentTarget.value as Theme)}>
                {THEMES.map((theme) => (
                  <option key={theme} value={theme}>
                    {themeLabel(theme)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="field">
            <label for="note-text">{t('trends_noteText')}</label>
            <textarea
              id="note-text"
              rows={3}
              maxLength={NOTE_MAX_LENGTH}
              value={text}
              aria-describedby="note-count"
              aria-invalid={error !== undefined}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <span id="note-count" class="small muted">
              {t('trends_noteCount', text.length, NOTE_MAX_LENGTH)}
            </span>
          </div>
          <div aria-live="polite">{error && <ErrorNotice>{error}</ErrorNotice>}</div>
          <button type="submit" class="primary" disabled={busy}>
            {t('trends_noteSave')}
          </button>
        </form>
      )}
    </section>
  );
}
