/** The manager pastes their code once; the page asks for the endpoint's host on the click. */
import { useState } from 'preact/hooks';
import { type ManagerAccess, parseManagerCode } from '../core/invite';
import { originPattern } from '../core/team';
import { browser } from '../platform/browser';
import { ErrorNotice } from '../ui/Status';

export function ConnectForm({
  problem,
  onConnect,
}: {
  readonly problem?: string;
  readonly onConnect: (access: ManagerAccess) => Promise<void>;
}) {
  const [text, setText] = useState(() => decodeURIComponent(location.hash.replace(/^#/, '')));
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = (e: Event) => {
    e.preventDefault();
    const parsed = parseManagerCode(text.trim());
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    const { access } = parsed;
    // Asked first, inside the click: browsers only prompt for a user gesture.
    const asked = browser.permissions.request({ origins: [originPattern(access.endpoint)] });
    void (async () => {
      const granted = await asked.catch(() => false);
      if (!granted) {
        setError(`Without access to ${new URL(access.endpoint).host} this page cannot read the team’s figures.`);
        return;
      }
      history.replaceState(null, '', location.pathname); // a code in the address bar would linger
      await onConnect(access);
    })();
  };

  return (
    <section aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect to your team’s endpoint</h2>
      <p>
        Paste the manager code you were given when the team was created (it starts with <code>cpulsem1.</code>). It is
        kept in this browser only and sent nowhere but to that endpoint.
      </p>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="manager-code">Manager code</label>
          <textarea
            id="manager-code"
            class="code"
            rows={2}
            spellcheck={false}
            value={text}
            aria-invalid={error !== undefined}
            aria-describedby={error ? 'manager-code-error' : undefined}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setError(undefined);
            }}
          />
          {error && (
            <span id="manager-code-error" class="field-error">
              {error}
            </span>
          )}
        </div>
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          Connect
        </button>
      </form>
    </section>
  );
}
