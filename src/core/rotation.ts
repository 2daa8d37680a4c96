/**
 * Which questions a week asks. A pure function of the ISO week and the bank version, so a whole
 * team answers the same questions in the same week (per-question counts stay above the anonymity
 * threshold), and every question comes round: each theme's questions are cycled in bank order.
 */
import { BANK_VERSION, bankQuestions, type Question, THEMES } from './questions';
import { type WeekId, weekOrdinal } from './week';

export const QUESTIONS_PER_WEEK = 4;

export interface WeeklyPulse {
  readonly weekId: WeekId;
  readonly bankVersion: number;
  readonly questions: readonly Question[];
}

export function pulseForWeek(weekId: WeekId, bankVersion: number = BANK_VERSION): WeeklyPulse {
  // Pure, and asked for the same weeks over and over (every stored submission is checked against it).
  const key = `${weekId}|${bankVersion}`;
  let pulse = PULSES.get(key);
  if (!pulse) {
    pulse = computePulse(weekId, bankVersion);
    if (PULSES.size >= 10_000) PULSES.clear();
    PULSES.set(key, pulse);
  }
  return pulse;
}

const PULSES = new Map<string, WeeklyPulse>();

function computePulse(weekId: WeekId, bankVersion: number): WeeklyPulse {
  const bank = bankQuestions(bankVersion);
  const n = weekOrdinal(weekId);
  const byTheme = THEMES.map((theme) => bank.filter((q) => q.theme === theme));
  // One question per theme, each theme cycling through its own questions...
  const picks = byTheme.map((qs) => qs[mod(n, qs.length)]).filter((q): q is Question => !!q);
  // ...plus one more from a theme that takes its turn, the question after this week's pick.
  const extraTheme = byTheme[mod(n, byTheme.length)] ?? [];
  if (extraTheme.length > 1) {
    const extra = extraTheme[mod(n + 1, extraTheme.length)];
    if (extra) picks.splice(mod(n, byTheme.length) + 1, 0, extra);
  }
  return { weekId, bankVersion, questions: picks.slice(0, QUESTIONS_PER_WEEK) };
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
