/**
 * The popup's `browser`: the browser's own promise-based extension API, in place of
 * webextension-polyfill (vite.config.ts aliases the polyfill to this file in the popup's build
 * only; the background and the other pages keep the polyfill).
 *
 * Why: the polyfill is 9.6 KB of the popup's 52 KB first script, and the popup's budget is 20 KB
 * gzipped before the first statement. Firefox has `browser` itself (the polyfill hands that back
 * unchanged there), and Chrome from 116, the manifest's minimum, answers every chrome.* call the
 * popup makes (storage, i18n, runtime, management) with a promise, as the polyfill's wrapper would.
 */
import type Browser from 'webextension-polyfill';

const scope = globalThis as { browser?: typeof Browser; chrome?: typeof Browser };
const native = scope.browser?.runtime?.id ? scope.browser : scope.chrome;
if (!native?.runtime?.id)
  throw new Error('Culture Pulse: no extension API here (this page must run in the extension).');

export default native;
