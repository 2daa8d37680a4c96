/**
 * The manager CSV over real HTTP: streamed, released weeks only, suppressed cells empty, the same
 * figures as the JSON read API, and read back cell by cell by papaparse and Python's csv module,
 * with a team name and question texts made to break careless writers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, toCsv } from '../../src/core/csv';
import type { Cell } from '../../src/core/privacy';
import { pulseForWeek } from '../../src/core/rotation';
import { releasedTrendWeeks, teamWeeksSchema } from '../../src/core/team-weeks';
import { COUNTING, TREND_CSV_HEADER, trendCsvRow, trendRows } from '../../src/core/trends';
import type { WeekId } from '../../src/core/week';
import { hashToken } from '../../src/server/tokens';
import { trendCsvChunks } from '../../src/server/trends-csv';
import { readWithPapaparse, readWithPython } from './csv-readers';
import { INGEST, MANAGER, type Running, startServer } from './harness';
import { submission } from './store-contract';

const HOSTILE = '=Équipe, "Plateforme"\nnuit @ +1 -2';
const HOSTILE_MANAGER = 'hostile-manager-token-cccccccccccccccccccccccccccc';
let server: Running;
/** Submission ids must differ across weeks too: one id is one person's one week. */
let sent = 1000;

/** People answering every question of a week with a score. */
async function answer(teamId: string, weekId: WeekId, people: number, score: (i: number) => 1 | 2 | 3 | 4 | 5) {
  for (let i = 0; i < people; i++) await server.store.upsertSubmission(submission(teamId, weekId, ++sent, score(i)));
}

beforeAll(async () => {
  server = await startServer(); // the clock: Thursday of 2026-W48
  await server.store.createTeam({
    teamId: 'hostile',
    kind: 'open',
    name: HOSTILE,
    ingestTokenHash: hashToken('hostile-ingest-token-dddddddddddddddddddddddddd'),
    managerTokenHash: hashToken(HOSTILE_MANAGER),
    k: 5,
  });
  await answer('platform', '2026-W44', 6, (i) => ((i % 5) + 1) as 1);
  await answer('platform', '2026-W45', 3, () => 5); // below k
  await answer('platform', '2026-W46', 7, (i) => (i < 5 ? 4 : 2));
  await answer('platform', '2026-W47', 8, () => 3); // collecting: not in the CSV
  await answer('hostile', '2026-W46', 5, () => 4);
});
afterAll(async () => {
  await server?.close();
});

async function csv(path: string, token = MANAGER): Promise<Response> {
  return server.get(path, token);
}

