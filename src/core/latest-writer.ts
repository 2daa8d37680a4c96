/**
 * Saves the latest value of something typed, as it is typed, without queueing a write per key:
 * at most one write runs at a time, and when it finishes only the newest value is written next.
 */
export interface LatestWriter<T> {
  /** Ask for `value` to be saved; earlier unsaved values are superseded. */
  push(value: T): void;
  /** Resolves once everything pushed so far is saved; rejects with the last write's error. */
  flush(): Promise<void>;
}

export function latestWriter<T>(
  write: (value: T) => Promise<void>,
  onError: (error: unknown) => void,
): LatestWriter<T> {
  let pending: { value: T } | undefined;
  let running: Promise<void> | undefined;
  let lastError: unknown;

  async function drain(): Promise<void> {
    while (pending) {
      const { value } = pending;
      pending = undefined;
      try {
        await write(value);
        lastError = undefined;
      } catch (error) {
        lastError = error;
        onError(error);
      }
    }
    running = undefined;
  }

  return {
    push(value) {
      pending = { value };
      running ??= drain();
    },
    async flush() {
      while (running) await running;
      if (lastError !== undefined) throw lastError;
    },
  };
}
