/**
 * The manager CSV (design section 5), streamed as bytes: released weeks only (their lines built
 * once and kept, see released-lines.ts), one team at a time, so memory stays flat however many
 * teams there are. Served per team over HTTP (manager token) and for every team by the admin
 * CLI's export-csv.
 */
import { CSV_BOM, csvLine } from '../core/csv';
import { TREND_CSV_HEADER } from '../core/trends';
import type { WeekId } from '../core/week';
import { releasedTeamLines } from './released-lines';
import type { Store, Team } from './store';

export interface WeekRange {
  readonly from?: WeekId;
  readonly to?: WeekId;
}

export interface CsvSource {
  readonly store: Store;
  readonly now: Date;
  readonly collectionDays: number;
}

/** Roughly how many bytes to gather before handing a chunk on: few writes, little held. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The CSV for `teams`, header first, in chunks of about 64 KB, a team at a time at most past
 * that. A chunk may be a team's kept bytes themselves: they are written as they are, not copied.
 */
export async function* trendCsvChunks(
  source: CsvSource,
  teams: Iterable<Team> | AsyncIterable<Team>,
  range: WeekRange = {},
  chunkBytes = CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [Buffer.from(CSV_BOM + csvLine(TREND_CSV_HEADER))];
  let size = parts[0]?.length ?? 0;
  for await (const team of teams) {
    const lines = await releasedTeamLines(source.store, team, source, range);
    if (lines.length === 0) continue;
    parts.push(lines);
    size += lines.length;
    if (size >= chunkBytes) {
      yield parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(parts);
}

/** A web stream of the chunks, pulled only as fast as the reader takes them (backpressure). */
export function toByteStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
