/**
 * Thousands of malformed submissions, made by a seeded generator from a valid one: every answer is
 * a 4xx (never a 500), nothing is written, and the server still answers afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/seeded-random';
import { type Running, startServer } from './harness';
import { submission } from './store-contract';

const CASES = 3000;

const WEIRD: unknown[] = [
  null,
  true,
  0,
  -1,
  6,
  2.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  '4',
  'skip',
  'DROP TABLE submissions',
  '\u0000',
  '💥',
  [],
  [1, 2],
  {},
  { $gt: 0 },
  { __proto__: { polluted: true } },
  'x'.repeat(300),
];

function mutate(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const base: Record<string, unknown> = structuredClone(submission('platform', '2026-W47', 999));
  const keys = ['submissionId', 'teamId', 'weekId', 'bankVersion', 'scores'];
  switch (Math.floor(rand() * 8)) {
    case 0: // a field with a value of the wrong kind
      base[pick(keys)] = pick(WEIRD);
      break;
    case 1: // a field missing
      delete base[pick(keys)];
      break;
    case 2: // an extra field (defined, so "__proto__" becomes a real key of the JSON)
      Object.defineProperty(base, pick(['comment', 'name', 'email', 'sentAt', 'ip', '__proto__', 'constructor']), {
        value: pick(WEIRD),
        enumerable: true,
      });
      break;
    case 3: // a score gone wrong
      Object.defineProperty(base.scores, pick(['impact-customers', 'nope', '', '__proto__']), {
        value: pick(WEIRD),
        enumerable: true,
      });
      break;
    case 4: // not an object at all
      return JSON.stringify(pick(WEIRD));
    case 5: {
      // truncated JSON
      const text = JSON.stringify(base);
      return text.slice(0, Math.floor(rand() * text.length));
    }
    case 6: // random bytes
      return Array.from({ length: Math.floor(rand() * 200) }, () =>
        String.fromCharCode(Math.floor(rand() * 0x7f)),
      ).join('');
    default: // a week that is wrong in one way or another
      base.weekId = pick(['2026-W00', '2026-W54', '2025-W53', '2026-W48', '2026-W46', 'W47', '2026-w47', '9999-W01']);
  }
  return JSON.stringify(base);
}

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('ingest under malformed input', () => {
  it(`answers ${CASES} malformed bodies with 4xx, writes nothing, and keeps answering`, async () => {
    const rand = seededRandom(20261126);
    const statuses = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const response = await server.post('/v1/teams/platform/submissions', mutate(rand));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      await response.body?.cancel();
    }
    const all = [...statuses.keys()];
    expect(
      all.every((s) => s >= 400 && s < 500),
      JSON.stringify(Object.fromEntries(statuses)),
    ).toBe(true);
    for (const week of ['2026-W46', '2026-W47', '2026-W48'] as const) {
      expect(await server.store.weekSubmissions('platform', week)).toEqual([]);
    }
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
    // The same server still accepts a good submission.
    expect((await server.post('/v1/teams/platform/submissions', submission('platform', '2026-W47', 1))).status).toBe(
      201,
    );
  }, 60_000);
});
