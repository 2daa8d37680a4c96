import type { ComponentChildren } from 'preact';
import type { Question } from '../core/questions';
import type { Answer } from '../core/scale';
import { t } from '../platform/i18n';
import { AnswerScale } from '../ui/AnswerScale';
import { statementText, themeLabel } from '../ui/labels';

export interface QuestionStepProps {
  readonly question: Question;
  readonly index: number;
  readonly total: number;
  readonly answer: Answer | undefined;
  readonly onAnswer: (answer: Answer) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
  /** Under the statement: where the answers go. */
  readonly children?: ComponentChildren;
}

export function QuestionStep({
  question,
  index,
  total,
  answer,
  onAnswer,
  onBack,
  onNext,
  children,
}: QuestionStepProps) {
  return (
    <section aria-labelledby="progress">
      <p id="progress" class="progress">
        {t('popup_statementOf', index + 1, total)}
      </p>
      <p class="theme">{themeLabel(question.theme)}</p>
      <AnswerScale
        name={question.id}
        statement={statementText(question)}
        value={answer}
        onChange={onAnswer}
        autoFocus
        describedBy="keys-hint"
      />
      {children}
      <div class="actions">
        <button type="button" onClick={onBack} disabled={index === 0}>
          {t('back')}
        </button>
        <button type="button" class="primary" onClick={onNext} disabled={answer === undefined}>
          {t('next')}
        </button>
      </div>
      <p id="keys-hint" class="hint">
        {t('popup_keysHint')}
      </p>
    </section>
  );
}
