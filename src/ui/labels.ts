/**
 * The words for core's values (themes, scale points, statements) in the browser's language. Core
 * keeps English text for the server and the CSV; the screens show these.
 */
import { type Question, statementKey, type Theme } from '../core/questions';
import type { Answer, ScaleValue } from '../core/scale';
import { type MessageKey, t, tOr } from '../platform/i18n';

const THEME_KEYS: Record<Theme, MessageKey> = {
  impact: 'theme_impact',
  choice: 'theme_choice',
  improvement: 'theme_improvement',
};

const SCALE_KEYS: Record<ScaleValue, MessageKey> = {
  1: 'scale_1',
  2: 'scale_2',
  3: 'scale_3',
  4: 'scale_4',
  5: 'scale_5',
};

export function themeLabel(theme: Theme): string {
  return t(THEME_KEYS[theme]);
}

export function scaleLabel(point: ScaleValue): string {
  return t(SCALE_KEYS[point]);
}

export function answerLabel(answer: Answer): string {
  return answer === 'skip' ? t('answer_skipped') : scaleLabel(answer);
}

/** A statement in the browser's language; its English wording if it has no translation yet. */
export function statementText(question: Question): string {
  return tOr(statementKey(question.id), question.text);
}
