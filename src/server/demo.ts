/**
 * A demo team with a year of realistic, varied weeks, so a new user's trends page shows something
 * real at once (npm start seeds it). Seeded, so every run draws the same year: impact climbs after
 * customer demos start, choice dips through a reorganisation and recovers, improvement drifts; a
 * few holiday weeks have too few answers and stay hidden. Only closed weeks get answers.
 */
import { BANK_VERSION, questionById, type Theme } from '../core/questions';
import { pulseForWeek } from '../core/rotation';
import { seededRandom } from '../core/seeded-random';
import type { Submission } from '../core/submission';
import { addWeeksToId, type WeekId, weekIdOf } from '../core/week';
import type { Store } from './store';

/** The team's typical answer for a theme, `i` weeks into the year (0–51). */
function typical(theme: Theme, i: number): number {
  if (theme === 'impact') return i < 18 ? 3.1 : Math.min(4.1, 3.1 + (i - 18) * 0.06);
  if (theme === 'choice') return i < 24 ? 3.7 : i < 34 ? 2.7 : Math.min(3.6, 2.7 + (i - 34) * 0.07);
  return 3.2 + 0.25 * Math.sin(i / 6);
}

export const DEMO_NOTES: readonly { weeksAgo: number; theme: Theme; text: string }[] = [
  { weeksAgo: 33, theme: 'impact', text: 'Starting next sprint, every team demos to a customer once a month.' },
  {
    weeksAgo: 20,
    theme: 'choice',
    text: 'We heard you about the reorganisation. Teams pick their own tools and rituals again from March.',
  },
  { weeksAgo: 6, theme: 'improvement', text: 'Two days a quarter are now set aside for learning, booked by you.' },
];

export interface DemoOptions {
  readonly teamId: string;
  /** The last week with answers: a closed week, normally the one before this week. */
  readonly lastWeek?: WeekId;
  readonly weeks?: number;
  readonly seed?: number;
  readonly now?: Date;
}

/** Submissions for the demo year, oldest week first. */
export function demoSubmissions(options: DemoOptions): Submission[] {
  const random = seededRandom(options.seed ?? 48);
  const weeks = options.weeks ?? 52;
  const last = options.lastWeek ?? addWeeksToId(weekIdOf(options.now ?? new Date()), -1);
  const hex = () => Math.floor(random() * 16).toString(16);
  const out: Submission[] = [];
  for (let i = 0; i < weeks; i++) {
    const weekId = addWeeksToId(last, i - weeks + 1);
    const holiday = /-W(52|53|01|32|33)$/.test(weekId);
    const people = holiday ? 3 + Math.floor(random() * 2) : 8 + Math.floor(random() * 4);
    const questions = pulseForWeek(weekId, BANK_VERSION).questions;
    for (let p = 0; p < people; p++) {
      const scores: Record<string, 1 | 2 | 3 | 4 | 5> = {};
      for (const q of questions) {
        if (random() < 0.08) continue; // skipped
        const theme = questionById(q.id)?.theme ?? 'impact';
        const noisy = typical(theme, i) + (random() + random() + random() - 1.5) * 1.2;
        scores[q.id] = Math.min(5, Math.max(1, Math.round(noisy))) as 1 | 2 | 3 | 4 | 5;
      }
      if (Object.keys(scores).length === 0) continue;
      out.push({
        submissionId: Array.from({ length: 64 }, hex).join(''),
        teamId: options.teamId,
        weekId,
        bankVersion: BANK_VERSION,
        scores,
      });
    }
  }
  return out;
}

/** Fill a team with the demo year and its notes. */
export async function seedDemo(store: Store, options: DemoOptions): Promise<{ submissions: number; weeks: number }> {
  const submissions = demoSubmissions(options);
  for (const s of submissions) await store.upsertSubmission(s);
  const last = options.lastWeek ?? addWeeksToId(weekIdOf(options.now ?? new Date()), -1);
  for (const note of DEMO_NOTES) {
    await store.putNote({
      teamId: options.teamId,
      weekId: addWeeksToId(last, -note.weeksAgo),
      theme: note.theme,
      text: note.text,
    });
  }
  return { submissions: submissions.length, weeks: new Set(submissions.map((s) => s.weekId)).size };
}
