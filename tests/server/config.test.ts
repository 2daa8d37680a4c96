import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/server/config';

describe('configFromEnv', () => {
  it('defaults to SQLite on 127.0.0.1:8787 with a 7-day collection window', () => {
    expect(configFromEnv({})).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      sqliteFile: 'culture-pulse.db',
      databaseUrl: undefined,
      collectionDays: 7,
      ingestPerMinute: 600,
      refusedPerMinute: 60,
    });
  });

  it('reads the settings it knows, and says which one is wrong', () => {
    expect(configFromEnv({ PORT: '0', DATABASE_URL: 'postgres://u:p@h/db', COLLECTION_DAYS: '10' })).toMatchObject({
      port: 0,
      databaseUrl: 'postgres://u:p@h/db',
      collectionDays: 10,
    });
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT: must be a port number/);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => configFromEnv({ COLLECTION_DAYS: '1' })).toThrow(/COLLECTION_DAYS/);
    expect(configFromEnv({ REFUSED_PER_MINUTE: '20' }).refusedPerMinute).toBe(20);
    expect(() => configFromEnv({ REFUSED_PER_MINUTE: '0' })).toThrow(/REFUSED_PER_MINUTE/);
  });
});
