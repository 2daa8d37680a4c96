/**
 * The popup's state: this week's pulse, loaded from IndexedDB, and every change saved the moment
 * it is made. The screen shows only what was saved; a failed save is reported, not hidden.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type LatestWriter, latestWriter } from '../core/latest-writer';
import {
  newPulseRecord,
  resumeStep,
  WeekClosedError,
  withAnswer,
  withComment,
  withCompleted,
} from '../core/pulse-edit';
import { type Question, questionById } from '../core/questions';
import { pulseForWeek } from '../core/rotation';
import type { Answer } from '../core/scale';
import type { PulseRecord } from '../core/schemas';
import { type WeekId, weekEnd, weekIdOf } from '../core/week';
import { describeError } from '../platform/describe-error';
import { t } from '../platform/i18n';
import { sendMessage } from '../platform/messages';
import { openPulseDb, type PulseDb } from '../storage/db';
import { dropDraft, dropDrafts, keepAnswerDraft, keepDraft, readDraft, saveAnswerDrafts } from '../storage/drafts';
import { listPulses, readPulse, updatePulse } from '../storage/pulses';

export type PulseView =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | {
      kind: 'ready';
      weekId: WeekId;
      questions: readonly Question[];
      record: PulseRecord | undefined;
      /** 0..n-1: a question; n: the comment; n+1: thank you. */
      step: number;
      comment: string;
      history: PulseRecord[] | undefined;
      /** Stored records that failed validation and were set aside. */
      setAside: number;
      problem: string | undefined;
      weekClosed: boolean;
    };

type Ready = Extract<PulseView, { kind: 'ready' }>;

/** Tell the background (badge, reminder); a background that is waking up must not break the popup. */
function notifyBackground(weekId: WeekId): void {
  sendMessage('pulse-changed', { weekId }).catch(() => {});
}

const systemClock = (): Date => new Date();

