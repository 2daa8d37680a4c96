/**
 * The popup's keyboard: digits 1–5 answer, S skips, Enter goes on, Escape closes. Decided here,
 * apart from the DOM, so the rules are plain to read and test.
 */
import type { Answer } from '../core/scale';

export type KeyAction =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'next' }
  | { kind: 'finish' }
  | { kind: 'close' }
  | { kind: 'none' };

/** Where the key was pressed: a text field keeps its own keys (digits are text there). */
export type KeyTarget = 'text' | 'button' | 'other';

export interface KeyPress {
  readonly key: string;
  /** The physical key, for layouts whose digit row types other characters (AZERTY). */
  readonly code?: string;
  /** True while an input method is composing text: its Enter and Escape are not ours. */
  readonly isComposing?: boolean;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

const DIGIT_CODE = /^(?:Digit|Numpad)([1-5])$/;

export function keyAction(press: KeyPress, target: KeyTarget, onQuestion: boolean): KeyAction {
  if (press.isComposing || press.key === 'Process') return { kind: 'none' };
  if (press.key === 'Escape') return { kind: 'close' };
  if (press.altKey || press.ctrlKey || press.metaKey) {
    // Ctrl/Cmd+Enter finishes from anywhere, including the comment box.
    return press.key === 'Enter' && (press.ctrlKey || press.metaKey) ? { kind: 'finish' } : { kind: 'none' };
  }
  if (target === 'text') {
    return press.key === 'Enter' && !press.shiftKey ? { kind: 'finish' } : { kind: 'none' };
  }
  if (press.key === 'Enter') return target === 'button' ? { kind: 'none' } : { kind: 'next' };
  if (!onQuestion) return { kind: 'none' };
  const digit = /^[1-5]$/.test(press.key) ? press.key : DIGIT_CODE.exec(press.code ?? '')?.[1];
  if (digit) return { kind: 'answer', answer: Number(digit) as 1 | 2 | 3 | 4 | 5 };
  if (press.key === 's' || press.key === 'S' || press.key === '0') return { kind: 'answer', answer: 'skip' };
  return { kind: 'none' };
}
