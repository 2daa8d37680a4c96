/**
 * The UI's words, through browser.i18n: the browser picks the language (its own UI language,
 * falling back to English) and every page, the popup and the background use the same messages.
 * Keys are typed from the English sources, so a misspelt key fails the type check; that every
 * language has every key is checked by the build and by tests/unit/platform/i18n.test.ts.
 */
import { browser } from './browser';

type Source<T> = keyof T & string;
export type MessageKey =
  | Source<typeof import('../locales/en/common.json')>
  | Source<typeof import('../locales/en/popup.json')>
  | Source<typeof import('../locales/en/options.json')>
  | Source<typeof import('../locales/en/trends.json')>
  | Source<typeof import('../locales/en/welcome.json')>
  | Source<typeof import('../locales/en/background.json')>
  | Source<typeof import('../locales/en/errors.json')>;

type Substitution = string | number;

/**
 * The message for `key` in the browser's language, with `$1`… filled in. A message the browser
 * does not know comes back as its key, visible rather than blank.
 */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const text = browser.i18n.getMessage(key, substitutions.map(formatSubstitution));
  return text === '' ? key : text;
}

/**
 * A message whose key is built at run time (a statement's id): `fallback` when the browser has
 * no such message. Tests check that every statement in the bank has one in every language.
 */
export function tOr(key: string, fallback: string): string {
  return browser.i18n.getMessage(key) || fallback;
}

/** Keys written as `<base>_one` and `<base>_other`: English and German need no more forms. */
export type CountKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? (`${Base}_one` extends MessageKey ? Base : never) : never;
}[MessageKey];

/** "1 week" / "3 weeks": the form Intl's plural rules pick for `count`, which is also `$1`. */
export function tCount(base: CountKey, count: number, ...more: Substitution[]): string {
  const form = pluralRules().select(count) === 'one' ? 'one' : 'other';
  return t(`${base}_${form}`, count, ...more);
}

let plurals: { language: string; rules: Intl.PluralRules } | undefined;
function pluralRules(): Intl.PluralRules {
  const language = uiMessageLanguage();
  if (plurals?.language !== language) plurals = { language, rules: new Intl.PluralRules(language) };
  return plurals.rules;
}

/**
 * The language the messages are actually in: the browser's UI language may have no translation
 * (then English is shown), and plural forms must follow the words shown, not the browser.
 */
function uiMessageLanguage(): string {
  const shown = browser.i18n.getMessage('languageCode');
  return shown === '' ? 'en' : shown;
}

/**
 * The locale for numbers and dates: the browser's own (en-GB writes 24-hour times) when its
 * language is the one shown, else the shown language's default, so words and formats agree.
 */
function formatLocale(): string {
  const shown = uiMessageLanguage();
  const browserLocale = browser.i18n.getUILanguage();
  return browserLocale.split('-')[0]?.toLowerCase() === shown ? browserLocale : shown;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One decimal at most, or exactly `fractionDigits`; made once per locale and precision. */
function numberFormat(fractionDigits: number | undefined): Intl.NumberFormat {
  const locale = formatLocale();
  const key = `${locale}:${fractionDigits ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locale,
      fractionDigits === undefined
        ? { maximumFractionDigits: 1 }
        : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
    );
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A number as the shown language writes it ("3.4" / "3,4"): one decimal at most, or exactly
 * `fractionDigits` of them ("3.40").
 */
export function formatNumber(value: number, fractionDigits?: number): string {
  // Counts are small whole numbers, written alike in every language shown; skip a cold Intl.
  if (fractionDigits === undefined && Number.isInteger(value) && Math.abs(value) < 1000) return String(value);
  return numberFormat(fractionDigits).format(value);
}

function formatSubstitution(value: Substitution): string {
  return typeof value === 'string' ? value : formatNumber(value);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date format of the shown language, in the engineer's time zone, made once per locale and
 * options: a chart's axis writes a hundred dates, and a new Intl.DateTimeFormat costs far more than
 * formatting with one.
 */
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = formatLocale();
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** A date as the shown language writes it. */
export function formatDate(date: Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return dateFormat(options).format(date);
}

/**
 * Two days as one range the shown language writes ("30 Nov – 6 Dec", "30.11.–6.12."), saying
 * once what the two have in common.
 */
export function formatDateRange(
  start: Date,
  end: Date,
  options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' },
): string {
  return dateFormat(options).formatRange(start, end);
}
