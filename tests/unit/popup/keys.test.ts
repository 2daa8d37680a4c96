import { describe, expect, it } from 'vitest';
import { type KeyTarget, keyAction } from '../../../src/popup/keys';

const press = (
  key: string,
  mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keyAction', () => {
  it('answers with digits 1–5 and skips with S or 0 on a question', () => {
    expect(keyAction(press('1'), 'other', true)).toEqual({ kind: 'answer', answer: 1 });
    expect(keyAction(press('5'), 'other', true)).toEqual({ kind: 'answer', answer: 5 });
    expect(keyAction(press('s'), 'other', true)).toEqual({ kind: 'answer', answer: 'skip' });
    expect(keyAction(press('0'), 'other', true)).toEqual({ kind: 'answer', answer: 'skip' });
    expect(keyAction(press('6'), 'other', true)).toEqual({ kind: 'none' });
    expect(keyAction(press('3'), 'other', false)).toEqual({ kind: 'none' });
  });

  it('goes on with Enter, except on a button, which presses itself', () => {
    expect(keyAction(press('Enter'), 'other', true)).toEqual({ kind: 'next' });
    expect(keyAction(press('Enter'), 'button', true)).toEqual({ kind: 'none' });
  });

  it('leaves typing alone in the comment box, where Enter finishes and Shift+Enter is a new line', () => {
    const text: KeyTarget = 'text';
    expect(keyAction(press('3'), text, false)).toEqual({ kind: 'none' });
    expect(keyAction(press('s'), text, false)).toEqual({ kind: 'none' });
    expect(keyAction(press('Enter'), text, false)).toEqual({ kind: 'finish' });
    expect(keyAction(press('Enter', { shiftKey: true }), text, false)).toEqual({ kind: 'none' });
    expect(keyAction(press('Enter', { ctrlKey: true }), text, false)).toEqual({ kind: 'finish' });
  });

  it('leaves Enter, Escape and digits to an input method while it composes text', () => {
    for (const key of ['Enter', 'Escape', '3']) {
      expect(keyAction({ ...press(key), isComposing: true }, 'text', false)).toEqual({ kind: 'none' });
      expect(keyAction({ ...press(key), isComposing: true }, 'other', true)).toEqual({ kind: 'none' });
    }
    expect(keyAction(press('Process'), 'other', true)).toEqual({ kind: 'none' });
  });

  it('reads the physical digit keys on layouts whose digit row types other characters (AZERTY)', () => {
    expect(keyAction({ ...press('&'), code: 'Digit1' }, 'other', true)).toEqual({ kind: 'answer', answer: 1 });
    expect(keyAction({ ...press('('), code: 'Digit5' }, 'other', true)).toEqual({ kind: 'answer', answer: 5 });
    expect(keyAction({ ...press('3'), code: 'Numpad3' }, 'other', true)).toEqual({ kind: 'answer', answer: 3 });
    expect(keyAction({ ...press('-'), code: 'Digit6' }, 'other', true)).toEqual({ kind: 'none' });
  });

  it('closes with Escape from anywhere, and ignores shortcuts with modifiers', () => {
    for (const target of ['text', 'button', 'other'] as const)
      expect(keyAction(press('Escape'), target, true).kind).toBe('close');
    expect(keyAction(press('1', { ctrlKey: true }), 'other', true)).toEqual({ kind: 'none' });
    expect(keyAction(press('2', { altKey: true }), 'other', true)).toEqual({ kind: 'none' });
  });
});
