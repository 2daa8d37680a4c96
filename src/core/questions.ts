/**
 * The versioned question bank. Ids are stable forever: a new wording gets a new id and a new
 * bank version, so answers given to old wording are never mixed with answers to new wording.
 * Themes are the three secrets of Patrick Kua's "Secrets of a Strong Engineering Culture".
 */

export const THEMES = ['impact', 'choice', 'improvement'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = {
  impact: 'Impact',
  choice: 'Choice',
  improvement: 'Improvement',
};

export interface Question {
  readonly id: string;
  readonly theme: Theme;
  readonly text: string;
  /** First bank version that asks it. */
  readonly since: number;
  /** Last bank version that asks it; absent while it is still asked. */
  readonly until?: number;
}

export const BANK_VERSION = 1;

/** Every question any bank version ever asked, in a fixed order. Never reorder or delete. */
export const QUESTIONS: readonly Question[] = [
  // Impact: customer impact, seeing the outcome, solving puzzles.
  {
    id: 'impact-customers',
    theme: 'impact',
    text: 'I can see how my work helps our customers.',
    since: 1,
  },
  {
    id: 'impact-outcome',
    theme: 'impact',
    text: 'I found out this week whether something I shipped worked as intended.',
    since: 1,
  },
  {
    id: 'impact-handoffs',
    theme: 'impact',
    text: 'Few handoffs stand between me and the people who use what we build.',
    since: 1,
  },
  {
    id: 'impact-puzzles',
    theme: 'impact',
    text: 'I spent this week on problems worth solving.',
    since: 1,
  },
  // Choice: choosing the solution, choosing how we work, degrees of freedom.
  {
    id: 'choice-solution',
    theme: 'choice',
    text: 'Engineers here help decide how a business problem gets solved, not only build it.',
    since: 1,
  },
  {
    id: 'choice-how-we-work',
    theme: 'choice',
    text: 'My team decides how we work day to day.',
    since: 1,
  },
  {
    id: 'choice-boundaries',
    theme: 'choice',
    text: 'I know which decisions are mine to make and which are not.',
    since: 1,
  },
  {
    id: 'choice-right-thing-easy',
    theme: 'choice',
    text: 'Doing the right thing is the easy thing in our tools and processes.',
    since: 1,
  },
  // Improvement: personal growth, the company improving, the work environment.
  {
    id: 'improvement-growth',
    theme: 'improvement',
    text: 'I have real opportunities to grow here.',
    since: 1,
  },
  {
    id: 'improvement-feedback',
    theme: 'improvement',
    text: 'I get useful feedback on how I am doing.',
    since: 1,
  },
  {
    id: 'improvement-team',
    theme: 'improvement',
    text: 'My team gets a little better every few weeks.',
    since: 1,
  },
  {
    id: 'improvement-environment',
    theme: 'improvement',
    text: 'When something gets in our way, it gets fixed.',
    since: 1,
  },
  {
    id: 'improvement-safety',
    theme: 'improvement',
    text: 'I can try something new here without fear of blame if it fails.',
    since: 1,
  },
];

/** The key of a statement's translation in the UI's messages: `q_` and its id, `_` for `-`. */
export function statementKey(id: string): string {
  return `q_${id.replaceAll('-', '_')}`;
}

const BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));

export function questionById(id: string): Question | undefined {
  return BY_ID.get(id);
}

export function isKnownQuestionId(id: string): boolean {
  return BY_ID.has(id);
}

/** The questions a given bank version asks, in bank order. */
export function bankQuestions(version: number = BANK_VERSION): Question[] {
  return QUESTIONS.filter((q) => q.since <= version && (q.until === undefined || version <= q.until));
}
