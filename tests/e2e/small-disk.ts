/**
 * A small filesystem of the test's own (tmpfs), to fill up for real: the browser's profile lives
 * on it, so IndexedDB meets a full disk as it would on a full laptop. Mounting needs root (as in
 * CI and containers here).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  readonly dir: string;
  /** Write filler files until the filesystem refuses another byte. */
  fill(): void;
  /** Remove the filler: room again. */
  free(): void;
  unmount(): void;
}

function fillWith(path: string, chunk: number): void {
  const fd = openSync(path, 'w');
  const bytes = Buffer.alloc(chunk);
  try {
    for (;;) writeSync(fd, bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

export function mountSmallDisk(megabytes: number): SmallDisk {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The full-disk test mounts a small tmpfs, which needs root: run the browser tests as root (CI does).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'pulse-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
  const fillers = [join(dir, 'filler-large'), join(dir, 'filler-small')];
  return {
    dir,
    fill() {
      fillWith(fillers[0] ?? '', 1 << 20);
      fillWith(fillers[1] ?? '', 512);
    },
    free() {
      for (const f of fillers) rmSync(f, { force: true });
    },
    unmount() {
      execFileSync('umount', ['--lazy', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
