/**
 * A team's figures for one week: per question and per theme, the number of responses, the mean
 * and the share of favourable (4–5), neutral (3) and unfavourable (1–2) scores. Raw figures only:
 * what may be shown is privacy.ts's decision.
 */
import { questionById, THEMES, type Theme } from './questions';
import type { Submission } from './submission';

export interface Figures {
  /** How many people's scores this cell holds. */
  readonly responses: number;
  readonly mean: number;
  readonly favourablePct: number;
  readonly neutralPct: number;
  readonly unfavourablePct: number;
}

export interface WeekAggregate {
  /** Submissions received for the week. */
  readonly responses: number;
  readonly questions: ReadonlyMap<string, Figures>;
  readonly themes: ReadonlyMap<Theme, Figures>;
}

interface Tally {
  people: number;
  count: number;
  sum: number;
  favourable: number;
  neutral: number;
  unfavourable: number;
}

const emptyTally = (): Tally => ({ people: 0, count: 0, sum: 0, favourable: 0, neutral: 0, unfavourable: 0 });

function add(t: Tally, score: number): void {
  t.count++;
  t.sum += score;
  if (score >= 4) t.favourable++;
  else if (score === 3) t.neutral++;
  else t.unfavourable++;
}

function figures(t: Tally): Figures {
  return {
    responses: t.people,
    mean: t.sum / t.count,
    favourablePct: (100 * t.favourable) / t.count,
    neutralPct: (100 * t.neutral) / t.count,
    unfavourablePct: (100 * t.unfavourable) / t.count,
  };
}

export function aggregateWeek(submissions: readonly Submission[]): WeekAggregate {
  const questions = new Map<string, Tally>();
  const themes = new Map<Theme, Tally>();
  for (const s of submissions) {
    const themesAnswered = new Set<Theme>();
    for (const [id, score] of Object.entries(s.scores)) {
      const question = questionById(id);
      if (!question) continue;
      const q = questions.get(id) ?? emptyTally();
      q.people++;
      add(q, score);
      questions.set(id, q);
      const t = themes.get(question.theme) ?? emptyTally();
      add(t, score);
      themes.set(question.theme, t);
      themesAnswered.add(question.theme);
    }
    for (const theme of themesAnswered) {
      const t = themes.get(theme);
      if (t) t.people++;
    }
  }
  return {
    responses: submissions.length,
    questions: new Map([...questions].map(([id, t]) => [id, figures(t)])),
    themes: new Map(
      THEMES.flatMap((theme) => {
        const t = themes.get(theme);
        return t ? [[theme, figures(t)] as const] : [];
      }),
    ),
  };
}
