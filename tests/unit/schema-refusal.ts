import { expect } from 'vitest';

/**
 * The error a zod schema throws for exactly one problem, of `code` at `path`. Anything else that
 * throws (a closed database, storage that failed, a typo in the test's own data) does not match.
 */
export function refusalAt(path: readonly (string | number)[], code: string): unknown {
  return expect.objectContaining({ issues: [expect.objectContaining({ path, code })] });
}
