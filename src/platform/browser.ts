/**
 * The one import of webextension-polyfill: everything else takes `browser` from here, so the
 * promise-based API is the same in Chrome and Firefox and tests can see every browser call site.
 * The popup's build resolves the polyfill to the browser's own API instead (native-browser.ts).
 */
import browser from 'webextension-polyfill';

export type { Runtime } from 'webextension-polyfill';
export { browser };
