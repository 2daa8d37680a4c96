/**
 * Where this week's answers go, in words: nowhere (no team joined), or to the team as anonymous
 * 1–5 scores. Loaded after the first statement is on screen, with the membership's reader and its
 * zod schema, none of which the first statement needs.
 */
import { teamName } from '../core/team';
import { t } from '../platform/i18n';
import { loadMembership } from '../platform/team-settings';

export async function destinationLine(): Promise<string> {
  const { value } = await loadMembership();
  return value === null ? t('popup_staysHere') : t('popup_sharedWith', teamName(value));
}
