/** The endpoint's settings, from the environment with sensible defaults, checked before use. */
import type { BlockList } from 'node:net';
import * as z from 'zod/mini';
import { describeIssues } from '../core/schemas';
import { parseTrustedProxies } from './trusted-proxies';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Where the SQLite file lives, unless DATABASE_URL selects PostgreSQL. */
  readonly sqliteFile: string;
  readonly databaseUrl: string | undefined;
  /** The address engineers' browsers reach this server at, written into invites. */
  readonly publicUrl: string | undefined;
  /** Days a week collects submissions after it ends, before its figures are released. */
  readonly collectionDays: number;
  readonly maxBodyBytes: number;
  /**
   * Requests a minute per token (a team's ingest token: all its devices together; its manager token),
   * after a burst of a sixth of that.
   */
  readonly ingestPerMinute: number;
  /** Requests a minute one client address may have refused before authenticating, after a burst of half that. */
  readonly refusedPerMinute: number;
  /** The reverse proxies whose X-Forwarded-For names the client (trusted-proxies.ts); none unless set. */
  readonly trustedProxies: BlockList | undefined;
}

const envSchema = z.object({
  HOST: z.optional(z.string()),
  PORT: z.optional(z.string().check(z.regex(/^\d{1,5}$/, 'must be a port number'))),
  PULSE_DB: z.optional(z.string()),
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'))),
  PUBLIC_URL: z.optional(z.string()),
  COLLECTION_DAYS: z.optional(
    z.string().check(z.regex(/^([3-9]|1[0-4])$/, 'must be a whole number of days from 3 to 14')),
  ),
  INGEST_PER_MINUTE: z.optional(z.string().check(z.regex(/^[1-9]\d{0,8}$/, 'must be a whole number of requests'))),
  REFUSED_PER_MINUTE: z.optional(z.string().check(z.regex(/^[1-9]\d{0,8}$/, 'must be a whole number of requests'))),
  TRUSTED_PROXIES: z.optional(z.string()),
});

export function configFromEnv(env: Record<string, string | undefined>): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Bad server settings:\n${describeIssues(parsed.error)}`);
  const e = parsed.data;
  let trustedProxies: BlockList | undefined;
  try {
    trustedProxies = e.TRUSTED_PROXIES === undefined ? undefined : parseTrustedProxies(e.TRUSTED_PROXIES);
  } catch (error) {
    throw new Error(`Bad server settings:\n${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    host: e.HOST ?? '127.0.0.1',
    port: e.PORT === undefined ? 8787 : Number(e.PORT),
    sqliteFile: e.PULSE_DB ?? 'culture-pulse.db',
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL,
    collectionDays: e.COLLECTION_DAYS === undefined ? 7 : Number(e.COLLECTION_DAYS),
    maxBodyBytes: 4096,
    ingestPerMinute: e.INGEST_PER_MINUTE === undefined ? 600 : Number(e.INGEST_PER_MINUTE),
    refusedPerMinute: e.REFUSED_PER_MINUTE === undefined ? 60 : Number(e.REFUSED_PER_MINUTE),
    trustedProxies,
  };
}
