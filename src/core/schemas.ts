/**
 * zod schemas for the records every part of the extension shares: week ids, answers and the
 * stored weekly pulse. Schemas that belong to one feature live beside it (reminder-settings.ts,
 * export-file.ts, platform/messages.ts) so a page only loads the schemas it uses. Written with
 * zod/mini so the extension's pages stay small.
 */
import * as z from 'zod/mini';
import { MAX_COMMENT_LENGTH } from './pulse-record';
import { isKnownQuestionId } from './questions';
import { isWeekId, type WeekId } from './week';

export { MAX_COMMENT_LENGTH };

export const weekIdSchema = z.custom<WeekId>(
  (v) => typeof v === 'string' && isWeekId(v),
  'must be an ISO week such as 2026-W48',
);

export const questionIdSchema = z
  .string({ error: 'must be a question id' })
  .check(z.refine(isKnownQuestionId, { error: 'is not a question Culture Pulse knows', abort: true }));

export const answerSchema = z.literal([1, 2, 3, 4, 5, 'skip'], { error: 'must be 1, 2, 3, 4, 5 or "skip"' });

/** One engineer's pulse for one ISO week, as stored in IndexedDB on their machine. */
export const pulseRecordSchema = z
  .strictObject({
    weekId: weekIdSchema,
    bankVersion: z.number().check(z.int(), z.gte(1)),
    questionIds: z.array(questionIdSchema).check(z.minLength(1), z.maxLength(10)),
    answers: z.record(questionIdSchema, answerSchema),
    comment: z.string().check(z.maxLength(MAX_COMMENT_LENGTH)),
    /** Set when the engineer finished the pulse (answered or skipped every question, then Done). */
    completed: z.boolean(),
    /** Local bookkeeping for import merges; never leaves the device. */
    updatedAt: z.number().check(z.int(), z.gte(0)),
    /**
     * When the week came in from an imported file. Such a week is never sent to a team from this
     * device: the browser it was answered in may send it too, and it would count twice.
     */
    importedAt: z.optional(z.number().check(z.int(), z.gte(0))),
  })
  .check(
    z.refine(
      (r) => Object.keys(r.answers).every((id) => r.questionIds.includes(id)),
      'answers must only be for the week’s own questions',
    ),
  );
export type PulseRecord = z.infer<typeof pulseRecordSchema>;

/**
 * A plain-English line for one problem. zod/mini ships without messages (keeping pages small), so
 * the common cases are worded here; schemas that set their own message keep it.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`} (missing or wrong type)`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `has unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `is too long (at most ${String(issue.maximum)})`
        : `is too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `is too short (at least ${String(issue.minimum)})`
        : `is too small (at least ${String(issue.minimum)})`;
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return 'is not valid';
  }
}

/** "pulses[3].answers.impact-customers: must be …", one line per problem, at most a few. */
export function describeIssues(error: z.core.$ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${path.replace(/^\./, '') || '(file)'}: ${describeIssue(issue)}`;
  });
  const more = error.issues.length - max;
  return more > 0 ? `${lines.join('\n')}\n…and ${more} more` : lines.join('\n');
}
