import { describe, expect, it } from 'vitest';
import { openPulseDb } from '../../../src/storage/db';
import { listOutbox, queueWeeks, saveEntry, updateTeamEntries } from '../../../src/storage/outbox';
import { deleteAllPulses, listUnreadable } from '../../../src/storage/pulses';
import { waitingEntry } from '../core/samples';
import { refusalAt } from '../schema-refusal';

const now = new Date(2026, 11, 3, 12);

describe('the outbox store', () => {
  it('queues a week once: a second queueing keeps the first scores and state', async () => {
    const db = await openPulseDb();
    expect(await queueWeeks(db, [waitingEntry('2026-W47'), waitingEntry('2026-W48')])).toBe(2);
    const redrawn = waitingEntry('2026-W47', { sendAt: 1 });
    expect(await queueWeeks(db, [redrawn])).toBe(0);
    const { value } = await listOutbox(db, now);
    expect(value.map((e) => e.weekId)).toEqual(['2026-W47', '2026-W48']);
    expect(value[0]?.sendAt).toBe(waitingEntry('2026-W47').sendAt);
    db.close();
  });

  it('refuses to store an entry that does not parse, and writes nothing of its batch', async () => {
    const db = await openPulseDb();
    const entry = waitingEntry('2026-W48');
    const bad = { ...entry, submission: { ...entry.submission, comment: 'never' } } as never;
    await expect(queueWeeks(db, [waitingEntry('2026-W47'), bad])).rejects.toEqual(
      refusalAt(['submission'], 'unrecognized_keys'),
    );
    await expect(saveEntry(db, bad)).rejects.toEqual(refusalAt(['submission'], 'unrecognized_keys'));
    expect((await listOutbox(db, now)).value).toEqual([]);
    db.close();
  });

  it('sets a damaged entry aside with the reason, and keeps the rest', async () => {
    const db = await openPulseDb();
    await saveEntry(db, waitingEntry('2026-W47'));
    await db.put('outbox', { teamId: 'platform', weekId: '2026-W46', state: 'from an older version' });
    const { value, setAside } = await listOutbox(db, now);
    expect(value.map((e) => e.weekId)).toEqual(['2026-W47']);
    expect(setAside).toBe(1);
    const [kept] = await listUnreadable(db);
    expect(kept).toMatchObject({
      store: 'outbox',
      key: 'platform/2026-W46',
      value: { state: 'from an older version' },
    });
    db.close();
  });

  it('changes or deletes one team’s entries only', async () => {
    const db = await openPulseDb();
    await queueWeeks(db, [
      waitingEntry('2026-W47', { state: 'sent' }),
      waitingEntry('2026-W48'),
      { ...waitingEntry('2026-W48'), teamId: 'apps' },
    ]);
    await updateTeamEntries(db, 'platform', (e) => (e.state === 'waiting' ? undefined : e));
    const { value } = await listOutbox(db, now);
    expect(value.map((e) => `${e.teamId} ${e.weekId} ${e.state}`).sort()).toEqual([
      'apps 2026-W48 waiting',
      'platform 2026-W47 sent',
    ]);
    db.close();
  });

  it('is emptied by “delete all my data”', async () => {
    const db = await openPulseDb();
    await saveEntry(db, waitingEntry('2026-W47'));
    await deleteAllPulses(db);
    expect(await db.count('outbox')).toBe(0);
    db.close();
  });
});
