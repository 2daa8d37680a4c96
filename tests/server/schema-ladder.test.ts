/**
 * The endpoint's schema ladder, climbed from every earlier version with real data in it, on a real
 * SQLite file and a real PostgreSQL schema: a database as the endpoint before the ladder left it
 * (version 0: no schema_version row) and one at version 1 upgrade with every submission, team and
 * note kept, and each released week showing what it showed before. A database from a newer
 * endpoint is refused and left as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregateWeek } from '../../src/core/aggregate';
import { type ReleasedWeek, releaseWeek } from '../../src/core/privacy';
import { encodeReleased } from '../../src/core/released-codec';
import type { Submission } from '../../src/core/submission';
import type { WeekId } from '../../src/core/week';
import { openPostgresStore } from '../../src/server/postgres-store';
import { releasedTeamWeeks } from '../../src/server/releases';
import { LADDER, LATEST_VERSION } from '../../src/server/schema-ladder';
import { openSqliteStore } from '../../src/server/sqlite-store';
import type { Store, Team } from '../../src/server/store';
import { dropSchema, freshSchema, testDatabaseUrl } from './postgres';
import { submission, team } from './store-contract';

const clock = { now: new Date('2026-11-26T12:00:00Z'), collectionDays: 7 }; // W46 released, W47 collecting

/** An old database, written with plain SQL as the endpoint before the ladder wrote it. */
interface OldDatabase {
  exec(sql: string): Promise<void>;
  run(sql: string, params: readonly unknown[]): Promise<void>;
  /** Run a step of the ladder by hand, in this database's dialect (as that version's endpoint did). */
  step(version: number): Promise<void>;
  /** The schema_version the database says it is at (0 without one). */
  version(): Promise<number>;
  close(): Promise<void>;
  open(): Promise<Store>;
}

const kept = (subs: readonly Submission[], k: number) =>
  JSON.stringify(encodeReleased(releaseWeek(aggregateWeek(subs), k)));

const people = (teamId: string, weekId: WeekId, from: number, n: number, score: 1 | 2 | 3 | 4 | 5) =>
  Array.from({ length: n }, (_, i) => submission(teamId, weekId, from + i, (((score + i) % 5) + 1) as 1));

/** What the old endpoint held: its released weeks as it showed them, some kept, some not. */
const old = {
  teams: [team('platform'), team('apps', 7)],
  submissions: [
    ...people('platform', '2026-W40', 1, 6, 4),
    ...people('platform', '2026-W41', 11, 5, 2),
    ...people('platform', '2026-W45', 21, 3, 5), // below k
    ...people('platform', '2026-W46', 31, 5, 3),
    ...people('platform', '2026-W47', 41, 2, 1), // collecting
    ...people('apps', '2026-W44', 51, 6, 5),
  ],
};
/**
 * Kept figures: W40 as computed; W41 kept before its fifth answer came in late (the hole the ladder
 * closes: the old endpoint showed the kept four); apps' W44 kept for k 5 before its k became 7
 * (the old endpoint recomputed it for 7). W45 and W46 never kept.
 */
const keptRows = [
  [
    'platform',
    '2026-W40',
    5,
    kept(
      old.submissions.filter((s) => s.weekId === '2026-W40'),
      5,
    ),
  ],
  ['platform', '2026-W41', 5, kept(people('platform', '2026-W41', 11, 4, 2), 5)],
  [
    'apps',
    '2026-W44',
    5,
    kept(
      old.submissions.filter((s) => s.teamId === 'apps'),
      5,
    ),
  ],
] as const;

/** What the old endpoint showed for each released week: computed under the team's k, or as kept for it. */
function shownBefore(t: Team): Record<string, ReleasedWeek> {
  const ofTeam = old.submissions.filter((s) => s.teamId === t.teamId);
  const shown: Record<string, ReleasedWeek> = {};
  for (const weekId of new Set(ofTeam.map((s) => s.weekId))) {
    if (weekId > '2026-W46') continue;
    shown[weekId] = releaseWeek(aggregateWeek(ofTeam.filter((s) => s.weekId === weekId)), t.k);
  }
  if (t.teamId === 'platform')
    shown['2026-W41'] = releaseWeek(aggregateWeek(people('platform', '2026-W41', 11, 4, 2)), 5);
  return shown;
}

/** Every version a database can be at before this endpoint opens it. */
const EARLIER = Array.from({ length: LATEST_VERSION }, (_, v) => v);

