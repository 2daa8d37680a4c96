/** The manager pastes their code once; the page asks for the endpoint's host on the click. */
import { useState } from 'preact/hooks';
import { INVITE_PREFIX, MANAGER_CODE_PREFIX, type ManagerAccess, parseManagerCode } from '../core/invite';
import { originPattern } from '../core/team';
import { browser } from '../platform/browser';
import { describeCodeRefusal } from '../platform/describe-error';
import { t } from '../platform/i18n';
import { tWith } from '../ui/rich-text';
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
      setError(describeCodeRefusal(parsed));
      return;
    }
    const { access } = parsed;
    // Asked first, inside the click: browsers only prompt for a user gesture.
    const asked = browser.permissions.request({ origins: [originPattern(access.endpoint)] });
    void (async () => {
      const granted = await asked.catch(() => false);
      if (!granted) {
        setError(t('trends_hostDenied', new URL(access.endpoint).host));
        return;
      }
      history.replaceState(null, '', location.pathname); // a code in the address bar would linger
      await onConnect(access);
    })();
  };

  return (
    <section aria-labelledby="connect-heading">
      <h2 id="connect-heading">{t('trends_connectHeading')}</h2>
      <p>{tWith('trends_connectIntro', <code>{MANAGER_CODE_PREFIX}</code>)}</p>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="manager-code">{t('trends_managerCodeLabel')}</label>
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
          {t('trends_connect')}
        </button>
      </form>
      <aside class="no-code" aria-labelledby="no-code-heading">
        <h3 id="no-code-heading">{t('trends_noCodeHeading')}</h3>
        <p>{tWith('trends_noCodeText', <code>{INVITE_PREFIX}</code>)}</p>
      </aside>
    </section>
  );
}
