/** The weekly pulse: a few statements, an optional comment, then a thank-you with the last weeks. */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isScaleValue } from '../core/scale';
import { browser } from '../platform/browser';
import { t, tCount } from '../platform/i18n';
import { ErrorNotice, Loading } from '../ui/Status';
import { weekRange } from '../ui/week-label';
import { Destination } from './Destination';
import { type KeyTarget, keyAction } from './keys';
import { QuestionStep } from './QuestionStep';
import { stepAt } from './session';
import { usePulse } from './usePulse';

/**
 * Text that stays on one line: spaces that do not break, and a word joiner after a dash, where
 * browsers would otherwise break ("30 Nov –" / "6 Dec").
 */
function oneLine(text: string): string {
  return text.replace(/\s/g, (c) => (c === ' ' ? '\u00a0' : '\u202f')).replace(/[–-]/g, '$&\u2060');
}

function targetKind(target: EventTarget | null): KeyTarget {
  if (target instanceof HTMLTextAreaElement) return 'text';
  if (target instanceof HTMLInputElement && target.type !== 'radio') return 'text';
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return 'button';
  return 'other';
}

/**
 * A screen the first statement does not need, loaded once `wanted`: the comment step as soon as
 * the first statement is up (it is seconds away at the earliest), the thank-you screen (with the
 * history and the team's notes) once the engineer is past the statements or returns to a finished
 * week. Until it arrives the Loading line shows; answers are saved whatever happens here.
 */
function useLater<T>(load: () => Promise<T>, wanted: boolean): T | undefined {
  const [loaded, setLoaded] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    if (!wanted || loaded) return;
    load().then(
      (value) => setLoaded({ value }),
      () => {},
    );
  }, [wanted, loaded, load]);
  return loaded?.value;
}

const loadThankYou = () => import('./ThankYou').then((m) => m.ThankYou);
const loadCommentStep = () => import('./CommentStep').then((m) => m.CommentStep);

export function Popup() {
  const { view, session } = usePulse();
  const ThankYou = useLater(loadThankYou, view.kind === 'ready' && view.step.kind !== 'question');
  const CommentStep = useLater(loadCommentStep, view.kind === 'ready');
  // The key listener reads the view of the latest render, not of the render that added it.
  const latest = useRef(view);
  latest.current = view;

  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const view = latest.current;
      if (view.kind !== 'ready' && event.key !== 'Escape') return;
      const step = view.kind === 'ready' ? view.step : undefined;
      const action = keyAction(event, targetKind(event.target), step?.kind === 'question');
      if (action.kind === 'none') return;
      event.preventDefault();
      if (action.kind === 'close') void session.close();
      if (view.kind !== 'ready' || !step) return;
      if (step.kind === 'question') {
        const question = view.questions[step.index];
        if (!question) return;
        if (action.kind === 'answer') void session.answer(question.id, action.answer);
        if (action.kind === 'next' && view.record?.answers[question.id] !== undefined) {
          session.goTo(stepAt(step.index + 1, view.questions.length));
        }
      } else if (step.kind === 'comment' && (action.kind === 'next' || action.kind === 'finish')) {
        void session.finish();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [session]);

  // For the benchmark: the first statement is drawn, focused (AnswerScale's layout effect ran
  // first) and the keys are listened for. Nothing here waits for IndexedDB.
  useLayoutEffect(() => {
    performance.mark('pulse-ready');
  }, []);

  if (view.kind === 'failed') {
    return (
      <>
        <h1>{t('extName')}</h1>
        <ErrorNotice>{view.message}</ErrorNotice>
        <button type="button" onClick={() => void session.reload()}>
          {t('tryAgain')}
        </button>
      </>
    );
  }

  const total = view.questions.length;
  const { step } = view;
  const question = step.kind === 'question' ? view.questions[step.index] : undefined;
  return (
    <>
      <header class="spread">
        {/* The week's days stay on one line: "30 Nov – 6 Dec" broken after "30" reads badly. */}
        <h1>{t('popup_title', oneLine(weekRange(view.weekId)))}</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_settings')}
        </button>
      </header>
      {view.setAside > 0 && <ErrorNotice>{tCount('popup_setAside', view.setAside)}</ErrorNotice>}
      {view.weekClosed && (
        <ErrorNotice>
          {t('popup_weekClosed', view.weekId)}{' '}
          <button type="button" onClick={() => void session.reload()}>
            {t('popup_openThisWeek')}
          </button>
        </ErrorNotice>
      )}
      {view.problem && !view.weekClosed && <ErrorNotice>{view.problem}</ErrorNotice>}
      {/* Busy while the week's stored answers are read: the statement is up before IndexedDB
          answers, and the stored record may still move it on to the statement to resume at. */}
      <p class="visually-hidden" aria-live="polite" aria-busy={!view.loaded}>
        {step.kind === 'question' ? t('popup_statementOf', step.index + 1, total) : ''}
      </p>
      {step.kind === 'question' && question ? (
        <QuestionStep
          key={question.id}
          question={question}
          index={step.index}
          total={total}
          answer={view.record?.answers[question.id]}
          onAnswer={(answer) => void session.answer(question.id, answer)}
          onBack={() => session.goTo(stepAt(step.index - 1, total))}
          onNext={() => session.goTo(stepAt(step.index + 1, total))}
        >
          <Destination />
        </QuestionStep>
      ) : step.kind === 'comment' ? (
        CommentStep ? (
          <CommentStep
            comment={view.comment}
            answered={view.questions.filter((q) => isScaleValue(view.record?.answers[q.id])).length}
            total={total}
            onChange={(text) => session.typeComment(text)}
            onBack={() => session.goTo(stepAt(total - 1, total))}
            onDone={() => void session.finish()}
          />
        ) : (
          <Loading />
        )
      ) : ThankYou ? (
        <ThankYou view={view} onChange={() => session.goTo(stepAt(0, total))} />
      ) : (
        <Loading />
      )}
    </>
  );
}
