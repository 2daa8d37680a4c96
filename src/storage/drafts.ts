/**
 * A synchronous copy of what is being answered and typed this week, in this extension's
 * localStorage (on this device only, like everything else). IndexedDB saves are asynchronous and a
 * popup can close between a key press and its commit (on a busy machine, a good fraction of a
 * second); localStorage writes before the next key, so the last answers and the last words survive
 * and are saved at the next open. One draft per week holds both, and is read back by hand (the
 * popup loads no zod): a damaged copy counts as none.
 */
import { newPulseRecord, WeekClosedError, withAnswer, withComment } from '../core/pulse-edit';
import { isAnswer, isPlainObject } from '../core/pulse-record';
import { pulseForWeek } from '../core/rotation';
import type { Answer } from '../core/scale';
import type { PulseRecord } from '../core/schemas';
import type { WeekId } from '../core/week';
import type { PulseDb } from './db';
import { updatePulse } from './pulses';

export interface Draft {
  readonly answers: Readonly<Record<string, Answer>>;
  /** Absent when nothing was typed since the last save. */
  readonly comment?: string;
}

const PREFIX = 'culture-pulse:draft:';
/** Earlier versions kept comments and answers apart; read once, so an update loses no draft. */
const OLD_COMMENT = 'culture-pulse:comment-draft:';
const OLD_ANSWERS = 'culture-pulse:answer-draft:';
const PREFIXES = [PREFIX, OLD_COMMENT, OLD_ANSWERS];
const MAX_ID_LENGTH = 64;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // Unavailable (e.g. in a worker): drafts are a safety net, not a store.
  }
}

function parseJson(text: string | null | undefined): unknown {
  if (text == null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The answers of a stored draft; anything that is not a statement id and an answer is left out. */
function answersOf(value: unknown): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  if (!isPlainObject(value)) return answers;
  for (const [id, answer] of Object.entries(value))
    if (id.length <= MAX_ID_LENGTH && isAnswer(answer)) answers[id] = answer;
  return answers;
}

export function readDraft(weekId: string): Draft {
  const store = storage();
  const stored = parseJson(store?.getItem(PREFIX + weekId));
  const fields = isPlainObject(stored) ? stored : {};
  const answers = { ...answersOf(parseJson(store?.getItem(OLD_ANSWERS + weekId))), ...answersOf(fields.answers) };
  const comment =
    typeof fields.comment === 'string' ? fields.comment : (store?.getItem(OLD_COMMENT + weekId) ?? undefined);
  return comment === undefined ? { answers } : { answers, comment };
}

function write(weekId: string, draft: Draft): void {
  const store = storage();
  try {
    store?.removeItem(OLD_ANSWERS + weekId);
    store?.removeItem(OLD_COMMENT + weekId);
    if (Object.keys(draft.answers).length === 0 && draft.comment === undefined) store?.removeItem(PREFIX + weekId);
    else store?.setItem(PREFIX + weekId, JSON.stringify(draft));
  } catch {
    // Quota or privacy settings: the IndexedDB save still runs.
  }
}

export function keepAnswer(weekId: string, questionId: string, answer: Answer): void {
  const draft = readDraft(weekId);
  write(weekId, { ...draft, answers: { ...draft.answers, [questionId]: answer } });
}

export function keepComment(weekId: string, comment: string): void {
  write(weekId, { ...readDraft(weekId), comment });
}

/** Forget what `saved` holds already (and answers it could never hold); what changed since stays. */
export function settleDraft(saved: PulseRecord): void {
  const draft = readDraft(saved.weekId);
  const answers = Object.fromEntries(
    Object.entries(draft.answers).filter(([id, a]) => saved.questionIds.includes(id) && saved.answers[id] !== a),
  );
  write(saved.weekId, draft.comment === saved.comment ? { answers } : { ...draft, answers });
}

/** Drop every draft, or every draft but this week's (the others are of closed weeks). */
export function dropDrafts(except?: string): void {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
    (k): k is string =>
      k !== null && PREFIXES.some((p) => k.startsWith(p) && (except === undefined || k !== p + except)),
  );
  for (const key of keys) store.removeItem(key);
}

/**
 * What was chosen or typed just before the popup last closed, whose save had not committed: save
 * it now over `record`, in one transaction, and return the record as stored. A draft the week no
 * longer accepts (it closed, or a statement is not this week's) is dropped; any other failure
 * keeps it for the next open and is thrown.
 */
export async function saveDraft(
  db: PulseDb,
  weekId: WeekId,
  record: PulseRecord | undefined,
  now: Date,
): Promise<PulseRecord | undefined> {
  const draft = readDraft(weekId);
  const ids = record?.questionIds ?? pulseForWeek(weekId).questions.map((q) => q.id);
  // An answer to a statement not of this week (a damaged copy) is left behind, not the whole draft.
  const answers = Object.entries(draft.answers).filter(
    ([id, answer]) => ids.includes(id) && record?.answers[id] !== answer,
  );
  const comment = draft.comment !== undefined && draft.comment !== (record?.comment ?? '') ? draft.comment : undefined;
  if (answers.length === 0 && comment === undefined) {
    if (record) settleDraft(record);
    else write(weekId, { answers: {} });
    return record;
  }
  try {
    const saved = await updatePulse(
      db,
      weekId,
      () => newPulseRecord(pulseForWeek(weekId)),
      (r) => {
        const answered = answers.reduce((acc, [id, answer]) => withAnswer(acc, id, answer, now), r);
        return comment === undefined ? answered : withComment(answered, comment, now);
      },
      now,
    );
    settleDraft(saved);
    return saved;
  } catch (error) {
    if (!(error instanceof WeekClosedError) && !(error instanceof RangeError)) throw error;
    write(weekId, { answers: {} });
    return record;
  }
}
