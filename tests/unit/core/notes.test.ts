import { describe, expect, it } from 'vitest';
import { NOTE_MAX_LENGTH, noteSchema, notesResponseSchema } from '../../../src/core/notes';

const note = { weekId: '2026-W47', theme: 'choice', text: 'We moved the design review to the team.\nMore soon.' };

describe('team notes', () => {
  it('accepts short plain text, line breaks included', () => {
    expect(noteSchema.parse(note)).toEqual(note);
    expect(noteSchema.safeParse({ ...note, text: 'x'.repeat(NOTE_MAX_LENGTH) }).success).toBe(true);
    expect(notesResponseSchema.safeParse({ notes: [note] }).success).toBe(true);
  });

  it('refuses empty, long, control-character and unknown-theme notes', () => {
    for (const bad of [
      { ...note, text: '   ' },
      { ...note, text: 'x'.repeat(NOTE_MAX_LENGTH + 1) },
      { ...note, text: 'bell\u0007' },
      { ...note, theme: 'morale' },
      { ...note, weekId: '2026-W54' },
      { ...note, author: 'Sam' },
    ]) {
      expect(noteSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps markup as the text it is', () => {
    const markup = { ...note, text: '<img src=x onerror=alert(1)>' };
    expect(noteSchema.parse(markup).text).toBe('<img src=x onerror=alert(1)>');
  });
});
