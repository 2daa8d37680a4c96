/**
 * Reading back a week's record the extension wrote itself, without zod: the popup reads one at
 * every open, and zod with its schemas is most of what a page would otherwise load. Every field is
 * checked as `pulseRecordSchema` checks it (tests/unit/core/pulse-record.test.ts holds the two
 * side by side); what comes from outside (an imported file, a message) still goes through zod.
 */
import { isKnownQuestionId } from './questions';
import type { Answer } from './scale';
import type { PulseRecord } from './schemas';
import { isWeekId } from './week';

export const MAX_COMMENT_LENGTH = 2000;
const MAX_QUESTIONS = 10;

export type CheckedRecord = { ok: true; record: PulseRecord } | { ok: false; problem: string };

const FIELDS = new Set([
  'weekId',
  'bankVersion',
  'questionIds',
  'answers',
  'comment',
  'completed',
  'updatedAt',
  'importedAt',
]);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isWhole = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

export function isAnswer(value: unknown): value is Answer {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5 || value === 'skip';
}

function answersOf(value: unknown, questionIds: readonly string[] | undefined, found: string[]) {
  if (!isPlainObject(value)) {
    found.push('answers: must be an object (missing or wrong type)');
    return undefined;
  }
  const answers: Record<string, Answer> = {};
  for (const [id, answer] of Object.entries(value)) {
    if (!isKnownQuestionId(id)) found.push(`answers.${id}: is not a question Culture Pulse knows`);
    else if (!isAnswer(answer)) found.push(`answers.${id}: must be 1, 2, 3, 4, 5 or "skip"`);
    else answers[id] = answer;
  }
  if (questionIds && Object.keys(answers).some((id) => !questionIds.includes(id))) {
    found.push('(file): answers must only be for the week’s own questions');
  }
  return answers;
}

function questionIdsOf(value: unknown, found: string[]): string[] | undefined {
  if (!Array.isArray(value)) {
    found.push('questionIds: must be an array (missing or wrong type)');
    return undefined;
  }
  if (value.length < 1) found.push('questionIds: is too short (at least 1)');
  if (value.length > MAX_QUESTIONS) found.push(`questionIds: is too long (at most ${MAX_QUESTIONS})`);
  const ids: string[] = [];
  value.forEach((id: unknown, i) => {
    if (typeof id === 'string' && isKnownQuestionId(id)) ids.push(id);
    else found.push(`questionIds[${i}]: is not a question Culture Pulse knows`);
  });
  return ids;
}

/**
 * The stored value as a record, or what is wrong with it, one line per problem ("path: problem",
 * as `describeIssues` words zod's), a few at most. The record is a fresh copy of the known fields.
 */
export function checkPulseRecord(value: unknown): CheckedRecord {
  if (!isPlainObject(value)) return { ok: false, problem: '(file): must be an object (missing or wrong type)' };
  const found: string[] = [];
  const extra = Object.keys(value).filter((k) => !FIELDS.has(k));
  if (extra.length > 0) {
    found.push(`(file): has unexpected field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}`);
  }
  const { weekId, bankVersion, comment, completed, updatedAt, importedAt } = value;
  if (typeof weekId !== 'string' || !isWeekId(weekId)) found.push('weekId: must be an ISO week such as 2026-W48');
  if (!isWhole(bankVersion, 1)) found.push('bankVersion: must be a whole number of at least 1');
  const questionIds = questionIdsOf(value.questionIds, found);
  const answers = answersOf(value.answers, questionIds, found);
  if (typeof comment !== 'string') found.push('comment: must be a string (missing or wrong type)');
  else if (comment.length > MAX_COMMENT_LENGTH) found.push(`comment: is too long (at most ${MAX_COMMENT_LENGTH})`);
  if (typeof completed !== 'boolean') found.push('completed: must be a boolean (missing or wrong type)');
  if (!isWhole(updatedAt, 0)) found.push('updatedAt: must be a whole number of at least 0');
  if (importedAt !== undefined && !isWhole(importedAt, 0)) {
    found.push('importedAt: must be a whole number of at least 0');
  }
  // The checks again, so TypeScript sees each field's type: `found` is empty exactly when they hold.
  if (
    found.length > 0 ||
    typeof weekId !== 'string' ||
    !isWeekId(weekId) ||
    !isWhole(bankVersion, 1) ||
    !questionIds ||
    !answers ||
    typeof comment !== 'string' ||
    typeof completed !== 'boolean' ||
    !isWhole(updatedAt, 0)
  ) {
    const more = found.length - 5;
    return { ok: false, problem: found.slice(0, 5).join('\n') + (more > 0 ? `\n…and ${more} more` : '') };
  }
  const record: PulseRecord = { weekId, bankVersion, questionIds, answers, comment, completed, updatedAt };
  if (isWhole(importedAt, 0)) record.importedAt = importedAt;
  return { ok: true, record };
}
