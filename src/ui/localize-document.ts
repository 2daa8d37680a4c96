import { type MessageKey, t } from '../platform/i18n';

/**
 * The page's title and `lang` in the language shown: index.html carries English ones for the
 * moment before the script runs, and screen readers pronounce by `lang`.
 */
export function localizeDocument(title: MessageKey): void {
  document.title = t(title);
  document.documentElement.lang = t('languageCode');
}
