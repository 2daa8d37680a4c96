/**
 * The engineer's own export file: reading it back is all or nothing. The whole file is validated
 * before anything is merged, and a merge by week never loses a newer answer.
 */
import * as z from 'zod/mini';
import { describeIssues, type PulseRecord, pulseRecordSchema } from './schemas';
import { compareWeekIds } from './week';

export const EXPORT_FORMAT = 'culture-pulse-export';
export const EXPORT_VERSION = 1;

export const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  pulses: z.array(pulseRecordSchema).check(z.maxLength(10_000)),
  /** Stored records that could not be read, kept so an export loses nothing. Not imported. */
  unreadable: z.optional(z.array(z.unknown())),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

/** 5 MB is years of weekly pulses many times over; larger is not ours. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** What an export carries in place of an unreadable vote token record's value. */
export const WITHHELD_TOKEN_VALUE =
  'withheld: a vote token record holds no answer, and its secrets stay in this browser';

/**
 * An unreadable record as the file carries it. A vote token record holds the request the endpoint
 * saw when it signed and the secret that unblinds it: a file that leaves the browser with them could
 * be matched to the invite that asked, and so to the vote. It holds no answer, so nothing is lost.
 */
function exportable(record: unknown): unknown {
  const fromTokens = typeof record === 'object' && record !== null && 'store' in record && record.store === 'tokens';
  return fromTokens ? { ...record, value: WITHHELD_TOKEN_VALUE } : record;
}

export function buildExportFile(pulses: readonly PulseRecord[], unreadable: readonly unknown[], now: Date): ExportFile {
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    pulses: [...pulses].sort((a, b) => compareWeekIds(a.weekId, b.weekId)),
  };
  if (unreadable.length > 0) file.unreadable = unreadable.map(exportable);
  return file;
}

/** Why a file was refused: `problem` (and `detail`) for screens to word, `message` in English. */
export type ImportProblem = 'too-large' | 'not-json' | 'not-export' | 'newer-version' | 'damaged' | 'duplicate-week';

export type ParseResult =
  | { ok: true; file: ExportFile }
  | { ok: false; problem: ImportProblem; detail: string; message: string };

function refuse(problem: ImportProblem, message: string, detail = ''): ParseResult {
  return { ok: false, problem, detail, message };
}

export function parseExportText(text: string): ParseResult {
  if (text.length > MAX_IMPORT_BYTES) {
    return refuse('too-large', 'This file is too large to be a Culture Pulse export (over 5 MB).');
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return refuse('not-json', 'This file is not valid JSON, so it is not a Culture Pulse export.');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== EXPORT_FORMAT) {
    return refuse(
      'not-export',
      'This file is not a Culture Pulse export (it has no "format": "culture-pulse-export").',
    );
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    return refuse(
      'newer-version',
      `This export was made by a newer version of Culture Pulse (file version ${version}); update the extension first.`,
      String(version),
    );
  }
  const parsed = exportFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    return refuse('damaged', `This export is damaged, so nothing was imported:\n${issues}`, issues);
  }
  const seen = new Set<string>();
  for (const pulse of parsed.data.pulses) {
    if (seen.has(pulse.weekId)) {
      return refuse(
        'duplicate-week',
        `This export has week ${pulse.weekId} twice, so nothing was imported.`,
        pulse.weekId,
      );
    }
    seen.add(pulse.weekId);
  }
  return { ok: true, file: parsed.data };
}

export interface MergePlan {
  /** Records to write: new weeks, and weeks the file has a newer version of. */
  readonly writes: PulseRecord[];
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * Merge by week: a week only in the file is added; a week in both keeps the newer record. Every
 * week written is marked imported (`importedAt`), so this device never sends it to a team.
 */
export function planMerge(existing: readonly PulseRecord[], incoming: readonly PulseRecord[], now: Date): MergePlan {
  const byWeek = new Map(existing.map((p) => [p.weekId, p]));
  const writes: PulseRecord[] = [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const pulse of incoming) {
    const current = byWeek.get(pulse.weekId);
    if (!current) {
      added++;
      writes.push({ ...pulse, importedAt: pulse.importedAt ?? now.getTime() });
    } else if (pulse.updatedAt > current.updatedAt) {
      updated++;
      writes.push({ ...pulse, importedAt: pulse.importedAt ?? now.getTime() });
    } else {
      unchanged++;
    }
  }
  return { writes, added, updated, unchanged };
}
