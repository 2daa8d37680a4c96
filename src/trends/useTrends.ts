/** The trends page's state: the saved manager code, the team's weeks and notes, and their changes. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ManagerAccess } from '../core/invite';
import type { Note } from '../core/notes';
import { originPattern } from '../core/team';
import type { TeamWeeks } from '../core/team-weeks';
import { browser } from '../platform/browser';
import { describeError } from '../platform/describe-error';
import { t } from '../platform/i18n';
import { saveManagerAccess } from '../platform/manager-settings';
import { loadMembership } from '../platform/team-settings';
import { deleteNote, type Failure, fetchNotes, saveNote } from './client';
import { type Fetched, fetchAll, firstLoad } from './first-load';

export type TrendsState =
  | { kind: 'loading' }
  | { kind: 'connect'; problem?: string }
  | { kind: 'failed'; access: ManagerAccess; failure: Failure }
  | { kind: 'ready'; access: ManagerAccess; team: TeamWeeks; notes: Notes };

/** The team's notes: being fetched, fetched, or why they could not be. */
export type Notes = { kind: 'loading' } | { kind: 'loaded'; notes: Note[] } | { kind: 'failed'; problem: string };

export function useTrends() {
  const [state, setState] = useState<TrendsState>({ kind: 'loading' });

  /** Loads the team's figures, or shows those already being fetched (the page's first load). */
  const load = useCallback(async (access: ManagerAccess, fetching?: Promise<Fetched>) => {
    setState({ kind: 'loading' });
    const { weeks, charts } = await (fetching ?? fetchAll(access));
    if (!charts) {
      const message = t('trends_chartsFailed');
      setState({ kind: 'failed', access, failure: { kind: 'rejected', message } });
      return;
    }
    if (!weeks.ok) {
      setState({ kind: 'failed', access, failure: weeks.failure });
      return;
    }
    setState({ kind: 'ready', access, team: weeks.value, notes: { kind: 'loading' } });
    const notes = await fetchNotes(access);
    const loaded: Notes = notes.ok
      ? { kind: 'loaded', notes: notes.value }
      : { kind: 'failed', problem: t('trends_notesFailed', notes.failure.message) };
    // Only into the figures they were fetched with (not after a reload or a change of code), and
    // only while nothing newer came in: a note saved meanwhile brought a fresher list.
    setState((s) =>
      s.kind === 'ready' && s.team === weeks.value && s.notes.kind === 'loading' ? { ...s, notes: loaded } : s,
    );
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const first = await firstLoad;
        if ('error' in first) throw first.error;
        if (first.saved.value) await load(first.saved.value, first.fetched);
        else setState({ kind: 'connect', problem: first.saved.problem });
      } catch (error) {
        setState({ kind: 'connect', problem: describeError(error) });
      }
    })();
  }, [load]);

  return {
    state,
    /** After the page got the host permission (on the click): keep the code and load. */
    connect: async (access: ManagerAccess) => {
      await saveManagerAccess(access);
      await load(access);
    },
    reload: load,
    /** Forget the code; give the host back unless this browser also sends its own answers there. */
    disconnect: async (access: ManagerAccess) => {
      await saveManagerAccess(null);
      const member = (await loadMembership()).value;
      const pattern = originPattern(access.endpoint);
      if (!member || originPattern(member.endpoint) !== pattern) {
        await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
      }
      setState({ kind: 'connect' });
    },
    saveNote: async (access: ManagerAccess, note: Note): Promise<string | undefined> => {
      const saved = await saveNote(access, note);
      if (!saved.ok) return t('trends_noteNotSaved', saved.failure.message);
      const notes = await fetchNotes(access);
      if (notes.ok) {
        setState((s) =>
          s.kind === 'ready' && s.access === access ? { ...s, notes: { kind: 'loaded', notes: notes.value } } : s,
        );
      }
      return undefined;
    },
    deleteNote: async (access: ManagerAccess, note: Note): Promise<string | undefined> => {
      const deleted = await deleteNote(access, note);
      if (!deleted.ok) return t('trends_noteNotDeleted', deleted.failure.message);
      setState((s) =>
        s.kind === 'ready' && s.access === access && s.notes.kind === 'loaded'
          ? {
              ...s,
              notes: {
                kind: 'loaded',
                notes: s.notes.notes.filter((n) => n.weekId !== note.weekId || n.theme !== note.theme),
              },
            }
          : s,
      );
      return undefined;
    },
  };
}
