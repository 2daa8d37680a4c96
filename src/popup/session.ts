/**
 * This week's pulse as the popup shows it, apart from Preact. The week's statements are a pure
 * function of the week, so the first one is shown at once; what IndexedDB holds fills in when it
 * arrives. Every change is on screen at once and saved the moment it is made, through one queue of
 * writes; what is chosen or typed is also kept as a synchronous draft (storage/drafts) until saved.
 * A failed save is reported and the screen goes back to what is really stored.
 */
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
import { t } from '../platform/i18n';
import { openPulseDb, type PulseDb } from '../storage/db';
import { dropDrafts, keepAnswer, keepComment, readDraft, saveDraft, settleDraft } from '../storage/drafts';
import { listPulses, readPulse, updatePulse } from '../storage/pulses';
import { type PageClock, pageClock } from '../ui/page-clock';

export type Step = { kind: 'question'; index: number } | { kind: 'comment' } | { kind: 'thanks' };

export interface PulseState {
  readonly kind: 'ready';
  readonly weekId: WeekId;
  readonly questions: readonly Question[];
  /** The week's record as saved (or being saved); undefined while none is known. */
  readonly record: PulseRecord | undefined;
  /** Whether what IndexedDB holds has arrived; until then the screen shows the week's statements. */
  readonly loaded: boolean;
  readonly step: Step;
  readonly comment: string;
  readonly history: PulseRecord[] | undefined;
  /** Stored records that failed the reader and were set aside. */
  readonly setAside: number;
  readonly problem: string | undefined;
  readonly weekClosed: boolean;
}

export type PulseView = PulseState | { readonly kind: 'failed'; readonly message: string };

export interface SessionOptions {
  /** The extension's clock (ui/page-clock): the first statement is drawn before it settles. */
  readonly clock?: Pick<PageClock, 'now' | 'settle'>;
  /** Opens the database; `onClose` runs when the connection closes (another page's upgrade, or a crash). */
  readonly openDb?: (onClose: () => void) => Promise<PulseDb>;
  /** Tells the background that a week was finished (badge, reminder). */
  readonly notify?: (weekId: WeekId) => void;
  readonly closePage?: () => void;
}

const CLOSE_WAIT_MS = 500;

function questionsOf(record: PulseRecord): Question[] {
  return record.questionIds.map((id) => questionById(id)).filter((q): q is Question => q !== undefined);
}

/** The `index`th statement, or the comment after the last one. */
export function stepAt(index: number, total: number): Step {
  return index < total ? { kind: 'question', index: Math.max(0, index) } : { kind: 'comment' };
}

/** Where a returning engineer picks up: the first statement without an answer, the comment, or thanks. */
export function resumeAt(record: PulseRecord | undefined): Step {
  if (!record) return { kind: 'question', index: 0 };
  return record.completed ? { kind: 'thanks' } : stepAt(resumeStep(record), record.questionIds.length);
}

/** A failure in words; the wording (with every other screen's) loads only when something failed. */
function describedError(error: unknown): Promise<string> {
  return import('../platform/describe-error').then(
    (m) => m.describeError(error),
    () => String(error),
  );
}

