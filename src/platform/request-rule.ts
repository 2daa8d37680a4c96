/**
 * Keeps the browser's dynamic declarativeNetRequest rules at exactly what core/request-rule wants:
 * the endpoint's rule while a team is joined, nothing otherwise. Idempotent, so every sync run
 * calls it: a rule lost (a profile copied, a browser that dropped it) is back before anything is sent.
 */
import { type RequestRule, requestRuleFor, ruleIds, rulesInPlace } from '../core/request-rule';
import { browser } from './browser';

/**
 * Write the rule for `endpoint` (or remove every rule, for `null`) unless it is already there.
 * Resolves whether the browser now holds exactly that; false when the API failed or is missing,
 * in which case nothing may be sent: without the rule the request would carry the Origin.
 */
export async function ensureRequestRule(endpoint: string | null): Promise<boolean> {
  const wanted: RequestRule | undefined = endpoint === null ? undefined : requestRuleFor(endpoint);
  try {
    const dnr = browser.declarativeNetRequest;
    const installed: unknown[] = await dnr.getDynamicRules();
    if (rulesInPlace(installed, wanted)) return true;
    await dnr.updateDynamicRules({ removeRuleIds: ruleIds(installed), addRules: wanted ? [wanted] : [] });
    return rulesInPlace(await dnr.getDynamicRules(), wanted);
  } catch (error) {
    console.error('Culture Pulse: the request rule could not be written; nothing is sent without it.', error);
    return false;
  }
}
