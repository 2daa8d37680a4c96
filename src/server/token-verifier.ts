/**
 * Vote tokens' RSA-PSS checks, made in a worker thread: the check is most of what a vote costs the
 * event loop beyond a plain submission (25-45 µs of about 200), and the event loop is what limits a
 * busy endpoint. The tokens that arrive in one turn of the loop go to the worker in one message and
 * come back together, so the votes they admit still reach SQLite's group commit as one batch (a
 * check per thread-pool job answered them one by one, and smaller batches cost more than the check).
 *
 * The worker knows nothing but keys and bytes: a week key's public half, and the token. It is made
 * on the first check, unreferenced (it never keeps the process alive), and made again if it ends.
 */
import { Worker } from 'node:worker_threads';
import type { WeekKey } from './week-keys';

/** Keys the worker holds at most (a team's weeks over years: each about a kilobyte). */
const MAX_KEYS = 1000;

/** A token's bytes: the signed input, then the 256-byte authenticator (core/vote-token.ts). */
const INPUT_BYTES = 2 + 32 + 32 + 32;

interface Job {
  readonly keyId: string;
  /** The key's SubjectPublicKeyInfo, base64url: sent the first time the worker needs the key. */
  readonly spki?: string;
  readonly token: Uint8Array;
}

/**
 * The worker's whole program: check each job of a message, answer with the results in order. Kept
 * as text, not a function's source, since the bundler rewrites `require` in what it bundles.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, forget, jobs }) => {
  if (forget) keys.clear();
  const results = jobs.map(({ keyId, spki, token }) => {
    try {
      if (spki) keys.set(keyId, crypto.createPublicKey({ key: Buffer.from(spki, 'base64url'), format: 'der', type: 'spki' }));
      const key = keys.get(keyId);
      if (!key) return 'unknown-key';
      return crypto.verify('sha384', token.subarray(0, ${INPUT_BYTES}),
        { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, token.subarray(${INPUT_BYTES}));
    } catch {
      return false;
    }
  });
  parentPort.postMessage({ id, results });
});
`;

export interface TokenVerifier {
  /** Whether `token` (its whole bytes) carries the week key's signature of its input. */
  valid(key: WeekKey, token: Uint8Array): Promise<boolean>;
  /** End the worker; checks waiting for it fail. A later check starts a new one. */
  close(): Promise<void>;
}

type Waiting = { job: Job; key: WeekKey; done: (valid: boolean) => void; failed: (error: Error) => void };

export function tokenVerifier({ maxKeys = MAX_KEYS }: { maxKeys?: number } = {}): TokenVerifier {
  let worker: Worker | undefined;
  /** Keys the current worker holds: sent once each. */
  let known = new Set<string>();
  let next: Waiting[] = [];
  const sent = new Map<number, Waiting[]>();
  let messages = 0;

  const ended = (error: Error) => {
    worker = undefined;
    known = new Set();
    for (const batch of sent.values()) for (const w of batch) w.failed(error);
    sent.clear();
  };

  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, { eval: true });
    started.unref();
    started.on('message', ({ id, results }: { id: number; results: (boolean | 'unknown-key')[] }) => {
      const batch = sent.get(id) ?? [];
      sent.delete(id);
      for (const [i, w] of batch.entries()) {
        const result = results[i];
        if (result === 'unknown-key') {
          // The worker lost the key (it was made again between sending and checking): send it again.
          known.delete(w.job.keyId);
          queue(w);
        } else w.done(result === true);
      }
    });
    started.on('error', (error) => ended(error));
    started.on('exit', (code) => {
      if (worker === started) ended(new Error(`The token checker stopped (exit code ${code}).`));
    });
    return started;
  };

  const send = () => {
    const batch = next;
    next = [];
    worker ??= start();
    // The worker keeps the keys it was sent; past a thousand it forgets them all and is sent again.
    const forget = known.size + batch.length > maxKeys;
    if (forget) known = new Set();
    const jobs = batch.map((w) => {
      if (known.has(w.job.keyId)) return w.job;
      known.add(w.job.keyId);
      return { ...w.job, spki: w.key.publicKey };
    });
    const id = ++messages;
    sent.set(id, batch);
    worker.postMessage({ id, forget, jobs });
  };

  const queue = (w: Waiting) => {
    // Sent once the loop's turn has run every request that came in it.
    if (next.length === 0) setImmediate(send);
    next.push(w);
  };

  return {
    valid(key, token) {
      return new Promise((done, failed) => queue({ job: { keyId: key.keyId, token }, key, done, failed }));
    },
    async close() {
      const stopping = worker;
      if (!stopping) return;
      ended(new Error('The token checker was closed.'));
      await stopping.terminate();
    },
  };
}
