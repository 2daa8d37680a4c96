/**
 * The popup's state as a Preact hook: one PulseSession (session.ts holds the logic) per page,
 * its view kept in component state.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import type { WeekId } from '../core/week';
import { PulseSession, type PulseView, type SessionOptions } from './session';

/**
 * Tell the background (badge, reminder). Its message schemas load only now, after the pulse is
 * done; a background that is waking up must not break the popup.
 */
function notifyBackground(weekId: WeekId): void {
  import('../platform/messages').then(({ sendMessage }) => sendMessage('pulse-changed', { weekId })).catch(() => {});
}

export function usePulse(options: SessionOptions = {}): { view: PulseView; session: PulseSession } {
  const [session] = useState(
    () => new PulseSession({ notify: notifyBackground, closePage: () => window.close(), ...options }),
  );
  const [view, setView] = useState(session.view);
  // A layout effect starts loading right after the first render, not a frame later.
  useLayoutEffect(() => {
    const unsubscribe = session.subscribe(setView);
    void session.load();
    return () => {
      unsubscribe();
      session.dispose();
    };
  }, [session]);
  return { view, session };
}
