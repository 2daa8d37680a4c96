/**
 * An endpoint's Retry-After (RFC 9110 §10.2.3): how long it asked the extension to wait before
 * trying a request again, read only from a 429 (too many requests) or a 503 (its store failing).
 * The header is either delta-seconds or an HTTP-date (§5.6.7, all three of its forms). Anything
 * else is no ask at all: the extension's own backoff decides, as it did before.
 */

const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** The longest wait an endpoint may ask for; a longer ask is read as this one. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * How much later than asked a retry may go, as a share of the ask (see `askedRetryDelay`): at
 * most half as long again.
 */
export const ASKED_SPREAD = 0.5;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const DAY = `(${DAYS.join('|')})`;
const LONG_DAY = `(${LONG_DAYS.join('|')})`;
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (what senders must send). */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** The obsolete RFC 850 form: "Sunday, 06-Nov-94 08:49:37 GMT". */
const RFC850_DATE = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** The obsolete asctime form: "Sun Nov  6 08:49:37 1994". */
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** Epoch ms of a calendar moment in UTC, or undefined when no such moment exists (31 Feb, 25:00). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  // 60: a leap second, which Date.UTC reads as the next minute's first.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  // Date.UTC rolls 31 Feb over into March: a day that does not exist is no date.
  const midnight = new Date(Date.UTC(year, month, day));
  if (midnight.getUTCMonth() !== month || midnight.getUTCDate() !== day) return undefined;
  return Date.UTC(year, month, day, hour, minute, second);
}

/**
 * A two-digit RFC 850 year: the one with these last digits that is not more than 50 years ahead
 * of `now` (RFC 9110 §5.6.7).
 */
function fullYear(twoDigits: number, now: Date): number {
  const thisYear = now.getUTCFullYear();
  let year = thisYear - (thisYear % 100) + twoDigits;
  if (year > thisYear + 50) year -= 100;
  return year;
}

/** Epoch ms of an HTTP-date in any of its three forms, or undefined when it is none. */
export function parseHttpDate(text: string, now: Date): number | undefined {
  const month = (name: string | undefined) => MONTHS.indexOf(name ?? '');
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[4]), month(m[3]), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  m = RFC850_DATE.exec(text);
  if (m) {
    const year = fullYear(Number(m[4]), now);
    return utc(year, month(m[3]), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  }
  m = ASCTIME_DATE.exec(text);
  if (m) return utc(Number(m[7]), month(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return undefined;
}

/**
 * How long (ms, 0 to MAX_RETRY_AFTER_MS) a Retry-After value asks to wait from `now`; undefined
 * when the value is missing or malformed. A date already past asks for no wait; a negative or
 * fractional number, or any other text, is malformed.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  // Optional whitespace around a field value is not part of it (RFC 9110 §5.5).
  const text = value.replace(/^[ \t]+|[ \t]+$/g, '');
  if (/^\d+$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Number(text) * SECOND);
  const at = parseHttpDate(text, now);
  if (at === undefined) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now.getTime()));
}

/**
 * The wait an endpoint's answer asks for: a 429 or 503 with a valid Retry-After. Other statuses
 * give the header other meanings (a redirect's), or none; those are not asks here.
 */
export function askedWait(status: number | undefined, value: string | null | undefined, now: Date): number | undefined {
  if (status !== 429 && status !== 503) return undefined;
  return parseRetryAfter(value, now);
}

/**
 * The delay before a retry that honours an ask of `askedMs`: the ask itself, plus up to half of
 * it again, drawn from `random` in [0, 1).
 *
 * Why later at random, and not at the asked second: an HTTP-date, or one delta given to every
 * client in an outage, would bring every member's retry in at the same second, and an exact
 * delta would make each retry land exactly where its failed try predicts. Either way the
 * endpoint could tie a retry (from whatever address it now comes) to the earlier try, or line
 * members' requests up by their arrival; and the random moment a vote first went at would be
 * replaced by one the endpoint chose. Spread over half the ask, retries arrive as independently
 * as first sends do, and never earlier than asked. The spread grows with the ask, so it stays
 * wide against a long wait and costs little against a short one.
 */
export function askedRetryDelay(askedMs: number, random: number): number {
  return Math.round(askedMs * (1 + random * ASKED_SPREAD));
}
