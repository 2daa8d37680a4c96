/**
 * What joining a team asks the browser for: the endpoint's host and, in Firefox, consent to its
 * optional data collection ("technicalAndInteraction", declared in the manifest), which Firefox
 * requires before an extension transmits anything. Chrome has no such permission and refuses the
 * key, so it is asked for only in Firefox.
 */
import { originPattern } from '../core/team';
import { browser } from './browser';

export const DATA_COLLECTION = 'technicalAndInteraction';

function isFirefox(): boolean {
  return browser.runtime.getURL('').startsWith('moz-extension://');
}

export function syncPermission(endpoint: string): { origins: string[]; data_collection?: ['technicalAndInteraction'] } {
  const origins = [originPattern(endpoint)];
  return isFirefox() ? { origins, data_collection: [DATA_COLLECTION] } : { origins };
}
