import { describe, expect, it } from 'vitest';
import { QUESTIONS, statementKey, THEMES } from '../../../src/core/questions';
import { SCALE_VALUES } from '../../../src/core/scale';
import {
  DEFAULT_LOCALE,
  type LocaleSource,
  localeProblems,
  readLocales,
  substitutionsOf,
} from '../../../src/dev/locales';
import { formatDate, formatNumber, t, tCount, tOr } from '../../../src/platform/i18n';
import { statementText, themeLabel } from '../../../src/ui/labels';
import { fakeBrowser } from '../fake-browser';

const locales = readLocales();
const english = locales.find((l) => l.language === DEFAULT_LOCALE);

function speak(language: string) {
  fakeBrowser.current._state.i18n.language = language;
}

describe('the translations', () => {
  it('are English and German, each complete', () => {
    expect(locales.map((l) => l.language)).toEqual(['de', 'en']);
    expect(Object.keys(english?.messages ?? {}).length).toBeGreaterThan(100);
    // Every key in every language, the same substitutions, every English key described.
    expect(localeProblems(locales)).toEqual([]);
  });

  it('say which language they are in, as the directory does', () => {
    for (const locale of locales) expect(locale.messages.languageCode?.message).toBe(locale.language);
  });

  it('have every statement of the bank, every theme and every scale point', () => {
    const needed = [
      ...QUESTIONS.map((q) => statementKey(q.id)),
      ...THEMES.map((theme) => `theme_${theme}`),
      ...SCALE_VALUES.map((v) => `scale_${v}`),
    ];
    for (const locale of locales)
      for (const key of needed) expect(locale.messages[key], `${locale.language} ${key}`).toBeDefined();
  });

  it('name the endpoint one way in German: Endpunkt, as German engineers write it, never Endpoint', () => {
    const messages = Object.entries(locales.find((l) => l.language === 'de')?.messages ?? {});
    expect(messages.filter(([, m]) => /endpoint/i.test(m.message)).map(([key]) => key)).toEqual([]);
    expect(messages.filter(([, m]) => m.message.includes('Endpunkt')).length).toBeGreaterThan(0);
  });

  it('keep the English statements word for word as the bank has them', () => {
    for (const q of QUESTIONS) expect(english?.messages[statementKey(q.id)]?.message).toBe(q.text);
  });

  it('are caught when a language lacks a key, drops a substitution or keeps a stale key', () => {
    const en: LocaleSource = {
      language: 'en',
      messages: { a: { message: 'Week $1 of $2', description: 'd' }, b: { message: 'B', description: 'd' } },
      files: new Map([
        ['a', 'en/x.json'],
        ['b', 'en/x.json'],
      ]),
    };
    const de: LocaleSource = {
      language: 'de',
      messages: { a: { message: 'Woche $1' }, old: { message: 'Alt' } },
      files: new Map([
        ['a', 'de/x.json'],
        ['old', 'de/x.json'],
      ]),
    };
    expect(localeProblems([de, en])).toEqual([
      'de: "a" uses $1 where English uses $1,2.',
      'de: "b" is missing (defined in en/x.json).',
      'de: "old" is not an English key (left over?).',
    ]);
  });

  it('count $1…$9 but not an escaped dollar', () => {
    expect(substitutionsOf('$2 of $1, $$3, $1 again')).toEqual([1, 2]);
  });
});

describe('t', () => {
  it('fills in substitutions in the browser’s language', () => {
    expect(t('popup_statementOf', 2, 4)).toBe('Statement 2 of 4');
    speak('de');
    expect(t('popup_statementOf', 2, 4)).toBe('Aussage 2 von 4');
    expect(themeLabel('choice')).toBe('Mit\u00adbestim\u00admung');
  });

  it('picks the plural form the language needs', () => {
    expect(tCount('popup_setAside', 1)).toMatch(/^One saved week could not be read/);
    expect(tCount('popup_setAside', 3)).toMatch(/^3 saved weeks could not be read/);
    speak('de');
    expect(tCount('popup_setAside', 1)).toMatch(/^Eine gespeicherte Woche/);
    expect(tCount('popup_setAside', 2)).toMatch(/^2 gespeicherte Wochen/);
  });

  it('writes decimals as the language does', () => {
    expect(formatNumber(3.45)).toBe('3.5');
    speak('de');
    expect(formatNumber(3.45)).toBe('3,5');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(3.4, 2)).toBe('3,40');
  });

  it('writes dates and times as the browser’s own locale does when its language is shown', () => {
    const thursday = new Date(2026, 10, 26, 15, 0);
    const time = { hour: 'numeric', minute: '2-digit' } as const;
    speak('en-GB');
    expect(t('languageCode')).toBe('en');
    expect(formatDate(thursday, time)).toBe('15:00');
    speak('en-US');
    expect(formatDate(thursday, time)).toMatch(/^3:00\sPM$/);
    // A language without a translation shows English words, so English formats.
    speak('fr-FR');
    expect(t('popup_statementOf', 1, 4)).toBe('Statement 1 of 4');
    expect(formatNumber(3.5)).toBe('3.5');
  });

  it('shows a statement in English when a language has no translation of it yet', () => {
    const q = { id: 'future-statement', theme: 'impact' as const, text: 'A statement from a newer bank.', since: 2 };
    speak('de');
    expect(statementText(q)).toBe('A statement from a newer bank.');
    expect(statementText(QUESTIONS[0] ?? q)).toBe('Ich sehe, wie meine Arbeit unseren Kundinnen und Kunden hilft.');
    expect(tOr('no_such_key', 'fallback')).toBe('fallback');
  });
});