/** The body as sent: Response.text() would strip the byte-order mark the file must start with. */
async function bodyText(response: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

describe('GET /v1/teams/:team/trends.csv', () => {
  it('streams released weeks as the manager CSV, the same figures as the JSON API', async () => {
    const response = await csv('/v1/teams/platform/trends.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="platform-trends.csv"');
    const text = await bodyText(response);
    const rows = readWithPapaparse(text);
    expect(rows[0]).toEqual([...TREND_CSV_HEADER]);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(['2026-W44', '2026-W45', '2026-W46']));

    // Cell by cell against what the JSON API releases for the same weeks.
    // The JSON answer parses with the schema the trends page uses, and gives the same rows.
    const answer = await server.get('/v1/teams/platform/weeks');
    // fetch asks for gzip: the JSON comes compressed, the CSV stream above does not.
    expect(answer.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-encoding')).toBeNull();
    const json = teamWeeksSchema.parse(await answer.json());
    const released = releasedTrendWeeks(json.weeks);
    const expected = trendRows(released).map((r) =>
      trendCsvRow(r, { team: 'Platform', kind: 'open' }).map((c) => (c === null ? '' : String(c))),
    );
    expect(rows.slice(1)).toEqual(expected);
    expect(readWithPython(text)).toEqual(rows);

    const w45 = rows.filter((r) => r[1] === '2026-W45');
    expect(w45.every((r) => r[6] === '' && r[8] === '' && r[12] === 'true')).toBe(true);
    const impact46 = rows.find((r) => r[1] === '2026-W46' && r[3] === 'impact' && r[4] === '');
    expect(impact46?.slice(6)).toEqual(['7', '3.43', '71', '0', '29', '38', 'false', COUNTING.open]); // 33 % in W44 (2 of 6), 71 % in W46
  });

  it('keeps a hostile team name intact for both parsers, and defused for spreadsheets', async () => {
    const text = await bodyText(await csv('/v1/teams/hostile/trends.csv', HOSTILE_MANAGER));
    const papa = readWithPapaparse(text);
    expect(readWithPython(text)).toEqual(papa);
    expect(papa.slice(1).every((r) => r[0] === `'${HOSTILE}`)).toBe(true);
    expect(text).toContain('\r\n');
    expect(text.split('\r\n').at(-1)).toBe('');
  });

  it('takes a week range, and refuses a bad one, a missing token and the ingest token', async () => {
    const text = await bodyText(await csv('/v1/teams/platform/trends.csv?from=2026-W46&to=2026-W46'));
    expect(
      new Set(
        readWithPapaparse(text)
          .slice(1)
          .map((r) => r[1]),
      ),
    ).toEqual(new Set(['2026-W46']));
    expect((await csv('/v1/teams/platform/trends.csv?from=2026-W99')).status).toBe(400);
    expect((await csv('/v1/teams/platform/trends.csv', '')).status).toBe(401);
    expect((await csv('/v1/teams/platform/trends.csv', INGEST)).status).toBe(403);
  });

  it('writes an empty team as the header alone', async () => {
    await server.store.createTeam({
      teamId: 'empty',
      kind: 'open',
      name: 'Empty',
      ingestTokenHash: hashToken('empty-ingest-token-eeeeeeeeeeeeeeeeeeeeeeeeeeeeee'),
      managerTokenHash: hashToken('empty-manager-token-ffffffffffffffffffffffffffff'),
      k: 5,
    });
    const text = await bodyText(
      await csv('/v1/teams/empty/trends.csv', 'empty-manager-token-ffffffffffffffffffffffffffff'),
    );
    expect(text).toBe(`\uFEFF${csvLine(TREND_CSV_HEADER)}`);
  });
});

describe('trendCsvChunks', () => {
  it('hands the file on in chunks as it goes, a team at a time at most past the chunk size', async () => {
    const source = { store: server.store, now: new Date('2026-11-26T12:00:00Z'), collectionDays: 7 };
    const team = await server.store.getTeam('platform');
    if (!team) throw new Error('no team');
    const chunks: string[] = [];
    for await (const chunk of trendCsvChunks(source, [team, team], {}, 1)) chunks.push(chunk);
    // One chunk per team (the header rides with the first).
    expect(chunks).toHaveLength(2);
    const rows = readWithPapaparse(chunks.join(''));
    expect(rows.filter((r) => r[0] === 'team')).toHaveLength(1);
  });
});

describe('the CSV writer with hostile question texts', () => {
  it('reads back cell by cell in papaparse and Python, around New Year too', () => {
    const weekId = '2027-W01' as WeekId; // 2027-01-04 … ; 2026-12-31 and 2027-01-01 are in 2026-W53
    const ids = pulseForWeek(weekId).questions.map((q) => q.id);
    const cell: Cell = {
      suppressed: false,
      responses: 6,
      mean: 3.5,
      favourablePct: 50,
      neutralPct: 17,
      unfavourablePct: 33,
    };
    const released = {
      responses: 6,
      suppressed: false,
      questions: Object.fromEntries(ids.map((id) => [id, cell])),
      themes: { impact: cell, choice: cell, improvement: cell },
    };
    const texts = ['=cmd|" /C calc"!A0', '+ "quoted", comma', '-minus\nnewline', '@at déjà vu', 'Über \r\n café'];
    const questionText = (id: string) => texts[ids.indexOf(id) % texts.length] ?? id;
    const rows = trendRows([
      { weekId: '2026-W53', released },
      { weekId, released },
    ]).map((r) => trendCsvRow(r, { team: HOSTILE, kind: 'open', questionText }));
    const text = toCsv(TREND_CSV_HEADER, rows);
    const papa = readWithPapaparse(text);
    expect(readWithPython(text)).toEqual(papa);
    const expected = rows.map((r) =>
      r.map((c) => (c === null ? '' : typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : String(c))),
    );
    expect(papa.slice(1)).toEqual(expected);
    expect(papa.slice(1).map((r) => [r[1], r[2]])).toContainEqual(['2026-W53', '2026-12-28']);
    expect(papa.slice(1).map((r) => [r[1], r[2]])).toContainEqual(['2027-W01', '2027-01-04']);
  });
});
