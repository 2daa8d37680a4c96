/**
 * The contract every store keeps, run on SQLite and on PostgreSQL alike: `(name, open)` where
 * `open` gives a fresh, empty store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pulseForWeek } from '../../src/core/rotation';
import type { Submission } from '../../src/core/submission';
import type { WeekId } from '../../src/core/week';
import type { Store, Team } from '../../src/server/store';

export const team = (teamId: string, k = 5, kind: Team['kind'] = 'open'): Team => ({
  teamId,
  name: `Team ${teamId}, "quoted" & accented: Équipe`,
  kind,
  ingestTokenHash: 'a'.repeat(64),
  managerTokenHash: 'b'.repeat(64),
  k,
});

export function submission(teamId: string, weekId: WeekId, n: number, score: 1 | 2 | 3 | 4 | 5 = 4): Submission {
  const ids = pulseForWeek(weekId).questions.map((q) => q.id);
  return {
    submissionId: n.toString(16).padStart(64, '0'),
    teamId,
    weekId,
    bankVersion: 1,
    scores: Object.fromEntries(ids.map((id) => [id, score])),
  };
}

/** The database refusing a write by one kind of constraint, in SQLite's words or PostgreSQL's SQLSTATE. */
const CONSTRAINT_CODES = {
  'foreign key': /^(SQLITE_CONSTRAINT_FOREIGNKEY|23503)$/,
  check: /^(SQLITE_CONSTRAINT_CHECK|23514)$/,
  unique: /^(SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)|23505)$/,
};
function refusedBy(constraint: keyof typeof CONSTRAINT_CODES): unknown {
  return expect.objectContaining({ code: expect.stringMatching(CONSTRAINT_CODES[constraint]) });
}

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    const opened: Store[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('answers a ping while open (what GET /readyz asks), and not once closed', async () => {
      const store = await open();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });

    it('creates a team once, reads it back, and lists teams', async () => {
      const store = await fresh();
      expect(await store.createTeam(team('platform'))).toBe(true);
      expect(await store.createTeam({ ...team('platform'), name: 'again' })).toBe(false);
      expect(await store.getTeam('platform')).toEqual(team('platform'));
      expect(await store.getTeam('nobody')).toBeUndefined();
      await store.createTeam(team('apps'));
      expect((await store.listTeams()).map((t) => t.teamId)).toEqual(['apps', 'platform']);
    });

    it('updates tokens and k, and says when the team does not exist', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      expect(await store.updateTeam('platform', { ingestTokenHash: 'c'.repeat(64), k: 7 })).toBe(true);
      expect(await store.getTeam('platform')).toEqual({ ...team('platform'), ingestTokenHash: 'c'.repeat(64), k: 7 });
      expect(await store.updateTeam('nobody', { k: 9 })).toBe(false);
    });

    it('keeps one submission per id: a retry replaces, never double counts', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      expect(await store.upsertSubmission(submission('platform', '2026-W47', 1, 2))).toBe('created');
      expect(await store.upsertSubmission(submission('platform', '2026-W47', 2, 3))).toBe('created');
      expect(await store.upsertSubmission(submission('platform', '2026-W47', 1, 5))).toBe('replaced');
      const week = await store.weekSubmissions('platform', '2026-W47');
      expect(week).toHaveLength(2);
      expect(week.find((s) => s.submissionId.endsWith('1'))).toEqual(submission('platform', '2026-W47', 1, 5));
    });

    it('keeps teams and weeks apart', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      await store.createTeam(team('apps'));
      await store.upsertSubmission(submission('platform', '2026-W46', 1));
      await store.upsertSubmission(submission('platform', '2026-W47', 2));
      await store.upsertSubmission(submission('apps', '2026-W47', 1));
      expect(await store.weekSubmissions('platform', '2026-W47')).toEqual([submission('platform', '2026-W47', 2)]);
      expect(await store.teamWeeks('platform')).toEqual(['2026-W46', '2026-W47']);
      expect(await store.teamWeeks('apps')).toEqual(['2026-W47']);
      expect(await store.weekSubmissions('nobody', '2026-W47')).toEqual([]);
    });

    it('refuses a submission for a team it does not know, and writes nothing', async () => {
      const store = await fresh();
      await expect(store.upsertSubmission(submission('ghost', '2026-W47', 1))).rejects.toEqual(
        refusedBy('foreign key'),
      );
      expect(await store.weekSubmissions('ghost', '2026-W47')).toEqual([]);
    });

    it('handles many submissions at once, one bad one failing alone', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      const results = await Promise.allSettled([
        store.upsertSubmission(submission('platform', '2026-W47', 1)),
        store.upsertSubmission(submission('ghost', '2026-W47', 2)),
        store.upsertSubmission(submission('platform', '2026-W47', 3)),
        store.upsertSubmission(submission('platform', '2026-W47', 1, 2)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'error'))).toEqual([
        'created',
        'error',
        'created',
        'replaced',
      ]);
      const week = await store.weekSubmissions('platform', '2026-W47');
      expect(week.map((s) => s.submissionId.slice(-1)).sort()).toEqual(['1', '3']);
      expect(week.find((s) => s.submissionId.endsWith('1'))?.scores).toEqual(
        submission('platform', '2026-W47', 1, 2).scores,
      );
    });

    it('refuses k below 3 at the storage level too', async () => {
      const store = await fresh();
      await expect(store.createTeam(team('tiny', 2))).rejects.toEqual(refusedBy('check'));
      expect(await store.getTeam('tiny')).toBeUndefined();
    });

    it('keeps one note per team, week and theme: written, replaced, listed in order, deleted', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      await store.createTeam(team('apps'));
      const text = 'We moved the design review to the team.\n«Accents», "quotes", <b>markup</b> stay text.';
      expect(await store.putNote({ teamId: 'platform', weekId: '2026-W47', theme: 'improvement', text: 'first' })).toBe(
        true,
      );
      expect(await store.putNote({ teamId: 'platform', weekId: '2026-W47', theme: 'improvement', text })).toBe(true);
      await store.putNote({ teamId: 'platform', weekId: '2026-W47', theme: 'impact', text: 'impact note' });
      await store.putNote({ teamId: 'platform', weekId: '2026-W46', theme: 'choice', text: 'older' });
      await store.putNote({ teamId: 'apps', weekId: '2026-W47', theme: 'impact', text: 'another team' });
      expect(await store.teamNotes('platform')).toEqual([
        { weekId: '2026-W46', theme: 'choice', text: 'older' },
        { weekId: '2026-W47', theme: 'impact', text: 'impact note' },
        { weekId: '2026-W47', theme: 'improvement', text },
      ]);
      expect(await store.putNote({ teamId: 'ghost', weekId: '2026-W47', theme: 'impact', text: 'x' })).toBe(false);
      expect(await store.deleteNote('platform', '2026-W46', 'choice')).toBe(true);
      expect(await store.deleteNote('platform', '2026-W46', 'choice')).toBe(false);
      expect((await store.teamNotes('platform')).map((n) => n.weekId)).toEqual(['2026-W47', '2026-W47']);
    });

    it('keys a submission by team, week and id: the same id sent for another week never moves the first', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      await store.upsertSubmission(submission('platform', '2026-W46', 1, 2));
      expect(await store.upsertSubmission({ ...submission('platform', '2026-W47', 1, 5) })).toBe('created');
      expect(await store.weekSubmissions('platform', '2026-W46')).toEqual([submission('platform', '2026-W46', 1, 2)]);
      expect(await store.weekSubmissions('platform', '2026-W47')).toEqual([submission('platform', '2026-W47', 1, 5)]);
    });

    it('releases a week once, from its submissions then, under the k given then; never again', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      let n = 0;
      for (const week of ['2026-W44', '2026-W45', '2026-W46'] as const) {
        for (let p = 0; p < 3; p++) await store.upsertSubmission(submission('platform', week, ++n));
      }
      const seen: string[] = [];
      const figuresOf = (label: string) => (subs: readonly Submission[]) => {
        seen.push(`${label}:${subs[0]?.weekId}:${subs.length}`);
        return `${label}${subs.length}`;
      };
      // W47 has no submissions: nothing to release, so it stays unreleased.
      await store.releaseWeeks('platform', 5, ['2026-W45', '2026-W44', '2026-W47'], figuresOf('a'));
      expect(seen.sort()).toEqual(['a:2026-W44:3', 'a:2026-W45:3']);
      // Again, with another k and other figures: the released weeks keep what they have.
      await store.releaseWeeks('platform', 7, ['2026-W45', '2026-W46'], figuresOf('b'));
      expect(await store.teamReleases('platform')).toEqual([
        { weekId: '2026-W44', k: 5, figures: 'a3' },
        { weekId: '2026-W45', k: 5, figures: 'a3' },
        { weekId: '2026-W46', k: 7, figures: 'b3' },
      ]);
      expect(await store.teamReleases('platform', { from: '2026-W45', to: '2026-W45' })).toHaveLength(1);
      expect(await store.unreleasedWeeks('platform', '2026-W53')).toEqual([]);
      await expect(store.releaseWeeks('ghost', 5, ['2026-W47'], figuresOf('c'))).resolves.toBeUndefined();
      expect(await store.teamReleases('ghost')).toEqual([]);
    });

    it('refuses a submission for a released week, new or a retry, and changes nothing', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      for (let p = 1; p <= 5; p++) await store.upsertSubmission(submission('platform', '2026-W46', p, 4));
      await store.upsertSubmission(submission('platform', '2026-W47', 9, 4));
      expect(await store.unreleasedWeeks('platform', '2026-W46')).toEqual(['2026-W46']);
      expect(await store.unreleasedWeeks('platform', '2026-W47')).toEqual(['2026-W46', '2026-W47']);
      await store.releaseWeeks('platform', 5, ['2026-W46'], (subs) => String(subs.length));
      expect(await store.upsertSubmission(submission('platform', '2026-W46', 6, 1))).toBe('released');
      expect(await store.upsertSubmission(submission('platform', '2026-W46', 1, 1))).toBe('released');
      const week = await store.weekSubmissions('platform', '2026-W46');
      expect(week.map((s) => s.scores)).toEqual(Array(5).fill(submission('platform', '2026-W46', 1, 4).scores));
      expect(await store.unreleasedWeeks('platform', '2026-W47')).toEqual(['2026-W47']);
      expect(await store.upsertSubmission(submission('platform', '2026-W47', 10, 4))).toBe('created');
    });

    it('counts a submission racing its week’s release in the figures or refuses it, never both', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      for (let p = 1; p <= 5; p++) await store.upsertSubmission(submission('platform', '2026-W46', p));
      let counted = 0;
      const racing = Array.from({ length: 20 }, (_, i) =>
        store.upsertSubmission(submission('platform', '2026-W46', 100 + i)),
      );
      const release = store.releaseWeeks('platform', 5, ['2026-W46'], (subs) => {
        counted = subs.length;
        return String(subs.length);
      });
      const results = await Promise.all(racing);
      await release;
      const accepted = results.filter((r) => r === 'created').length;
      expect(results.every((r) => r === 'created' || r === 'released')).toBe(true);
      expect(counted).toBe(5 + accepted);
      expect(await store.weekSubmissions('platform', '2026-W46')).toHaveLength(5 + accepted);
    });

    it('keeps a personal team’s invites as hashes: active, revoked by the start of their hash, counted', async () => {
      const store = await fresh();
      await store.createTeam(team('squad', 5, 'personal'));
      expect(await store.getTeam('squad')).toMatchObject({ kind: 'personal' });
      expect(await store.addInvites('squad', ['a1'.repeat(32), 'b2'.repeat(32), 'c3'.repeat(32)])).toBe(true);
      expect(await store.addInvites('ghost', ['d4'.repeat(32)])).toBe(false);
      expect(await store.inviteActive('squad', 'a1'.repeat(32))).toBe(true);
      expect(await store.inviteActive('squad', 'd4'.repeat(32))).toBe(false);
      expect(await store.inviteActive('ghost', 'a1'.repeat(32))).toBe(false);
      expect(await store.revokeInvites('squad', 'b2b2b2b2b2')).toBe(1);
      expect(await store.revokeInvites('squad', 'b2b2b2b2b2')).toBe(0);
      expect(await store.inviteActive('squad', 'b2'.repeat(32))).toBe(false);
      expect(await store.inviteCounts('squad')).toEqual({ active: 2, revoked: 1 });
      expect(await store.inviteCounts('ghost')).toEqual({ active: 0, revoked: 0 });
      await expect(store.addInvites('squad', ['a1'.repeat(32)])).rejects.toEqual(refusedBy('unique'));
    });

    it('keeps the first key of a week: a second one for it is never kept', async () => {
      const store = await fresh();
      await store.createTeam(team('squad', 5, 'personal'));
      const key = (weekId: WeekId, id: string) => ({
        weekId,
        keyId: id,
        publicKey: `pub${id}`,
        privateKey: `priv${id}`,
      });
      await store.addWeekKeys('squad', [key('2026-W48', 'first'), key('2026-W49', 'next')]);
      await store.addWeekKeys('squad', [key('2026-W48', 'second'), key('2026-W47', 'before')]);
      expect(await store.weekKeys('squad', '2026-W47', '2026-W48')).toEqual([
        key('2026-W47', 'before'),
        key('2026-W48', 'first'),
      ]);
      expect(await store.weekKeys('squad', '2026-W50', '2026-W52')).toEqual([]);
    });

    it('gives an invite one request a week: the same again is “same”, another is “other”', async () => {
      const store = await fresh();
      await store.createTeam(team('squad', 5, 'personal'));
      await store.addInvites('squad', ['a1'.repeat(32), 'b2'.repeat(32)]);
      const invite = 'a1'.repeat(32);
      expect(await store.recordIssuance('squad', '2026-W48', invite, 'r1')).toBe('new');
      expect(await store.recordIssuance('squad', '2026-W48', invite, 'r1')).toBe('same');
      expect(await store.recordIssuance('squad', '2026-W48', invite, 'r2')).toBe('other');
      expect(await store.recordIssuance('squad', '2026-W49', invite, 'r2')).toBe('new');
      // Many devices of one invite asking at once: exactly one request wins the week.
      const racing = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.recordIssuance('squad', '2026-W50', 'b2'.repeat(32), `x${i}`)),
      );
      expect(racing.filter((r) => r === 'new')).toHaveLength(1);
      expect(racing.filter((r) => r === 'other')).toHaveLength(9);
      await expect(store.recordIssuance('squad', '2026-W48', 'ff'.repeat(32), 'r1')).rejects.toEqual(
        refusedBy('foreign key'),
      );
    });

    it('casts a vote once: the same again is “same”, other scores “differs”, a released week refuses', async () => {
      const store = await fresh();
      await store.createTeam(team('squad', 5, 'personal'));
      const vote = (n: number, score: 1 | 2 | 3 | 4 | 5 = 4) => submission('squad', '2026-W47', n, score);
      expect(await store.castVote(vote(1))).toBe('created');
      expect(await store.castVote(vote(1))).toBe('same');
      expect(await store.castVote(vote(1, 2))).toBe('differs');
      const racing = await Promise.all([vote(2), vote(2), vote(2, 1)].map((v) => store.castVote(v)));
      expect(racing.filter((r) => r === 'created')).toHaveLength(1);
      expect(await store.weekSubmissions('squad', '2026-W47')).toEqual(
        [vote(1), racing[2] === 'created' ? vote(2, 1) : vote(2)].sort((a, b) =>
          a.submissionId.localeCompare(b.submissionId),
        ),
      );
      await store.releaseWeeks('squad', 5, ['2026-W47'], (subs) => String(subs.length));
      expect(await store.castVote(vote(3))).toBe('released');
      expect(await store.castVote(vote(1))).toBe('same');
      expect(await store.weekSubmissions('squad', '2026-W47')).toHaveLength(2);
    });

    it('keeps one set of CSV lines per team, as text, with its releases then and now', async () => {
      const store = await fresh();
      await store.createTeam(team('platform'));
      await store.createTeam(team('apps'));
      let n = 0;
      for (const week of ['2026-W43', '2026-W44', '2026-W45', '2026-W45', '2026-W46', '2026-W47'] as const) {
        await store.upsertSubmission(submission('platform', week, ++n));
      }
      const release = (...weeks: WeekId[]) => store.releaseWeeks('platform', 5, weeks, () => '[]');
      await release('2026-W44', '2026-W45', '2026-W47');
      expect(await store.lines.kept('platform')).toBeNull();
      const text = '=Équipe, "x",2026-W45,…\r\n\u00ff😀';
      const kept = { key: 'k1', weeks: ['2026-W44', '2026-W45'] as WeekId[], ends: [1, text.length], lines: text };
      await store.lines.keep('platform', '2026-W45', kept);
      await store.lines.keep('apps', '2026-W45', { ...kept, key: 'other' });
      const read = await store.lines.kept('platform');
      expect(read).toEqual({
        ...kept,
        releasesThen: 2,
        releasesNow: 2,
        nextWeek: '2026-W47',
      });
      expect(await store.lines.kept('apps')).toMatchObject({ key: 'other', releasesThen: 0, nextWeek: null });
      // Counted up to the last kept week: a later release does not count, an earlier one does.
      await release('2026-W46', '2026-W43');
      expect(await store.lines.kept('platform')).toMatchObject({
        releasesThen: 2,
        releasesNow: 3,
        nextWeek: '2026-W46',
      });
      await store.lines.keep('platform', '2026-W46', { key: 'k2', weeks: ['2026-W46'], ends: [2], lines: 'ab' });
      const replaced = await store.lines.kept('platform');
      expect(replaced?.lines).toBe('ab');
      expect(replaced).toMatchObject({ key: 'k2', weeks: ['2026-W46'], releasesThen: 4, releasesNow: 4 });
      expect((await store.lines.kept('apps'))?.key).toBe('other');
      // Lines of a team that does not exist are refused by the table's reference to teams.
      await expect(store.lines.keep('ghost', '2026-W45', kept)).rejects.toThrow(/foreign key/i);
      expect(await store.lines.kept('ghost')).toBeNull();
    });
  });
}
