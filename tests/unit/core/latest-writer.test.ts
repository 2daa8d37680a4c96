import { describe, expect, it } from 'vitest';
import { latestWriter } from '../../../src/core/latest-writer';
import { deferred } from '../../deferred';

describe('latestWriter', () => {
  it('runs one write at a time and skips values superseded while a write ran', async () => {
    const written: string[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const writer = latestWriter<string>(
      async (value) => {
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        written.push(value);
      },
      () => {},
    );
    writer.push('H');
    writer.push('He');
    writer.push('Hel');
    writer.push('Hello');
    gates[0]?.resolve();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    gates[1]?.resolve();
    await writer.flush();
    expect(written).toEqual(['H', 'Hello']);
  });

  it('reports a failed write and lets flush reject, then recovers on the next value', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const writer = latestWriter<number>(
      async () => {
        if (fail) throw new Error('disk full');
      },
      (e) => errors.push(e),
    );
    writer.push(1);
    await expect(writer.flush()).rejects.toThrow('disk full');
    expect(errors).toHaveLength(1);
    fail = false;
    writer.push(2);
    await expect(writer.flush()).resolves.toBeUndefined();
  });
});
