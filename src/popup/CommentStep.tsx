import { useEffect, useRef } from 'preact/hooks';
import { MAX_COMMENT_LENGTH } from '../core/schemas';

export interface CommentStepProps {
  readonly comment: string;
  readonly total: number;
  readonly onChange: (text: string) => void;
  readonly onBack: () => void;
  readonly onDone: () => void;
}

export function CommentStep({ comment, total, onChange, onBack, onDone }: CommentStepProps) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <section aria-labelledby="comment-label">
      <p class="progress">All {total} statements answered</p>
      <label id="comment-label" for="comment">
        <strong>Anything to add?</strong> <span class="muted">(optional)</span>
      </label>
      <p id="comment-help" class="hint">
        Your comment stays on this device. It is never sent to your team.
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
          Back
        </button>
        <button type="button" class="primary" onClick={onDone}>
          Done
        </button>
      </div>
      <p id="comment-keys" class="hint">
        Enter to finish, Shift+Enter for a new line.
      </p>
    </section>
  );
}
