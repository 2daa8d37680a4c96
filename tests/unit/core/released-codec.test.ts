import { describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../../src/core/aggregate';
import { releaseWeek } from '../../../src/core/privacy';
import { decodeReleased, encodeReleased } from '../../../src/core/released-codec';
import { pulseForWeek } from '../../../src/core/rotation';
import type { Submission } from '../../../src/core/submission';
import { addWeeksToId } from '../../../src/core/week';
import { seededRandom } from './samples';

/** A week of `people` answering at random, some skipping. */
function randomWeek(seed: number, people: number, k: number) {
  const random = seededRandom(seed);
  const weekId = addWeeksToId('2026-W01', seed % 60);
  const ids = pulseForWeek(weekId).questions.map((q) => q.id);
  const subs: Submission[] = Array.from({ length: people }, (_, p) => ({
    submissionId: String(p).padStart(64, '0'),
    teamId: 'platform',
    weekId,
    bankVersion: 1,
    scores: Object.fromEntries(
      ids.filter(() => random() > 0.3).map((id) => [id, (1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5]),
    ),
  }));
  return releaseWeek(aggregateWeek(subs.filter((s) => Object.keys(s.scores).length > 0)), k);
}

describe('the kept form of released figures', () => {
  it('gives back exactly what was released, whole weeks, hidden cells and hidden themes alike', () => {
    let hiddenThemes = 0;
    for (let seed = 0; seed < 300; seed++) {
      const k = 3 + (seed % 4);
      const week = randomWeek(seed, 1 + (seed % 12), k);
      hiddenThemes += Object.values(week.themes).filter((c) => c?.suppressed && c.reason.endsWith('questions')).length;
      const kept = encodeReleased(week);
      expect(kept).toBeDefined();
      expect(decodeReleased(JSON.parse(JSON.stringify(kept)), k)).toEqual(week);
    }
    expect(hiddenThemes).toBeGreaterThan(10); // the hardest case did come up
  });

  it('refuses anything out of place', () => {
    const kept = encodeReleased(randomWeek(7, 9, 5)) ?? [];
    const broken = (i: number, v: unknown) => kept.map((x, j) => (j === i ? v : x));
    expect(decodeReleased(broken(0, 2), 5)).toBeUndefined(); // another format
    expect(decodeReleased(broken(4, 99), 5)).toBeUndefined(); // no such question
    expect(decodeReleased(broken(7, 9), 5)).toBeUndefined(); // a mean of 9
    expect(decodeReleased(broken(5, 'x'), 5)).toBeUndefined();
    expect(decodeReleased([...kept, 1], 5)).toBeUndefined();
    expect(decodeReleased(kept.slice(0, -1), 5)).toBeUndefined();
    expect(decodeReleased({ kept }, 5)).toBeUndefined();
  });

  it('is not made for a question the bank does not know', () => {
    const week = randomWeek(3, 9, 5);
    const foreign = {
      ...week,
      questions: {
        ...week.questions,
        'not-in-the-bank': week.questions[Object.keys(week.questions)[0] ?? ''] ?? {
          suppressed: true as const,
          reason: 'x',
        },
      },
    };
    expect(encodeReleased(foreign)).toBeUndefined();
  });
});
