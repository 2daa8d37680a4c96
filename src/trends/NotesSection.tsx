/**
 * "What we are doing about it": the manager writes a short plain-text note for a released week and
 * theme; engineers of the team see it in the popup after their next pulse. Shown as text only.
 */
import { useState } from 'preact/hooks';
import { NOTE_MAX_LENGTH, type Note, noteTextSchema } from '../core/notes';
import { THEME_LABELS, THEMES, type Theme } from '../core/questions';
import { describeIssues } from '../core/schemas';
import type { WeekId } from '../core/week';
import { EmptyState, ErrorNotice } from '../ui/Status';

export function NotesSection({
  notes,
  weeks,
  onSave,
  onDelete,
}: {
  readonly notes: readonly Note[];
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
      setError(`The note ${describeIssues(checked.error)}`.replace(/^The note : /, 'The note '));
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
      <h2 id="notes-heading">What we are doing about it</h2>
      <p class="small muted">
        A short note for a week and theme. Engineers of the team see it in their popup after their next pulse: answers
        that visibly lead somewhere keep coming.
      </p>
      {notes.length === 0 ? (
        <EmptyState>No notes yet.</EmptyState>
      ) : (
        <ul class="notes">
          {[...notes].reverse().map((n) => (
            <li key={`${n.weekId}:${n.theme}`}>
              <strong>
                {n.weekId} · {THEME_LABELS[n.theme]}
              </strong>
              <p class="note-text">{n.text}</p>
              <button type="button" class="link" onClick={() => void onDelete(n).then(setError)}>
                Delete note for {n.weekId} {THEME_LABELS[n.theme]}
              </button>
            </li>
          ))}
        </ul>
      )}
      {weeks.length === 0 ? (
        <p class="small muted">Notes can be written once a week’s figures are released.</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <div class="row">
            <div class="field">
              <label for="note-week">Week</label>
              <select id="note-week" value={weekId} onChange={(e) => setWeekId(e.currentTarget.value as WeekId)}>
                {weeks.map((w) => (
                  <option key={w} value={w}>
                    {w}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="note-theme">Theme</label>
              <select id="note-theme" value={theme} onChange={(e) => setTheme(e.currentTarget.value as Theme)}>
                {THEMES.map((t) => (
                  <option key={t} value={t}>
                    {THEME_LABELS[t]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="field">
            <label for="note-text">Note</label>
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
              {text.length} of {NOTE_MAX_LENGTH} characters; plain text.
            </span>
          </div>
          <div aria-live="polite">{error && <ErrorNotice>{error}</ErrorNotice>}</div>
          <button type="submit" class="primary" disabled={busy}>
            Save note
          </button>
        </form>
      )}
    </section>
  );
}
