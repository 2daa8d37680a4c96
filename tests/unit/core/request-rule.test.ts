import { describe, expect, it } from 'vitest';
import {
  FIXED_USER_AGENT,
  REQUEST_RULE_ID,
  requestRuleFor,
  requestRuleSchema,
  ruleIds,
  rulesInPlace,
} from '../../../src/core/request-rule';

describe('the request rule', () => {
  const rule = requestRuleFor('https://pulse.example.org:8443/base');

  it('applies to fetches to the endpoint’s host, whatever the port', () => {
    expect(rule.id).toBe(REQUEST_RULE_ID);
    expect(rule.condition).toEqual({ requestDomains: ['pulse.example.org'], resourceTypes: ['xmlhttprequest'] });
    expect(requestRuleFor('http://127.0.0.1:8787').condition.requestDomains).toEqual(['127.0.0.1']);
  });

  it('removes what tells one browser from another, and sets one User-Agent for everyone', () => {
    const { type, requestHeaders } = rule.action;
    expect(type).toBe('modifyHeaders');
    const removed = requestHeaders.filter((h) => h.operation === 'remove').map((h) => h.header);
    expect(removed.sort()).toEqual([
      'accept-language',
      'cookie',
      'origin',
      'referer',
      'sec-fetch-dest',
      'sec-fetch-mode',
      'sec-fetch-site',
    ]);
    const set = Object.fromEntries(requestHeaders.filter((h) => h.operation === 'set').map((h) => [h.header, h.value]));
    expect(set).toEqual({ 'user-agent': 'CulturePulse', connection: 'close', 'accept-encoding': 'gzip' });
    // No version, no platform: the same string from every install.
    expect(FIXED_USER_AGENT).toMatch(/^[A-Za-z]+$/);
    // Header names as browsers accept them: lower case, no duplicates.
    const names = requestHeaders.map((h) => h.header);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z-]+$/);
  });

  it('is a rule its own schema accepts', () => {
    expect(requestRuleSchema.parse(rule)).toEqual(rule);
  });
});

describe('whether the browser holds exactly the wanted rules', () => {
  const wanted = requestRuleFor('https://pulse.example.org');

  it('accepts the rule as written, or as a browser gives it back with defaults and keys reordered', () => {
    expect(rulesInPlace([structuredClone(wanted)], wanted)).toBe(true);
    const { action, condition } = wanted;
    const asReturned = {
      action: {
        requestHeaders: action.requestHeaders.map(({ header, operation, value }) =>
          value === undefined ? { operation, header } : { value, operation, header },
        ),
        type: action.type,
      },
      condition: {
        isUrlFilterCaseSensitive: false,
        resourceTypes: condition.resourceTypes,
        requestDomains: condition.requestDomains,
      },
      priority: 1,
      id: 1,
    };
    expect(rulesInPlace([asReturned], wanted)).toBe(true);
    // Firefox ESR 153 gives back every field a rule left out, as null.
    const fromFirefox = {
      ...wanted,
      condition: { ...condition, urlFilter: null, initiatorDomains: null },
      action: {
        ...action,
        redirect: null,
        responseHeaders: null,
        requestHeaders: action.requestHeaders.map((h) => ({ value: null, ...h })),
      },
    };
    expect(rulesInPlace([fromFirefox], wanted)).toBe(true);
  });

  it('refuses a missing rule, another endpoint’s, an extra one, or one with a header changed', () => {
    expect(rulesInPlace([], wanted)).toBe(false);
    expect(rulesInPlace([requestRuleFor('https://other.example.org')], wanted)).toBe(false);
    expect(rulesInPlace([wanted, { ...wanted, id: 2 }], wanted)).toBe(false);
    const weaker = {
      ...wanted,
      action: { ...wanted.action, requestHeaders: wanted.action.requestHeaders.filter((h) => h.header !== 'origin') },
    };
    expect(rulesInPlace([weaker], wanted)).toBe(false);
    expect(rulesInPlace(['not a rule'], wanted)).toBe(false);
  });

  it('wants no rule at all without a team', () => {
    expect(rulesInPlace([], undefined)).toBe(true);
    expect(rulesInPlace([wanted], undefined)).toBe(false);
  });
});

describe('the ids of the browser’s rules', () => {
  it('are read from each rule that has one, whatever else it holds', () => {
    expect(ruleIds([requestRuleFor('https://pulse.example.org'), { id: 7, action: 'x' }, { id: 'no' }, null])).toEqual([
      1, 7,
    ]);
  });
});
