import { describe, expect, it } from 'vitest';
import { BANK_VERSION, bankQuestions, QUESTIONS, questionById, THEMES } from '../../../src/core/questions';

describe('the question bank', () => {
  it('has unique, stable-looking ids prefixed by their theme', () => {
    const ids = QUESTIONS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of QUESTIONS) expect(q.id).toMatch(new RegExp(`^${q.theme}-[a-z-]+$`));
  });

  it('covers every theme with several short statements', () => {
    for (const theme of THEMES)
      expect(bankQuestions().filter((q) => q.theme === theme).length).toBeGreaterThanOrEqual(3);
    for (const q of QUESTIONS) {
      expect(q.text.length).toBeLessThanOrEqual(90);
      expect(q.text).toMatch(/\.$/);
      expect(q.text).not.toMatch(/\?/);
    }
  });

  it('includes Kua’s three diagnostic questions: handoffs, involvement in solving, growth', () => {
    expect(questionById('impact-handoffs')?.text).toMatch(/handoffs/i);
    expect(questionById('choice-solution')?.text).toMatch(/decide how a business problem/i);
    expect(questionById('improvement-growth')?.text).toMatch(/grow/);
  });

  it('knows the current bank version and every question’s first version', () => {
    expect(BANK_VERSION).toBeGreaterThanOrEqual(1);
    for (const q of QUESTIONS) expect(q.since).toBeLessThanOrEqual(BANK_VERSION);
    expect(questionById('no-such-question')).toBeUndefined();
  });
});
