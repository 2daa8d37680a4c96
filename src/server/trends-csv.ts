/**
 * The manager CSV (design section 5), streamed: released weeks only (their lines built
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

/** Roughly how much text to gather before handing a chunk on. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The CSV text for `teams`, header first, in chunks of about 64 KB, a team at a time at most past
 * that: a team's kept text goes on as it is. (Text, not bytes: strings die young in V8's new
 * space, while a Buffer a team lingered until a full GC and memory climbed with the file.)
 */
export async function* trendCsvChunks(
  source: CsvSource,
  teams: Iterable<Team> | AsyncIterable<Team>,
  range: WeekRange = {},
  chunkChars = CHUNK_CHARS,
): AsyncGenerator<string> {
  let chunk = CSV_BOM + csvLine(TREND_CSV_HEADER);
  for await (const team of teams) {
    chunk += await releasedTeamLines(source.store, team, source, range);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** A web stream of the chunks, pulled only as fast as the reader takes them (backpressure). */
export function toByteStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
