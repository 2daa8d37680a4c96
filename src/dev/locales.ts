/**
 * The extension's translations, as the build and the tests read them.
 *
 * Sources live in src/locales/<language>/<area>.json, one file per part of the UI (common, popup,
 * options, trends, background, errors), each in the browser's messages.json format so any
 * translation tool reads them. The build merges a language's files into
 * _locales/<language>/messages.json, after checking what the browsers would otherwise only
 * discover at run time: a key missing from a language, a substitution a translation forgets or
 * invents, a key written twice.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';

export const DEFAULT_LOCALE = 'en';
export const LOCALES_DIR = join(import.meta.dirname, '..', 'locales');

const Message = z.strictObject({
  message: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
});
export type Message = z.infer<typeof Message>;
const MessageFile = z.record(z.string(), Message);

/** Chrome's rule for message names; names are case-insensitive and `@@` is the browser's own. */
const KEY = /^[A-Za-z0-9_]+$/;

export type Messages = Record<string, Message>;

export interface LocaleSource {
  readonly language: string;
  readonly messages: Messages;
  /** Which file each key came from, for error messages. */
  readonly files: ReadonlyMap<string, string>;
}

/** Every language directory under `dir`, each merged from its area files. Throws on unreadable files. */
export function readLocales(dir: string = LOCALES_DIR): LocaleSource[] {
  const languages = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
  return languages.map((language) => {
    const messages: Messages = {};
    const files = new Map<string, string>();
    const seen = new Map<string, string>();
    for (const file of readdirSync(join(dir, language))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const path = join(dir, language, file);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
      }
      const parsed = MessageFile.safeParse(raw);
      if (!parsed.success) throw new Error(`${path} is not in messages.json form: ${z.prettifyError(parsed.error)}`);
      for (const [key, message] of Object.entries(parsed.data)) {
        if (!KEY.test(key)) throw new Error(`${path}: "${key}" may hold only letters, digits and _.`);
        const folded = key.toLowerCase();
        const earlier = seen.get(folded);
        if (earlier) throw new Error(`${path}: "${key}" is already defined in ${earlier} (names ignore case).`);
        seen.set(folded, `${language}/${file}`);
        messages[key] = message;
        files.set(key, `${language}/${file}`);
      }
    }
    return { language, messages, files };
  });
}

/** The `$1`…`$9` substitutions a message uses, as a sorted list. */
export function substitutionsOf(message: string): number[] {
  const found = new Set<number>();
  for (const m of message.replaceAll('$$', '').matchAll(/\$([1-9])/g)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

/** A message with its substitutions, as browser.i18n.getMessage fills them: `$1`…`$9`, `$$` for `$`. */
export function fillMessage(message: string, substitutions: readonly (string | number)[] = []): string {
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : String(substitutions[Number(which) - 1] ?? ''),
  );
}

/** What is wrong between languages: each problem as a sentence. Empty when they agree. */
export function localeProblems(locales: readonly LocaleSource[]): string[] {
  const problems: string[] = [];
  const base = locales.find((l) => l.language === DEFAULT_LOCALE);
  if (!base) return [`There is no ${DEFAULT_LOCALE} (default) locale.`];
  for (const [key, message] of Object.entries(base.messages)) {
    if (!message.description) problems.push(`${DEFAULT_LOCALE}: "${key}" has no description for translators.`);
  }
  for (const locale of locales) {
    if (locale === base) continue;
    for (const [key, message] of Object.entries(base.messages)) {
      const other = locale.messages[key];
      if (!other) {
        problems.push(`${locale.language}: "${key}" is missing (defined in ${base.files.get(key)}).`);
        continue;
      }
      const want = substitutionsOf(message.message).join(',');
      const got = substitutionsOf(other.message).join(',');
      if (want !== got) problems.push(`${locale.language}: "${key}" uses $${got || '-'} where English uses $${want}.`);
      const wantFile = base.files.get(key)?.split('/')[1];
      const gotFile = locale.files.get(key)?.split('/')[1];
      if (wantFile !== gotFile)
        problems.push(`${locale.language}: "${key}" is in ${gotFile}, English has it in ${wantFile}.`);
    }
    for (const key of Object.keys(locale.messages)) {
      if (!base.messages[key]) problems.push(`${locale.language}: "${key}" is not an English key (left over?).`);
    }
  }
  return problems;
}

/** messages.json for one language, as the browsers read it. */
export function messagesJson(locale: LocaleSource): string {
  return `${JSON.stringify(locale.messages, null, 2)}\n`;
}
