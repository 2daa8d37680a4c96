/** The weekly pulse: a few statements, an optional comment, then a thank-you with the last weeks. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { browser } from '../platform/browser';
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

  if (view.kind === 'loading') return <Loading label="Loading this week’s pulse…" />;
  if (view.kind === 'failed') {
    return (
      <>
        <h1>Culture Pulse</h1>
        <ErrorNotice>{view.message}</ErrorNotice>
        <button type="button" onClick={() => void actions.reload()}>
          Try again
        </button>
      </>
    );
  }

  const total = view.questions.length;
  const question = view.questions[view.step];
  return (
    <>
      <header class="spread">
        <h1>Pulse · {view.weekId}</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings &amp; my data
        </button>
      </header>
      {view.setAside > 0 && (
        <ErrorNotice>
          {view.setAside === 1 ? 'One saved week' : `${view.setAside} saved weeks`} could not be read and were set aside
          (kept, and included in your JSON export).
        </ErrorNotice>
      )}
      {view.weekClosed && (
        <ErrorNotice>
          Week {view.weekId} closed at Sunday midnight; its answers can no longer change.{' '}
          <button type="button" onClick={() => void actions.reload()}>
            Open this week’s pulse
          </button>
        </ErrorNotice>
      )}
      {view.problem && !view.weekClosed && <ErrorNotice>{view.problem}</ErrorNotice>}
      <p class="visually-hidden" aria-live="polite">
        {question ? `Statement ${view.step + 1} of ${total}` : ''}
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
