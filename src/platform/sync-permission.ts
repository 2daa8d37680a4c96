/**
 * What joining a team asks the browser for: the endpoint's host and, in Firefox, consent to its
 * optional data collection ("technicalAndInteraction", declared in the manifest), which Firefox
 * requires before an extension transmits anything. Chrome has no such permission and refuses the
 * key, so it is asked for only in Firefox.
 */
import { originPattern } from '../core/team';
import { browserKind } from './browser-kind';

export const DATA_COLLECTION = 'technicalAndInteraction';

export function syncPermission(endpoint: string): { origins: string[]; data_collection?: ['technicalAndInteraction'] } {
  const origins = [originPattern(endpoint)];
  return browserKind() === 'firefox' ? { origins, data_collection: [DATA_COLLECTION] } : { origins };
}
