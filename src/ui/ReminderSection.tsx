/**
 * The weekly reminder: on or off, which weekday, what time, and whether a system notification
 * comes with the badge. Saved through the background. Settings and the welcome page show it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReminderSettings } from '../core/reminder-settings';
import { describeError } from '../platform/describe-error';
import { t } from '../platform/i18n';
import { type ReminderStatus, sendMessage } from '../platform/messages';
import { loadReminderSettings } from '../platform/settings';
import { describeMoment, timeOfDay, weekdayName } from './moments';
import { NotificationSwitch } from './NotificationSwitch';
import { tWith } from './rich-text';
import { ErrorNotice, Loading } from './Status';
import './forms.css';

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

function toTime(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

function fromTime(value: string): number | undefined {
  const match = /^(\d{2}):(\d{2})/.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 24 * 60 ? minutes : undefined;
}

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; settings: ReminderSettings; status: ReminderStatus | undefined; problem?: string; error?: string };

export interface ReminderSectionProps {
  /** Where "how to pin" leads (the welcome page's pin section); no hint when absent. */
  readonly pinHelp?: string;
  /** A line before the settings (the welcome page asks the engineer to check them). */
  readonly intro?: string;
}

export function ReminderSection({ pinHelp, intro }: ReminderSectionProps = {}) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  /** Only the reply to the latest save may update the form: an older one arriving late is stale. */
  const latestSave = useRef(0);

  useEffect(() => {
    void (async () => {
      try {
        const loaded = await loadReminderSettings();
        // Without an answer from the background the settings still show; only the next time is missing.
        const status = await sendMessage('get-reminder-status', {}).catch(() => undefined);
        setState({ kind: 'ready', settings: loaded.value, status, problem: loaded.problem });
      } catch (error) {
        setState({ kind: 'failed', message: describeError(error) });
      }
    })();
  }, []);

  if (state.kind === 'loading') return <Loading label={t('options_reminderLoading')} />;
  if (state.kind === 'failed') return <ErrorNotice>{t('options_reminderReadFailed', state.message)}</ErrorNotice>;

  const save = async (settings: ReminderSettings) => {
    const ticket = ++latestSave.current;
    setState({ ...state, settings, error: undefined });
    try {
      const status = await sendMessage('save-reminder-settings', settings);
      if (ticket === latestSave.current) setState({ kind: 'ready', settings, status });
    } catch (error) {
      if (ticket !== latestSave.current) return;
      setState({ ...state, settings, error: t('options_reminderSaveFailed', describeError(error)) });
    }
  };
  const { settings, status } = state;
  return (
    <section aria-labelledby="reminder-heading">
      <h2 id="reminder-heading">{t('options_reminderHeading')}</h2>
      {intro && <p>{intro}</p>}
      {state.problem && (
        <ErrorNotice>
          {state.problem} {t('options_reminderDefaults')}
        </ErrorNotice>
      )}
      {state.error && <ErrorNotice>{state.error}</ErrorNotice>}
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={settings.enabled}
          checked={settings.enabled}
          onChange={(e) => void save({ ...settings, enabled: e.currentTarget.checked })}
        />
        {t('options_reminderSwitch')}
      </label>
      <div class="row">
        <div class="field">
          <label for="reminder-day">{t('options_reminderDay')}</label>
          <select
            id="reminder-day"
            value={String(settings.weekday)}
            disabled={!settings.enabled}
            onChange={(e) => {
              const day = Number(e.currentTarget.value);
              if (day === 1 || day === 2 || day === 3 || day === 4 || day === 5)
                void save({ ...settings, weekday: day });
            }}
          >
            {WEEKDAYS.map((day) => (
              <option key={day} value={String(day)}>
                {weekdayName(day)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="reminder-time">{t('options_reminderTime')}</label>
          <input
            id="reminder-time"
            type="time"
            required
            value={toTime(settings.minuteOfDay)}
            disabled={!settings.enabled}
            onChange={(e) => {
              const minuteOfDay = fromTime(e.currentTarget.value);
              if (minuteOfDay !== undefined) void save({ ...settings, minuteOfDay });
            }}
          />
        </div>
      </div>
      <p class="small muted" role="status">
        {!settings.enabled
          ? t('options_reminderOff')
          : status?.nextWakeUpAt != null && status.nextWakeUpAt === status.reminderAt
            ? t('options_reminderNext', describeMoment(new Date(status.reminderAt)))
            : t('options_reminderPassed', weekdayName(settings.weekday), timeOfDay(settings.minuteOfDay))}{' '}
        {t('options_reminderWeekdays')}
      </p>
      <NotificationSwitch disabled={!settings.enabled} />
      {pinHelp && (
        <p id="pin-hint" class="small">
          {tWith('options_pinHint', <a href={pinHelp}>{t('options_pinHintLink')}</a>)}
        </p>
      )}
    </section>
  );
}
