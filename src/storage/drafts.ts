/**
 * Synchronous copies of what is being answered and typed, in this extension's localStorage (on
 * this device only, like everything else). IndexedDB saves are asynchronous and a popup can close
 * between a key press and its commit (on a busy machine, a good fraction of a second); localStorage
 * writes before the next key, so the last answer and the last words survive and are saved at the
 * next open.
 */
import * as z from 'zod/mini';
import { newPulseRecord, WeekClosedError, withAnswer } from '../core/pulse-edit';
import { pulseForWeek } from '../core/rotation';
import type { Answer } from '../core/scale';
import { answerSchema, type PulseRecord } from '../core/schemas';
import type { WeekId } from '../core/week';
import type { PulseDb } from './db';
import { updatePulse } from './pulses';

const PREFIX = 'culture-pulse:comment-draft:';
const ANSWERS_PREFIX = 'culture-pulse:answer-draft:';
const answerDraftsSchema = z.record(z.string().check(z.maxLength(64)), answerSchema);

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // Unavailable (e.g. in a worker): drafts are a safety net, not a store.
  }
}

export function keepDraft(weekId: string, text: string): void {
  try {
    storage()?.setItem(PREFIX + weekId, text);
  } catch {
    // Quota or privacy settings: the IndexedDB save still runs.
  }
}

export function readDraft(weekId: string): string | undefined {
  return storage()?.getItem(PREFIX + weekId) ?? undefined;
}

export function dropDraft(weekId: string): void {
  storage()?.removeItem(PREFIX + weekId);
}

/** The answers chosen this week that may not have reached IndexedDB yet; damaged copies count as none. */
export function readAnswerDrafts(weekId: string): Record<string, Answer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage()?.getItem(ANSWERS_PREFIX + weekId) ?? '{}');
  } catch {
    return {};
  }
  const drafts = answerDraftsSchema.safeParse(parsed);
  return drafts.success ? drafts.data : {};
}

export function keepAnswerDraft(weekId: string, questionId: string, answer: Answer): void {
  try {
    storage()?.setItem(ANSWERS_PREFIX + weekId, JSON.stringify({ ...readAnswerDrafts(weekId), [questionId]: answer }));
  } catch {
    // Quota or privacy settings: the IndexedDB save still runs.
  }
}

export function dropAnswerDrafts(weekId: string): void {
  storage()?.removeItem(ANSWERS_PREFIX + weekId);
}

/** Drop every draft (comments and answers), or every draft but this week's. */
export function dropDrafts(except?: string): void {
  const store = storage();
  if (!store) return;
  const keep = except === undefined ? [] : [PREFIX + except, ANSWERS_PREFIX + except];
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
    (k): k is string => k !== null && (k.startsWith(PREFIX) || k.startsWith(ANSWERS_PREFIX)) && !keep.includes(k),
  );
  for (const key of keys) store.removeItem(key);
}

/**
 * Answers chosen just before the popup last closed, whose save had not committed: save them now,
 * in one transaction, and return the record as stored. Drafts the week no longer accepts (it
 * closed, or the statement is not this week's) are dropped; any other failure keeps them for the
 * next open and is thrown.
 */
export async function saveAnswerDrafts(
  db: PulseDb,
  weekId: WeekId,
  record: PulseRecord | undefined,
  now: Date,
): Promise<PulseRecord | undefined> {
  const unsaved = Object.entries(readAnswerDrafts(weekId)).filter(([id, answer]) => record?.answers[id] !== answer);
  if (unsaved.length === 0) {
    dropAnswerDrafts(weekId);
    return record;
  }
  try {
    const saved = await updatePulse(
      db,
      weekId,
      () => newPulseRecord(pulseForWeek(weekId)),
      (r) => unsaved.reduce((acc, [id, answer]) => withAnswer(acc, id, answer, now), r),
      now,
    );
    dropAnswerDrafts(weekId);
    return saved;
  } catch (error) {
    if (!(error instanceof WeekClosedError) && !(error instanceof RangeError)) throw error;
    dropAnswerDrafts(weekId);
    return record;
  }
}
