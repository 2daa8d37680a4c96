/**
 * "What we are doing about it": a manager's short note on a week and theme, so engineers see that
 * their answers went somewhere (Kua: feedback that goes nowhere stops coming). Plain text only,
 * length-limited, and always rendered as text, never as HTML. Parsed on the server when written
 * and in the extension when read.
 */
import * as z from 'zod/mini';
import { THEMES } from './questions';
import { weekIdSchema } from './schemas';

export const NOTE_MAX_LENGTH = 500;

/** Line breaks and tabs are fine; other control characters are not text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const noteTextSchema = z.string().check(
  z.refine((s) => s.trim().length > 0, 'must not be empty'),
  z.maxLength(NOTE_MAX_LENGTH, `must be at most ${NOTE_MAX_LENGTH} characters`),
  z.refine((s) => !CONTROL.test(s), 'must be plain text (no control characters)'),
);

export const themeSchema = z.enum(THEMES, { error: `must be one of ${THEMES.join(', ')}` });

export const noteSchema = z.strictObject({
  weekId: weekIdSchema,
  theme: themeSchema,
  text: noteTextSchema,
});
export type Note = z.infer<typeof noteSchema>;

export const notesResponseSchema = z.strictObject({ notes: z.array(noteSchema).check(z.maxLength(2000)) });
