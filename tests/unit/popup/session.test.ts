import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pulseForWeek } from '../../../src/core/rotation';
import { PulseSession, type PulseState, type PulseView, resumeAt, stepAt } from '../../../src/popup/session';
import { openPulseDb, type PulseDb } from '../../../src/storage/db';
import { keepAnswer, keepComment, readDraft } from '../../../src/storage/drafts';
import { listUnreadable, readPulse } from '../../../src/storage/pulses';
import { deferred } from '../../deferred';
import { samplePulse } from '../core/samples';
import { MemoryStorage } from '../memory-storage';

const WEEK = '2026-W48';
const now = new Date(2026, 10, 26, 12); // Thursday of 2026-W48
const clock = { now: () => now, settle: async () => {} };
const ids = pulseForWeek(WEEK).questions.map((q) => q.id);
const [q1 = '', q2 = '', q3 = ''] = ids;

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
});

function ready(view: PulseView): PulseState {
  if (view.kind !== 'ready') throw new Error(`Expected the pulse, got: ${view.message}`);
  return view;
}

/** A session on the fake IndexedDB; `gate` holds the database back until the test lets it open. */
function session(options: { gate?: Promise<void>; notify?: (weekId: string) => void } = {}) {
  const opened: PulseDb[] = [];
  const s = new PulseSession({
    clock,
    openDb: async (onClose) => {
      await options.gate;
      const db = await openPulseDb({ onClose });
      opened.push(db);
      return db;
    },
    ...(options.notify ? { notify: options.notify } : {}),
  });
  return {
    s,
    close: () => {
      for (const db of opened) db.close();
    },
  };
}

async function seed(value: unknown): Promise<void> {
  const db = await openPulseDb();
  await db.put('pulses', value);
  db.close();
}

async function stored(): Promise<unknown> {
  const db = await openPulseDb();
  const value = await db.get('pulses', WEEK);
  db.close();
  return value;
}

describe('the first screen', () => {
  it('shows the week’s first statement before IndexedDB answers, then what is stored', async () => {
    await seed(samplePulse(WEEK, { answers: { [q1]: 4, [q2]: 2 }, completed: false, comment: 'so far' }));
    const gate = deferred();
    const { s, close } = session({ gate: gate.promise });
    const views: PulseView[] = [];
    s.subscribe((v) => views.push(v));
    const loading = s.load();
    // Nothing from storage yet, and the first statement is there to answer.
    expect(ready(s.view)).toMatchObject({
      weekId: WEEK,
      questions: pulseForWeek(WEEK).questions,
      step: { kind: 'question', index: 0 },
      loaded: false,
      record: undefined,
    });
    expect(views).toEqual([]);
    gate.resolve();
    await loading;
    expect(ready(s.view)).toMatchObject({
      loaded: true,
      record: { answers: { [q1]: 4, [q2]: 2 } },
      step: { kind: 'question', index: 2 }, // where the engineer left off
      comment: 'so far',
      setAside: 0,
    });
    expect(ready(s.view).history?.map((r) => r.weekId)).toEqual([WEEK]);
    close();
  });

  it.each([
    ['with drafts', true],
    ['without localStorage (no drafts to carry the answer)', false],
  ])('keeps the engineer where they are when they answered before the stored record arrived, %s', async (_, drafts) => {
    if (!drafts) Object.defineProperty(globalThis, 'localStorage', { value: undefined, configurable: true });
    await seed(samplePulse(WEEK, { answers: { [q1]: 2, [q2]: 2 }, completed: false }));
    const gate = deferred();
    const { s, close } = session({ gate: gate.promise });
    const loading = s.load();
    const answering = s.answer(q1, 5);
    expect(ready(s.view).record?.answers).toEqual({ [q1]: 5 }); // on screen at once
    const shown: unknown[] = [];
    s.subscribe((v) => shown.push(ready(v).record?.answers[q1]));
    gate.resolve();
    await Promise.all([loading, answering]);
    // The stored record, read before the answer was saved, never took the answer back off the screen.
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((a) => a === 5)).toBe(true);
    const view = ready(s.view);
    expect(view.step).toEqual({ kind: 'question', index: 0 });
    // The answer went over what was stored; nothing stored was lost.
    expect(view.record?.answers).toEqual({ [q1]: 5, [q2]: 2 });
    expect((await stored()) as object).toMatchObject({ answers: { [q1]: 5, [q2]: 2 } });
    close();
  });

  it('moves to the extension clock’s week once it settles (a development install’s test clock)', async () => {
    await seed(samplePulse(WEEK, { answers: { [q1]: 5 }, completed: false }));
    let time = new Date(2026, 10, 18, 12); // the real clock: Wednesday of 2026-W47
    const settled = deferred();
    const s = new PulseSession({
      clock: {
        now: () => time,
        settle: async () => {
          await settled.promise;
          time = now;
        },
      },
    });
    const loading = s.load();
    expect(ready(s.view).weekId).toBe('2026-W47'); // drawn at once, on the real clock
    settled.resolve();
    await loading;
    expect(ready(s.view)).toMatchObject({ weekId: WEEK, loaded: true, record: { answers: { [q1]: 5 } } });
    expect(ready(s.view).questions).toEqual(pulseForWeek(WEEK).questions);
    s.dispose();
  });

  it('opens a finished week on the thank-you', async () => {
    await seed(samplePulse(WEEK));
    const { s, close } = session();
    await s.load();
    expect(ready(s.view).step).toEqual({ kind: 'thanks' });
    close();
  });
});

