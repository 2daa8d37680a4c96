import { describe, expect, it } from 'vitest';
import { planMerge } from '../../../src/core/export-file';
import { newPulseRecord, WeekClosedError, withAnswer } from '../../../src/core/pulse-edit';
import { pulseForWeek } from '../../../src/core/rotation';
import { openPulseDb } from '../../../src/storage/db';
import {
  deleteAllPulses,
  listPulses,
  listUnreadable,
  readPulse,
  updatePulse,
  writeImport,
} from '../../../src/storage/pulses';
import { samplePulse } from '../core/samples';

const now = new Date(2026, 10, 26, 12);
const create = () => newPulseRecord(pulseForWeek('2026-W48'));

describe('pulses store', () => {
  it('saves an answer in a new record and reads it back parsed', async () => {
    const db = await openPulseDb();
    const first = create().questionIds[0] ?? '';
    const saved = await updatePulse(db, '2026-W48', create, (r) => withAnswer(r, first, 4, now), now);
    expect(saved.updatedAt).toBe(now.getTime());
    expect((await readPulse(db, '2026-W48', now)).value?.answers).toEqual({ [first]: 4 });
    db.close();
  });

  it('writes nothing when the change is refused, such as after the week closed', async () => {
    const db = await openPulseDb();
    const later = new Date(2026, 10, 30, 9);
    const first = create().questionIds[0] ?? '';
    await expect(updatePulse(db, '2026-W48', create, (r) => withAnswer(r, first, 4, later), later)).rejects.toThrow(
      WeekClosedError,
    );
    expect(await db.count('pulses')).toBe(0);
    db.close();
  });

  it('never writes a record it could not read back', async () => {
    const db = await openPulseDb();
    await expect(
      updatePulse(db, '2026-W48', create, (r) => ({ ...r, answers: { 'not-a-question': 3 } }), now),
    ).rejects.toThrow(/^Refusing to store an invalid record:\n.*not-a-question/);
    expect(await db.count('pulses')).toBe(0);
    db.close();
  });

  it('sets a damaged record aside, reports it, and keeps its bytes', async () => {
    const db = await openPulseDb();
    await db.put('pulses', samplePulse('2026-W47'));
    await db.put('pulses', { ...samplePulse('2026-W48'), answers: { 'impact-customers': 42 } });
    const read = await readPulse(db, '2026-W48', now);
    expect(read).toEqual({ value: undefined, setAside: 1 });
    const unreadable = await listUnreadable(db);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ key: '2026-W48', problem: expect.stringMatching(/answers/) });
    expect((await listPulses(db, now)).value.map((p) => p.weekId)).toEqual(['2026-W47']);
    db.close();
  });

  it('replaces a damaged record on the next answer, after setting it aside', async () => {
    const db = await openPulseDb();
    await db.put('pulses', { weekId: '2026-W48', junk: true });
    const first = create().questionIds[0] ?? '';
    await updatePulse(db, '2026-W48', create, (r) => withAnswer(r, first, 2, now), now);
    expect((await readPulse(db, '2026-W48', now)).value?.answers[first]).toBe(2);
    expect((await listUnreadable(db))[0]?.value).toEqual({ weekId: '2026-W48', junk: true });
    db.close();
  });

  it('imports all records in one transaction, or none when one is bad', async () => {
    const db = await openPulseDb();
    await db.put('pulses', samplePulse('2026-W48', { updatedAt: 10 }));
    const good = [samplePulse('2026-W46'), samplePulse('2026-W48', { updatedAt: 20, comment: 'newer' })];
    const result = await writeImport(db, (existing) => planMerge(existing, good, now), now);
    expect(result).toMatchObject({ added: 1, updated: 1 });
    expect((await listPulses(db, now)).value.map((p) => [p.weekId, p.comment])).toEqual([
      ['2026-W48', 'newer'],
      ['2026-W46', ''],
    ]);

    const bad = [samplePulse('2026-W40'), { ...samplePulse('2026-W41'), bankVersion: 0 }];
    await expect(writeImport(db, () => ({ writes: bad }), now)).rejects.toThrow(
      /^Refusing to store an invalid record:\n.*bankVersion/,
    );
    expect((await listPulses(db, now)).value).toHaveLength(2);
    db.close();
  });

  it('deletes everything, including records set aside', async () => {
    const db = await openPulseDb();
    await db.put('pulses', samplePulse('2026-W47'));
    await db.put('pulses', { broken: true, weekId: '2026-W01' });
    await listPulses(db, now);
    await deleteAllPulses(db);
    expect(await db.count('pulses')).toBe(0);
    expect(await db.count('unreadable')).toBe(0);
    db.close();
  });
});
