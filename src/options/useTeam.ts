/** Team sharing for the options page: the background's sync status, and join / leave / noise. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Membership } from '../core/team';
import { describeError } from '../platform/describe-error';
import { type MessageKey, t } from '../platform/i18n';
import { type SyncStatus, sendMessage } from '../platform/messages';

export type TeamState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; status: SyncStatus; busy: boolean; error?: string };

export function useTeam() {
  const [state, setState] = useState<TeamState>({ kind: 'loading' });

  useEffect(() => {
    sendMessage('get-sync-status', {}).then(
      (status) => setState({ kind: 'ready', status, busy: false }),
      (error: unknown) => setState({ kind: 'failed', message: describeError(error) }),
    );
  }, []);

  /** Run one change through the background; the form stays as it was if it fails. */
  const change = useCallback(async (work: () => Promise<SyncStatus>, failure: MessageKey): Promise<boolean> => {
    setState((s) => (s.kind === 'ready' ? { ...s, busy: true, error: undefined } : s));
    try {
      const status = await work();
      setState({ kind: 'ready', status, busy: false });
      return true;
    } catch (error) {
      setState((s) => (s.kind === 'ready' ? { ...s, busy: false, error: t(failure, describeError(error)) } : s));
      return false;
    }
  }, []);

  return {
    state,
    join: (invite: string, noiseEpsilon: Membership['noiseEpsilon']) =>
      change(() => sendMessage('join-team', { invite, noiseEpsilon }), 'options_joinFailed'),
    leave: () => change(() => sendMessage('leave-team', {}), 'options_leaveFailed'),
    setNoise: (noiseEpsilon: Membership['noiseEpsilon']) =>
      change(() => sendMessage('set-noise', { noiseEpsilon }), 'options_noiseFailed'),
    /** A failure the page found itself (a refused permission), shown like the background's. */
    fail: (message: string) => setState((s) => (s.kind === 'ready' ? { ...s, busy: false, error: message } : s)),
  };
}
