/**
 * "Also show a system notification at reminder time": on when the browser granted the optional
 * "notifications" permission. Switching on asks for it (on the click, as browsers require);
 * switching off gives it back.
 */
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../platform/describe-error';
import { t } from '../platform/i18n';
import { allowNotifications, notificationsAllowed, stopNotifications } from '../platform/notifications';
import { ErrorNotice } from './Status';

export function NotificationSwitch({ disabled }: { readonly disabled: boolean }) {
  const [on, setOn] = useState<boolean | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    notificationsAllowed().then(setOn, () => setOn(false));
  }, []);
  const change = async (wanted: boolean) => {
    setProblem(undefined);
    try {
      if (wanted) {
        const granted = await allowNotifications();
        setOn(granted);
        if (!granted) setProblem(t('options_notifyRefused'));
      } else {
        await stopNotifications();
        setOn(false);
      }
    } catch (error) {
      setOn(await notificationsAllowed().catch(() => false));
      setProblem(`${t('options_notifyRefused')} ${describeError(error)}`);
    }
  };
  return (
    <div class="field">
      <label class="switch">
        <input
          id="notify-switch"
          type="checkbox"
          role="switch"
          aria-checked={on === true}
          aria-describedby="notify-help"
          checked={on === true}
          disabled={disabled || on === undefined}
          onChange={(e) => void change(e.currentTarget.checked)}
        />
        {t('options_notifySwitch')}
      </label>
      <span id="notify-help" class="small muted">
        {t('options_notifyHelp')}
      </span>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
    </div>
  );
}
