import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestRuleFor } from '../../../src/core/request-rule';
import { ensureRequestRule } from '../../../src/platform/request-rule';
import { fakeBrowser } from '../fake-browser';

const endpoint = 'https://pulse.example.org';
const rules = () => [...fakeBrowser.current._state.rules.values()];
const updates = () =>
  fakeBrowser.current._state.log.filter((l) => l === 'declarativeNetRequest.updateDynamicRules').length;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('keeping the request rule in place', () => {
  it('writes the endpoint’s rule once, and leaves it alone when it is there', async () => {
    expect(await ensureRequestRule(endpoint)).toBe(true);
    expect(rules()).toEqual([requestRuleFor(endpoint)]);
    expect(await ensureRequestRule(endpoint)).toBe(true);
    expect(updates()).toBe(1);
  });

  it('puts it back when it went missing, and replaces another endpoint’s or a stranger’s rules', async () => {
    await ensureRequestRule(endpoint);
    fakeBrowser.current._state.rules.clear();
    expect(await ensureRequestRule(endpoint)).toBe(true);
    expect(rules()).toEqual([requestRuleFor(endpoint)]);

    fakeBrowser.current._state.rules.set(7, { id: 7, note: 'left over' });
    expect(await ensureRequestRule('https://other.example.org')).toBe(true);
    expect(rules()).toEqual([requestRuleFor('https://other.example.org')]);
  });

  it('removes every rule once no team is joined', async () => {
    await ensureRequestRule(endpoint);
    expect(await ensureRequestRule(null)).toBe(true);
    expect(rules()).toEqual([]);
  });

  it('says false, so nothing is sent, when the browser refuses the rule or lacks the API', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fakeBrowser.current.declarativeNetRequest.updateDynamicRules = async () => {
      throw new Error('Rule limit exceeded');
    };
    expect(await ensureRequestRule(endpoint)).toBe(false);
    // A browser that accepts the call but keeps something else.
    fakeBrowser.current.declarativeNetRequest.updateDynamicRules = async () => {};
    expect(await ensureRequestRule(endpoint)).toBe(false);
    (fakeBrowser.current as { declarativeNetRequest?: unknown }).declarativeNetRequest = undefined;
    expect(await ensureRequestRule(endpoint)).toBe(false);
    expect(console.error).toHaveBeenCalled();
  });
});
