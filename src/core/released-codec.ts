/**
 * A released week's figures in a compact form for the endpoint to keep: one flat array of numbers
 * (questions and themes by their index in the bank, which never reorders). An export reads a
 * hundred thousand of these; parsing a flat number array is several times cheaper than the object
 * form, and every value is still checked on the way back. Anything that does not decode is
 * refused (undefined), and the caller recomputes from the submissions.
 *
 *   [FORMAT, responses or -1, suppressed 0|1, nQuestions, (question, state, responses, mean,
 *    favourable, neutral, unfavourable) × nQuestions, nThemes, (theme, state, …) × nThemes]
 *
 * state: 0 shown, 1 hidden (fewer than k), 2 a theme hidden because one of its questions is.
 */
import * as z from 'zod/mini';
import { type Cell, fewerThan, type ReleasedWeek } from './privacy';
import { QUESTIONS, THEMES, type Theme } from './questions';

const FORMAT = 1;
const CELL = 7;
const QUESTION_INDEX = new Map(QUESTIONS.map((q, i) => [q.id, i]));
const THEME_INDEX = new Map(THEMES.map((t, i) => [t, i]));

const numbersSchema = z.array(z.number()).check(z.maxLength(4 + CELL * (QUESTIONS.length + THEMES.length)));

function cellNumbers(index: number, cell: Cell, hiddenState: 1 | 2): number[] {
  if (cell.suppressed) return [index, hiddenState, 0, 0, 0, 0, 0];
  return [index, 0, cell.responses, cell.mean, cell.favourablePct, cell.neutralPct, cell.unfavourablePct];
}

/** The compact form, or undefined when the week holds a question the bank does not know. */
export function encodeReleased(week: ReleasedWeek): number[] | undefined {
  const out = [FORMAT, week.responses ?? -1, week.suppressed ? 1 : 0];
  const questions = Object.entries(week.questions);
  out.push(questions.length);
  for (const [id, cell] of questions) {
    const index = QUESTION_INDEX.get(id);
    if (index === undefined) return undefined;
    out.push(...cellNumbers(index, cell, 1));
  }
  const themes = Object.entries(week.themes) as [Theme, Cell][];
  out.push(themes.length);
  for (const [theme, cell] of themes) {
    const index = THEME_INDEX.get(theme);
    if (index === undefined) return undefined;
    const becauseOfQuestion = cell.suppressed && cell.reason.endsWith('to one of its questions');
    out.push(...cellNumbers(index, cell, becauseOfQuestion ? 2 : 1));
  }
  return out;
}

const isPct = (x: number) => x >= 0 && x <= 100;
const isCount = (x: number) => Number.isInteger(x) && x >= 0;

function decodeCell(n: readonly number[], at: number, k: number): Cell | undefined {
  const [state, responses = -1, mean = 0, fav = -1, neu = -1, unf = -1] = n.slice(at + 1, at + CELL);
  if (state === 1) return { suppressed: true, reason: fewerThan(k) };
  if (state === 2) return { suppressed: true, reason: `${fewerThan(k)} to one of its questions` };
  if (state !== 0 || !isCount(responses) || !(mean >= 1 && mean <= 5) || !isPct(fav) || !isPct(neu) || !isPct(unf)) {
    return undefined;
  }
  return { suppressed: false, responses, mean, favourablePct: fav, neutralPct: neu, unfavourablePct: unf };
}

/** The figures back, for threshold k; undefined when anything is out of place. */
export function decodeReleased(raw: unknown, k: number): ReleasedWeek | undefined {
  const parsed = numbersSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const n = parsed.data;
  const [format, responses = -2, suppressed = -1, nQuestions = -1] = n;
  if (format !== FORMAT || !(responses === -1 || isCount(responses)) || !(suppressed === 0 || suppressed === 1)) {
    return undefined;
  }
  if (!isCount(nQuestions)) return undefined;
  const questions: Record<string, Cell> = {};
  let at = 4;
  for (let i = 0; i < nQuestions; i++, at += CELL) {
    const id = QUESTIONS[n[at] ?? -1]?.id;
    const cell = decodeCell(n, at, k);
    if (!id || !cell) return undefined;
    questions[id] = cell;
  }
  const nThemes = n[at++] ?? -1;
  if (!isCount(nThemes)) return undefined;
  const themes: Partial<Record<Theme, Cell>> = {};
  for (let i = 0; i < nThemes; i++, at += CELL) {
    const theme = THEMES[n[at] ?? -1];
    const cell = decodeCell(n, at, k);
    if (!theme || !cell) return undefined;
    themes[theme] = cell;
  }
  if (at !== n.length) return undefined;
  return { responses: responses === -1 ? null : responses, suppressed: suppressed === 1, questions, themes };
}
