/**
 * Which browser runs the extension, where the two differ in what a person does (Firefox asks for
 * data-collection consent; its toolbar pins from a gear menu). Told by the extension's own
 * address, which a page and the background both have, not by the user agent string.
 */
import { browser } from './browser';

export type BrowserKind = 'firefox' | 'chromium';

export function browserKind(): BrowserKind {
  return browser.runtime.getURL('').startsWith('moz-extension://') ? 'firefox' : 'chromium';
}
