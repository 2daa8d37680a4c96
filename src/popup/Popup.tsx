/** The weekly pulse: a few statements, an optional comment, then a thank-you with the last weeks. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { browser } from '../platform/browser';
import { t, tCount } from '../platform/i18n';
import { ErrorNotice, Loading } from '../ui/Status';
import { CommentStep } from './CommentStep';
import { type KeyTarget, keyAction } from './keys';
import { QuestionStep } from './QuestionStep';
import { ThankYou } from './ThankYou';
import { usePulse } from './usePulse';

function targetKind(target: EventTarget | null): KeyTarget {
  if (target instanceof HTMLTextAreaElement) return 'text';
  if (target instanceof HTMLInputElement && target.type !== 'radio') return 'text';
  if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) return 'button';
  return 'other';
}

export function Popup() {
  const { view, actions } = usePulse();
  const marked = useRef(false);
  // The key listener reads the view of the latest render, not of the render that added it.
  const latest = useRef({ view, actions });
  latest.current = { view, actions };

  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { view, actions } = latest.current;
      if (view.kind !== 'ready' && event.key !== 'Escape') return;
      const onQuestion = view.kind === 'ready' && view.step < view.questions.length;
      const action = keyAction(event, targetKind(event.target), onQuestion);
      if (action.kind === 'none') return;
      event.preventDefault();
      if (action.kind === 'close') void actions.close();
      if (view.kind !== 'ready') return;
      const question = view.questions[view.step];
      if (action.kind === 'answer' && question) void actions.answer(question.id, action.answer);
      if (action.kind === 'next') {
        if (question) {
          if (view.record?.answers[question.id] !== undefined) actions.goTo(view.step + 1);
        } else if (view.step === view.questions.length) void actions.finish();
      }
      if (action.kind === 'finish' && view.step === view.questions.length) void actions.finish();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // For the benchmark: the moment the first screen is drawn from stored state and focused.
  useLayoutEffect(() => {
    if (view.kind === 'ready' && !marked.current) {
      marked.current = true;
      performance.mark('pulse-ready');
    }
  }, [view]);

  if (view.kind === 'loading') return <Loading label={t('popup_loading')} />;
  if (view.kind === 'failed') {
    return (
      <>
        <h1>{t('extName')}</h1>
        <ErrorNotice>{view.message}</ErrorNotice>
        <button type="button" onClick={() => void actions.reload()}>
          {t('tryAgain')}
        </button>
      </>
    );
  }

  const total = view.questions.length;
  const question = view.questions[view.step];
  return (
    <>
      <header class="spread">
        <h1>{t('popup_title', view.weekId)}</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_settings')}
        </button>
      </header>
      {view.setAside > 0 && <ErrorNotice>{tCount('popup_setAside', view.setAside)}</ErrorNotice>}
      {view.weekClosed && (
        <ErrorNotice>
          {t('popup_weekClosed', view.weekId)}{' '}
          <button type="button" onClick={() => void actions.reload()}>
            {t('popup_openThisWeek')}
          </button>
        </ErrorNotice>
      )}
      {view.problem && !view.weekClosed && <ErrorNotice>{view.problem}</ErrorNotice>}
      <p class="visually-hidden" aria-live="polite">
        {question ? t('popup_statementOf', view.step + 1, total) : ''}
      </p>
      {question ? (
        <QuestionStep
          key={question.id}
          question={question}
          index={view.step}
          total={total}
          answer={view.record?.answers[question.id]}
          onAnswer={(answer) => void actions.answer(question.id, answer)}
          onBack={() => actions.goTo(view.step - 1)}
          onNext={() => actions.goTo(view.step + 1)}
        />
      ) : view.step === total ? (
        <CommentStep
          comment={view.comment}
          total={total}
          onChange={actions.typeComment}
          onBack={() => actions.goTo(total - 1)}
          onDone={() => void actions.finish()}
        />
      ) : (
        <ThankYou view={view} onChange={() => actions.goTo(0)} />
      )}
    </>
  );
}