describe('a stored record the reader refuses', () => {
  it('is kept aside whole, reported on screen, and the week starts afresh', async () => {
    const damaged = { ...samplePulse(WEEK), answers: { [q1]: 42 } };
    await seed(damaged);
    const { s, close } = session();
    await s.load();
    const view = ready(s.view);
    expect(view).toMatchObject({ record: undefined, setAside: 1, step: { kind: 'question', index: 0 } });
    const db = await openPulseDb();
    const aside = await listUnreadable(db);
    expect(aside).toEqual([
      {
        store: 'pulses',
        key: WEEK,
        value: damaged,
        problem: `answers.${q1}: must be 1, 2, 3, 4, 5 or "skip"`,
        foundAt: now.getTime(),
      },
    ]);
    expect(await db.count('pulses')).toBe(0);
    db.close();
    close();
  });
});

describe('answering', () => {
  it('saves each answer as it is chosen, and resumes there at the next open', async () => {
    const first = session();
    await first.s.load();
    await first.s.answer(q1, 4);
    first.s.goTo(stepAt(1, ids.length));
    await first.s.answer(q2, 'skip');
    expect((await stored()) as object).toMatchObject({ answers: { [q1]: 4, [q2]: 'skip' }, completed: false });
    expect(readDraft(WEEK)).toEqual({ answers: {} }); // saved, so the draft let them go
    first.close();

    const second = session();
    await second.s.load();
    expect(ready(second.s.view).step).toEqual({ kind: 'question', index: 2 });
    second.close();
  });

  it('saves at the next open what was chosen and typed when the popup closed before the save committed', async () => {
    keepAnswer(WEEK, q3, 1);
    keepComment(WEEK, 'closed mid-word');
    const { s, close } = session();
    expect(ready(s.view).comment).toBe('closed mid-word'); // from the draft, before IndexedDB
    await s.load();
    expect(ready(s.view)).toMatchObject({ record: { answers: { [q3]: 1 }, comment: 'closed mid-word' } });
    expect((await stored()) as object).toMatchObject({ answers: { [q3]: 1 }, comment: 'closed mid-word' });
    expect(readDraft(WEEK)).toEqual({ answers: {} });
    close();
  });

  it('shows only the newest answer’s save when several are on their way', async () => {
    const { s, close } = session();
    await s.load();
    const saves = [s.answer(q1, 1), s.answer(q1, 2), s.answer(q1, 3)];
    expect(ready(s.view).record?.answers[q1]).toBe(3);
    const shown: unknown[] = [];
    s.subscribe((v) => shown.push(ready(v).record?.answers[q1]));
    await Promise.all(saves);
    // The older saves' results arrived first, and none of them was shown over the newest choice.
    expect(shown).toContain(3);
    expect(shown.every((a) => a === 3)).toBe(true);
    expect(ready(s.view).record?.answers[q1]).toBe(3);
    expect((await stored()) as object).toMatchObject({ answers: { [q1]: 3 } });
    close();
  });

  it('reports a save the week refuses, shows what is stored, and says the week closed', async () => {
    await seed(samplePulse(WEEK, { answers: { [q1]: 4 }, completed: false }));
    let time = now;
    const s = new PulseSession({ clock: { now: () => time, settle: async () => {} } });
    await s.load();
    time = new Date(2026, 10, 30, 0, 0, 1); // Monday of the next week
    expect(await s.answer(q1, 1)).toBeUndefined();
    expect(ready(s.view)).toMatchObject({
      record: { answers: { [q1]: 4 } },
      weekClosed: true,
      problem: expect.stringMatching(/^Not saved\. Week 2026-W48 has closed/),
    });
    s.dispose();
  });

  it('says the week closed at Sunday 24:00 while the popup is open', async () => {
    vi.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { s, close } = session();
      await s.load();
      expect(ready(s.view).weekClosed).toBe(false);
      vi.advanceTimersByTime(new Date(2026, 10, 30).getTime() - now.getTime() - 1);
      expect(ready(s.view).weekClosed).toBe(false);
      vi.advanceTimersByTime(1);
      expect(ready(s.view).weekClosed).toBe(true);
      close();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the comment and finishing', () => {
  it('saves the comment as it is typed, marks the week done, tells the background, and thanks', async () => {
    const notify = vi.fn();
    const { s, close } = session({ notify });
    await s.load();
    for (const [i, id] of ids.entries()) {
      await s.answer(id, 3);
      s.goTo(stepAt(i + 1, ids.length));
    }
    expect(ready(s.view).step).toEqual({ kind: 'comment' });
    s.typeComment('Rel');
    s.typeComment('Releases were slow');
    expect(readDraft(WEEK).comment).toBe('Releases were slow');
    await s.finish();
    expect(ready(s.view).step).toEqual({ kind: 'thanks' });
    expect(notify).toHaveBeenCalledWith(WEEK);
    expect((await stored()) as object).toMatchObject({ comment: 'Releases were slow', completed: true });
    expect(readDraft(WEEK)).toEqual({ answers: {} });
    expect(ready(s.view).history?.[0]).toMatchObject({ weekId: WEEK, completed: true });
    close();
  });
});

describe('when the database cannot be opened', () => {
  it('says why, and tries again on reload', async () => {
    let fail = true;
    const s = new PulseSession({
      clock,
      openDb: async (onClose) => {
        if (fail) throw new Error('disk on fire');
        return openPulseDb({ onClose });
      },
    });
    await s.load();
    expect(s.view).toEqual({ kind: 'failed', message: expect.stringContaining('disk on fire') });
    fail = false;
    await s.reload();
    expect(ready(s.view).loaded).toBe(true);
    const db = await openPulseDb();
    expect(await readPulse(db, WEEK, now)).toEqual({ value: undefined, setAside: 0 });
    db.close();
    s.dispose();
  });
});

describe('resumeAt', () => {
  it('goes to the first unanswered statement, the comment, or the thank-you', () => {
    expect(resumeAt(undefined)).toEqual({ kind: 'question', index: 0 });
    expect(resumeAt(samplePulse(WEEK, { answers: { [q1]: 1 }, completed: false }))).toEqual({
      kind: 'question',
      index: 1,
    });
    expect(resumeAt(samplePulse(WEEK, { completed: false }))).toEqual({ kind: 'comment' });
    expect(resumeAt(samplePulse(WEEK, { answers: {}, completed: true }))).toEqual({ kind: 'thanks' });
  });
});
