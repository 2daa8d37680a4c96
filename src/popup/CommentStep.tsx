import { useLayoutEffect, useRef } from 'preact/hooks';
import { MAX_COMMENT_LENGTH } from '../core/pulse-record';
import { t } from '../platform/i18n';

export interface CommentStepProps {
  readonly comment: string;
  /** Statements answered on the scale (not skipped), as the thank-you and the history count them. */
  readonly answered: number;
  readonly total: number;
  readonly onChange: (text: string) => void;
  readonly onBack: () => void;
  readonly onDone: () => void;
}

export function CommentStep({ comment, answered, total, onChange, onBack, onDone }: CommentStepProps) {
  const box = useRef<HTMLTextAreaElement>(null);
  // Before the first paint: a key pressed as the step appears goes into the comment, not elsewhere.
  useLayoutEffect(() => box.current?.focus(), []);
  return (
    <section aria-labelledby="comment-label">
      <p class="progress">
        {answered === total ? t('popup_allAnswered', total) : t('popup_someAnswered', answered, total)}
      </p>
      <label id="comment-label" for="comment">
        <strong>{t('popup_commentLabel')}</strong> <span class="muted">{t('popup_optional')}</span>
      </label>
      <p id="comment-help" class="hint">
        {t('popup_commentHelp')}
      </p>
      <textarea
        id="comment"
        ref={box}
        rows={4}
        maxLength={MAX_COMMENT_LENGTH}
        value={comment}
        aria-describedby="comment-help comment-keys"
        onInput={(e) => onChange(e.currentTarget.value)}
      />
      <div class="actions">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <button type="button" class="primary" onClick={onDone}>
          {t('done')}
        </button>
      </div>
      <p id="comment-keys" class="hint">
        {t('popup_commentKeys')}
      </p>
    </section>
  );
}
