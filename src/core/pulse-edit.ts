/**
 * How a week's record changes as the engineer answers: pure functions, so the rules (the week's
 * own questions only, nothing after the week closes, comment length) are tested without a browser.
 */

import { MAX_COMMENT_LENGTH } from './pulse-record';
import type { WeeklyPulse } from './rotation';
import type { Answer } from './scale';
import type { PulseRecord } from './schemas';
import { isWeekClosed } from './week';

export class WeekClosedError extends Error {
  override name = 'WeekClosedError';
  constructor(readonly weekId: string) {
    super(`Week ${weekId} has closed; its answers can no longer change.`);
  }
}

export function newPulseRecord(pulse: WeeklyPulse): PulseRecord {
  return {
    weekId: pulse.weekId,
    bankVersion: pulse.bankVersion,
    questionIds: pulse.questions.map((q) => q.id),
    answers: {},
    comment: '',
    completed: false,
    updatedAt: 0,
  };
}

function assertOpen(record: PulseRecord, now: Date): void {
  if (isWeekClosed(record.weekId, now)) throw new WeekClosedError(record.weekId);
}

export function withAnswer(record: PulseRecord, questionId: string, answer: Answer, now: Date): PulseRecord {
  assertOpen(record, now);
  if (!record.questionIds.includes(questionId)) {
    throw new RangeError(`Question ${questionId} is not part of week ${record.weekId}.`);
  }
  return { ...record, answers: { ...record.answers, [questionId]: answer } };
}

export function withComment(record: PulseRecord, comment: string, now: Date): PulseRecord {
  assertOpen(record, now);
  return { ...record, comment: comment.slice(0, MAX_COMMENT_LENGTH) };
}

export function withCompleted(record: PulseRecord, completed: boolean, now: Date): PulseRecord {
  assertOpen(record, now);
  return { ...record, completed };
}

/** Where a returning engineer picks up: the first question without an answer, else the comment. */
export function resumeStep(record: PulseRecord | undefined): number {
  if (!record) return 0;
  const index = record.questionIds.findIndex((id) => record.answers[id] === undefined);
  return index === -1 ? record.questionIds.length : index;
}
