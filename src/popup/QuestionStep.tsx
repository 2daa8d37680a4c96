import type { Question } from '../core/questions';
import { THEME_LABELS } from '../core/questions';
import type { Answer } from '../core/scale';
import { AnswerScale } from '../ui/AnswerScale';

export interface QuestionStepProps {
  readonly question: Question;
  readonly index: number;
  readonly total: number;
  readonly answer: Answer | undefined;
  readonly onAnswer: (answer: Answer) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

export function QuestionStep({ question, index, total, answer, onAnswer, onBack, onNext }: QuestionStepProps) {
  return (
    <section aria-labelledby="progress">
      <p id="progress" class="progress">
        Statement {index + 1} of {total}
      </p>
      <p class="theme">{THEME_LABELS[question.theme]}</p>
      <AnswerScale
        name={question.id}
        statement={question.text}
        value={answer}
        onChange={onAnswer}
        autoFocus
        describedBy="keys-hint"
      />
      <div class="actions">
        <button type="button" onClick={onBack} disabled={index === 0}>
          Back
        </button>
        <button type="button" class="primary" onClick={onNext} disabled={answer === undefined}>
          Next
        </button>
      </div>
      <p id="keys-hint" class="hint">
        Keys: 1–5 to answer, S to skip, Enter for next, Esc to close. Saved as you go.
      </p>
    </section>
  );
}