export class PulseSession {
  readonly #clock: Pick<PageClock, 'now' | 'settle'>;
  readonly #openDb: (onClose: () => void) => Promise<PulseDb>;
  readonly #notify: (weekId: WeekId) => void;
  readonly #closePage: () => void;
  readonly #listeners = new Set<(view: PulseView) => void>();
  readonly #comments: LatestWriter<string>;
  #view: PulseView;
  #db: Promise<PulseDb> | undefined;
  /** The open connection once there is one, so a write can start its transaction at once. */
  #handle: PulseDb | undefined;
  /** Writes run one after another; each is numbered, and only the newest one's result is shown. */
  #queue: Promise<unknown> = Promise.resolve();
  #running = 0;
  #writes = 0;
  /** Loads started: a reload makes an earlier load's result stale. */
  #loads = 0;
  /** The engineer answered or moved before the stored record arrived: the screen stays where they are. */
  #touched = false;
  #weekTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SessionOptions = {}) {
    this.#clock = options.clock ?? pageClock;
    this.#openDb = options.openDb ?? ((onClose) => openPulseDb({ onClose }));
    this.#notify = options.notify ?? (() => {});
    this.#closePage = options.closePage ?? (() => {});
    this.#view = this.#firstView();
    this.#comments = latestWriter<string>(
      async (text) => void (await this.#save((r, now) => withComment(r, text, now))),
      () => {}, // #save has shown the problem already.
    );
  }

  get view(): PulseView {
    return this.#view;
  }

  /** Calls `listener` with every new view; returns the unsubscribe. */
  subscribe(listener: (view: PulseView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads what is stored (saving any draft left from the last open), then the history. */
  async load(): Promise<void> {
    const load = ++this.#loads;
    await this.#clock.settle();
    if (load !== this.#loads) return;
    // Only a development install's test clock can put the extension in another week than the real one.
    const drawn = this.#view;
    if (drawn.kind === 'ready' && drawn.weekId !== weekIdOf(this.#clock.now()) && !this.#touched) {
      this.#set(this.#firstView());
    }
    const view = this.#view;
    if (view.kind !== 'ready') return;
    const { weekId } = view;
    this.#watchWeekEnd(weekId);
    try {
      // Drafts of other weeks are of closed weeks, which can no longer change.
      dropDrafts(weekId);
      let setAside = 0;
      const stored = await this.#write(async (db) => {
        const now = this.#clock.now();
        const read = await readPulse(db, weekId, now);
        setAside = read.setAside;
        return saveDraft(db, weekId, read.value, now);
      });
      if (load !== this.#loads) return;
      this.#patch((v) => ({
        loaded: true,
        record: stored.latest ? stored.value : v.record,
        questions: stored.value ? questionsOf(stored.value) : v.questions,
        step: this.#touched ? v.step : resumeAt(stored.value),
        comment: this.#touched ? v.comment : (readDraft(weekId).comment ?? stored.value?.comment ?? ''),
        setAside: v.setAside + setAside,
      }));
      await this.#loadHistory();
    } catch (error) {
      const message = await describedError(error);
      if (load === this.#loads) this.#set({ kind: 'failed', message });
    }
  }

  /** Start again on the week it is now (after a failure, or once the week on screen has closed). */
  reload(): Promise<void> {
    this.#touched = false;
    this.#set(this.#firstView());
    return this.load();
  }

  answer(questionId: string, answer: Answer): Promise<PulseRecord | undefined> {
    this.#touched = true;
    const view = this.#view;
    if (view.kind === 'ready') keepAnswer(view.weekId, questionId, answer);
    return this.#save((r, now) => withAnswer(r, questionId, answer, now));
  }

  goTo(step: Step): void {
    this.#touched = true;
    this.#patch(() => ({ step, problem: undefined }));
  }

  typeComment(text: string): void {
    this.#touched = true;
    const view = this.#view;
    if (view.kind !== 'ready') return;
    keepComment(view.weekId, text);
    this.#patch(() => ({ comment: text }));
    this.#comments.push(text);
  }

  /** Save the comment and mark the week done, then thank. */
  async finish(): Promise<void> {
    await this.#comments.flush().catch(() => {});
    const view = this.#view;
    if (view.kind !== 'ready') return;
    const comment = view.comment;
    const saved = await this.#save((r, now) => withCompleted(withComment(r, comment, now), true, now));
    if (!saved) return;
    this.#notify(saved.weekId);
    this.#patch(() => ({ step: { kind: 'thanks' } }));
    await this.#loadHistory();
  }

  /** Close once pending saves are done (a moment at most; the draft covers the rest). */
  async close(): Promise<void> {
    await Promise.race([
      Promise.all([this.#comments.flush().catch(() => {}), this.#queue]),
      new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS)),
    ]);
    this.#closePage();
  }

  dispose(): void {
    clearTimeout(this.#weekTimer);
    this.#listeners.clear();
    this.#loads++;
  }

  #firstView(): PulseState {
    const weekId = weekIdOf(this.#clock.now());
    return {
      kind: 'ready',
      weekId,
      questions: pulseForWeek(weekId).questions,
      record: undefined,
      loaded: false,
      step: { kind: 'question', index: 0 },
      comment: readDraft(weekId).comment ?? '',
      history: undefined,
      setAside: 0,
      problem: undefined,
      weekClosed: false,
    };
  }

  #set(view: PulseView): void {
    this.#view = view;
    for (const listener of this.#listeners) listener(view);
  }

  #patch(change: (view: PulseState) => Partial<PulseState>): void {
    const view = this.#view;
    if (view.kind === 'ready') this.#set({ ...view, ...change(view) });
  }

  #database(): Promise<PulseDb> {
    this.#db ??= this.#openDb(() => {
      this.#db = undefined;
      this.#handle = undefined;
    }).then(
      (handle) => {
        this.#handle = handle;
        return handle;
      },
      (error: unknown) => {
        this.#db = undefined;
        throw error;
      },
    );
    return this.#db;
  }

  /**
   * Run a write after those before it. When none is running and the database is open it starts
   * at once, before the screen re-renders, so rendering does not delay the commit.
   */
  async #write<T>(work: (db: PulseDb) => Promise<T>): Promise<{ value: T; latest: boolean }> {
    const ticket = ++this.#writes;
    const handle = this.#handle;
    const run = this.#running === 0 && handle ? work(handle) : this.#queue.then(() => this.#database()).then(work);
    this.#running++;
    this.#queue = run.then(
      () => this.#running--,
      () => this.#running--,
    );
    const value = await run;
    return { value, latest: ticket === this.#writes };
  }

  /** Apply one change to this week's record: on screen at once, then saved. */
  async #save(change: (record: PulseRecord, now: Date) => PulseRecord): Promise<PulseRecord | undefined> {
    const view = this.#view;
    if (view.kind !== 'ready') return undefined;
    const { weekId } = view;
    const now = this.#clock.now();
    const create = () => newPulseRecord(pulseForWeek(weekId));
    const started = performance.now();
    const saving = this.#write((db) => updatePulse(db, weekId, create, (r) => change(r, now), now));
    this.#patch((v) => {
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
      settleDraft(saved.value);
      if (saved.latest) this.#patch(() => ({ record: saved.value, problem: undefined }));
      return saved.value;
    } catch (error) {
      const stored = await this.#database()
        .then((db) => readPulse(db, weekId, this.#clock.now()))
        .catch(() => undefined);
      const problem = t('popup_notSaved', await describedError(error));
      this.#patch((v) => ({
        record: stored ? stored.value : v.record,
        weekClosed: v.weekClosed || error instanceof WeekClosedError,
        problem,
      }));
      return undefined;
    }
  }

  async #loadHistory(): Promise<void> {
    const view = this.#view;
    if (view.kind !== 'ready') return;
    const history = await this.#database()
      .then((db) => listPulses(db, this.#clock.now()))
      .catch(() => undefined);
    if (history) this.#patch((v) => ({ history: history.value, setAside: v.setAside + history.setAside }));
  }

  /** The week closes at Sunday 24:00 even with the popup open: say so then, not at the next save. */
  #watchWeekEnd(weekId: WeekId): void {
    clearTimeout(this.#weekTimer);
    const left = weekEnd(weekId).getTime() - this.#clock.now().getTime();
    if (left > 2 ** 31 - 1) return;
    this.#weekTimer = setTimeout(() => this.#patch(() => ({ weekClosed: true })), Math.max(0, left));
  }
}
