/**
 * The one import of webextension-polyfill: everything else takes `browser` from here, so the
 * promise-based API is the same in Chrome and Firefox and tests can see every browser call site.
 */
import browser from 'webextension-polyfill';

export type { Runtime } from 'webextension-polyfill';
export { browser };
