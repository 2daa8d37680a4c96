import { describe, expect, it } from 'vitest';
import { openPulseDb } from '../../../src/storage/db';
import { listUnreadable } from '../../../src/storage/pulses';
import { listTokens, saveTokens, updateTeamTokens } from '../../../src/storage/tokens';
import { tokenRecord } from '../core/vote-samples';
import { refusalAt } from '../schema-refusal';

const now = new Date(2026, 11, 3, 12);

describe('the tokens store', () => {
  it('keeps one record per team and week, oldest first', async () => {
    const db = await openPulseDb();
    await saveTokens(db, [
      tokenRecord('2026-W49'),
      tokenRecord('2026-W48'),
      { ...tokenRecord('2026-W48'), teamId: 'apps' },
    ]);
    await saveTokens(db, [tokenRecord('2026-W49', { attempts: 3 })]);
    const { value, setAside } = await listTokens(db, now);
    expect(value.map((r) => `${r.teamId} ${r.weekId} ${r.attempts}`)).toEqual([
      'apps 2026-W48 0',
      'squad 2026-W48 0',
      'squad 2026-W49 3',
    ]);
    expect(setAside).toBe(0);
    db.close();
  });

  it('writes nothing of a batch holding a record that does not parse', async () => {
    const db = await openPulseDb();
    const bad = tokenRecord('2026-W49', { state: 'ready' }); // ready, without a token
    await expect(saveTokens(db, [tokenRecord('2026-W48'), bad])).rejects.toEqual(refusalAt([], 'custom'));
    expect((await listTokens(db, now)).value).toEqual([]);
    db.close();
  });

  it('sets a damaged record aside with the reason, and keeps the rest', async () => {
    const db = await openPulseDb();
    await saveTokens(db, [tokenRecord('2026-W49')]);
    await db.put('tokens', { teamId: 'squad', weekId: '2026-W48', state: 'from a future version' });
    const { value, setAside } = await listTokens(db, now);
    expect(value.map((r) => r.weekId)).toEqual(['2026-W49']);
    expect(setAside).toBe(1);
    expect(await listUnreadable(db)).toEqual([
      expect.objectContaining({
        store: 'tokens',
        key: 'squad/2026-W48',
        value: expect.objectContaining({ state: 'from a future version' }),
      }),
    ]);
    expect(await db.count('tokens')).toBe(1);
    db.close();
  });

  it('changes one team’s records only', async () => {
    const db = await openPulseDb();
    await saveTokens(db, [
      tokenRecord('2026-W48', { state: 'refused' }),
      tokenRecord('2026-W49'),
      { ...tokenRecord('2026-W48', { state: 'refused' }), teamId: 'apps' },
    ]);
    await updateTeamTokens(db, 'squad', (r) => (r.state === 'refused' ? { ...r, state: 'waiting' } : r));
    const { value } = await listTokens(db, now);
    expect(value.map((r) => `${r.teamId} ${r.weekId} ${r.state}`)).toEqual([
      'apps 2026-W48 refused',
      'squad 2026-W48 waiting',
      'squad 2026-W49 waiting',
    ]);
    db.close();
  });
});