/** `clock` must keep its identity across renders (a module-level function, not an inline arrow). */
export function usePulse(clock: () => Date = systemClock) {
  const [view, setView] = useState<PulseView>({ kind: 'loading' });
  const dbRef = useRef<Promise<PulseDb> | undefined>(undefined);
  /** The week on screen and the latest comment typed, for callbacks that must not change identity. */
  const weekRef = useRef<WeekId | undefined>(undefined);
  const commentRef = useRef('');
  const commentWriter = useRef<LatestWriter<string> | undefined>(undefined);

  /** The open connection once there is one, so a save can start its transaction at once. */
  const openDb = useRef<PulseDb | undefined>(undefined);
  const db = useCallback((): Promise<PulseDb> => {
    dbRef.current ??= openPulseDb({
      onClose: () => {
        dbRef.current = undefined;
        openDb.current = undefined;
      },
    }).then(
      (handle) => {
        openDb.current = handle;
        return handle;
      },
      (error: unknown) => {
        dbRef.current = undefined;
        throw error;
      },
    );
    return dbRef.current;
  }, []);

  const patch = useCallback((change: (v: Ready) => Partial<Ready>) => {
    setView((v) => (v.kind === 'ready' ? { ...v, ...change(v) } : v));
  }, []);

  const load = useCallback(async () => {
    setView({ kind: 'loading' });
    try {
      const now = clock();
      const weekId = weekIdOf(now);
      weekRef.current = weekId;
      const handle = await db();
      const read = await readPulse(handle, weekId, now);
      const { setAside } = read;
      const record = await saveAnswerDrafts(handle, weekId, read.value, now);
      const questions = record
        ? record.questionIds.map((id) => questionById(id)).filter((q): q is Question => q !== undefined)
        : pulseForWeek(weekId).questions;
      // Drafts of other weeks are of closed weeks, which can no longer change.
      dropDrafts(weekId);
      // A draft unlike the stored comment means the popup closed before its last save.
      const draft = readDraft(weekId);
      const comment = draft ?? record?.comment ?? '';
      if (draft !== undefined && draft === record?.comment) dropDraft(weekId);
      commentRef.current = comment;
      setView({
        kind: 'ready',
        weekId,
        questions,
        record,
        step: record?.completed ? questions.length + 1 : resumeStep(record),
        comment,
        history: undefined,
        setAside,
        problem: undefined,
        weekClosed: false,
      });
      if (draft !== undefined && draft !== record?.comment) commentWriter.current?.push(draft);
      // History is for the thank-you screen; it loads after the first question is on screen.
      const history = await listPulses(handle, now);
      patch((v) => ({ history: history.value, setAside: v.setAside + history.setAside }));
    } catch (error) {
      setView({ kind: 'failed', message: describeError(error) });
    }
  }, [clock, db, patch]);

  // A layout effect starts loading right after the first render, not a frame later.
  useLayoutEffect(() => {
    void load();
  }, [load]);

  /** Saves started; a save's result is shown only if no newer change was made meanwhile. */
  const saves = useRef(0);

  /**
   * Apply one change to this week's record: on screen at once (so "answer, then Enter" works at
   * typing speed), then saved. A failed save puts back what is really stored and says why.
   */
  const save = useCallback(
    async (change: (record: PulseRecord, now: Date) => PulseRecord): Promise<PulseRecord | undefined> => {
      const weekId = weekRef.current;
      if (!weekId) return undefined;
      const now = clock();
      const create = () => newPulseRecord(pulseForWeek(weekId));
      const ticket = ++saves.current;
      const started = performance.now();
      // Start the transaction before the screen re-renders, so rendering does not delay the commit.
      const saving = openDb.current
        ? updatePulse(openDb.current, weekId, create, (r) => change(r, now), now)
        : db().then((handle) => updatePulse(handle, weekId, create, (r) => change(r, now), now));
      patch((v) => {
        try {
          return { record: change(v.record ?? create(), now) };
        } catch {
          return {}; // The save meets the same refusal and reports it.
        }
      });
      try {
        const saved = await saving;
        // Visible in DevTools' performance panel, and read by `npm run bench`.
        performance.measure('pulse:save', { start: started });
        if (ticket === saves.current) patch(() => ({ record: saved, problem: undefined }));
        return saved;
      } catch (error) {
        const stored = await readPulse(await db(), weekId, clock()).catch(() => undefined);
        patch((v) => ({
          record: stored ? stored.value : v.record,
          weekClosed: v.weekClosed || error instanceof WeekClosedError,
          problem: t('popup_notSaved', describeError(error)),
        }));
        return undefined;
      }
    },
    [clock, db, patch],
  );

  const writer = useMemo(
    () =>
      latestWriter<string>(
        async (text) => {
          const saved = await save((r, now) => withComment(r, text, now));
          // Saved and still the latest text: the synchronous copy is no longer needed.
          if (saved && saved.comment === commentRef.current) dropDraft(saved.weekId);
        },
        () => {},
      ),
    [save],
  );
  commentWriter.current = writer;

  // The week closes at Sunday 24:00 even with the popup open: say so then, not at the next save.
  useEffect(() => {
    if (view.kind !== 'ready') return;
    const left = weekEnd(view.weekId).getTime() - clock().getTime();
    if (left > 2 ** 31 - 1) return;
    const timer = setTimeout(() => patch(() => ({ weekClosed: true })), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [view.kind === 'ready' ? view.weekId : undefined, clock, patch]);

  const actions = useMemo(
    () => ({
      answer: (questionId: string, answer: Answer) => {
        const weekId = weekRef.current;
        if (weekId) keepAnswerDraft(weekId, questionId, answer);
        return save((r, now) => withAnswer(r, questionId, answer, now));
      },
      goTo: (step: number) => patch(() => ({ step, problem: undefined })),
      typeComment: (text: string) => {
        commentRef.current = text;
        const weekId = weekRef.current;
        if (weekId) keepDraft(weekId, text);
        patch(() => ({ comment: text }));
        writer.push(text);
      },
      /** Close once pending saves are done (a moment at most; the draft copy covers the rest). */
      close: async () => {
        await Promise.race([writer.flush().catch(() => {}), new Promise((r) => setTimeout(r, 500))]);
        window.close();
      },
      finish: async () => {
        await writer.flush().catch(() => {});
        const comment = commentRef.current;
        const saved = await save((r, now) => withCompleted(withComment(r, comment, now), true, now));
        if (!saved) return;
        dropDraft(saved.weekId);
        notifyBackground(saved.weekId);
        const handle = await db();
        const history = await listPulses(handle, clock()).catch(() => undefined);
        patch((v) => ({
          step: v.questions.length + 1,
          history: history?.value ?? v.history,
          setAside: v.setAside + (history?.setAside ?? 0),
        }));
      },
      reload: load,
    }),
    [save, patch, writer, db, clock, load],
  );

  return { view, actions };
}