async function fill(db: OldDatabase, version: number): Promise<void> {
  for (const t of old.teams) {
    await db.run('INSERT INTO teams VALUES (?, ?, ?, ?, ?)', [
      t.teamId,
      t.name,
      t.ingestTokenHash,
      t.managerTokenHash,
      t.k,
    ]);
  }
  for (const s of old.submissions) {
    await db.run('INSERT INTO submissions VALUES (?, ?, ?, ?, ?)', [
      s.teamId,
      s.submissionId,
      s.weekId,
      s.bankVersion,
      JSON.stringify(s.scores),
    ]);
  }
  for (const row of keptRows) await db.run('INSERT INTO released_weeks VALUES (?, ?, ?, ?)', row);
  await db.run('INSERT INTO released_lines VALUES (?, ?, ?, ?, ?, ?, ?)', ['platform', 'k', '2026-W46', 1, '', '', '']);
  await db.run('INSERT INTO notes VALUES (?, ?, ?, ?)', ['platform', '2026-W46', 'impact', 'We heard you.']);
  for (let step = 2; step <= version; step++) await db.step(step);
  if (version >= 1) {
    await db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    await db.run('INSERT INTO schema_version VALUES (?)', [version]);
  }
}

function ladderTests(name: string, oldDatabase: () => Promise<OldDatabase>) {
  describe(`${name} schema ladder`, () => {
    for (const version of EARLIER) {
      it(`upgrades a version ${version} database with every row kept and released weeks as they were shown`, async () => {
        const db = await oldDatabase();
        await fill(db, version);
        const store = await db.open();
        try {
          expect(await db.version()).toBe(LATEST_VERSION);
          // Every team made before personal invites is open.
          expect(await store.listTeams()).toEqual(old.teams.slice().sort((a, b) => a.teamId.localeCompare(b.teamId)));
          expect((await store.listTeams()).every((t) => t.kind === 'open')).toBe(true);
          for (const weekId of new Set(old.submissions.map((s) => s.weekId))) {
            for (const t of old.teams) {
              const want = old.submissions.filter((s) => s.teamId === t.teamId && s.weekId === weekId);
              const got = await store.weekSubmissions(t.teamId, weekId);
              expect(got.sort((a, b) => a.submissionId.localeCompare(b.submissionId))).toEqual(want);
            }
          }
          expect(await store.teamNotes('platform')).toEqual([
            { weekId: '2026-W46', theme: 'impact', text: 'We heard you.' },
          ]);
          for (const t of old.teams) {
            const released = await releasedTeamWeeks(store, t, clock);
            expect(Object.fromEntries(released.map((w) => [w.weekId, w.released]))).toEqual(shownBefore(t));
          }
          // W41 shows the four it showed before, and its late fifth can never join them.
          expect(await store.upsertSubmission(submission('platform', '2026-W41', 99, 1))).toBe('released');
          expect(await store.lines.kept('platform')).toBeNull();
        } finally {
          await store.close();
        }
        // Opening again climbs nothing and changes nothing.
        const again = await db.open();
        expect(await db.version()).toBe(LATEST_VERSION);
        expect((await again.teamReleases('platform')).map((r) => r.weekId)).toEqual([
          '2026-W40',
          '2026-W41',
          '2026-W45',
          '2026-W46',
        ]);
        await again.close();
        await db.close();
      });
    }

    it('refuses a database from a newer endpoint and leaves it as it was', async () => {
      const db = await oldDatabase();
      await fill(db, 0);
      await db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      await db.run('INSERT INTO schema_version VALUES (?)', [LATEST_VERSION + 1]);
      await expect(db.open()).rejects.toThrow(/newer Culture Pulse endpoint.*never downgraded/s);
      expect(await db.version()).toBe(LATEST_VERSION + 1);
      await db.close();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pulse-ladder-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

ladderTests('SQLite', async () => {
  const file = join(dir, `old-${++files}.db`);
  const raw = new Database(file);
  raw.exec(LADDER[0]?.sqlite ?? '');
  return {
    async exec(sql) {
      raw.exec(sql);
    },
    async run(sql, params) {
      raw.prepare(sql).run(...params);
    },
    async step(version) {
      raw.pragma('foreign_keys = OFF');
      raw.exec(LADDER[version - 1]?.sqlite ?? '');
      raw.pragma('foreign_keys = ON');
    },
    async version() {
      const has = raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_version'").get();
      return has ? Number(raw.prepare('SELECT max(version) FROM schema_version').pluck().get()) : 0;
    },
    async close() {
      raw.close();
    },
    // The store opens in this process by its own name: `raw` sees what it did, as another reader would.
    open: async () => openSqliteStore(file),
  };
});

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

ladderTests('PostgreSQL', async () => {
  const schema = freshSchema();
  schemas.push(schema);
  const client = new pg.Client({ connectionString: testDatabaseUrl(), options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(LADDER[0]?.postgres(schema) ?? '');
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async run(sql, params) {
      let n = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        [...params],
      );
    },
    async step(version) {
      await client.query(LADDER[version - 1]?.postgres(schema) ?? '');
    },
    async version() {
      const { rows } = await client.query<{ version: number | null }>(
        `SELECT max(version) AS version FROM ${schema}.schema_version`,
      );
      return rows[0]?.version ?? 0;
    },
    async close() {
      await client.end();
    },
    open: () => openPostgresStore(testDatabaseUrl(), schema),
  };
});
