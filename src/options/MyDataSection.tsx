/** "My data": see, export, import and delete the engineer's own answers. */
import { useRef } from 'preact/hooks';
import { MAX_IMPORT_BYTES } from '../core/export-file';
import { localDate } from '../core/reminder';
import { describeError } from '../platform/describe-error';
import { type MessageKey, t, tCount } from '../platform/i18n';
import { ConfirmAction } from '../ui/ConfirmAction';
import { downloadText } from '../ui/download';
import { HistoryTable } from '../ui/HistoryTable';
import { pageClock } from '../ui/page-clock';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../ui/Status';
import { useMyData } from './useMyData';

/** The engineer's own date for the file name: at 00:30 in Berlin it is already tomorrow, not UTC's today. */
function today(): string {
  return localDate(pageClock.now());
}

export function MyDataSection() {
  const { data, outcome, setOutcome, exportJson, exportCsv, importText, deleteEverything } = useMyData();
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (failed: MessageKey, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      setOutcome({ kind: 'error', message: t(failed, describeError(error)) });
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setOutcome({
        kind: 'error',
        message: t('options_fileTooLarge', MAX_IMPORT_BYTES / (1024 * 1024)),
      });
    } else {
      await importText(await file.text());
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">{t('options_dataHeading')}</h2>
      <p>{t('options_dataIntro')}</p>
      <div aria-live="polite">
        {outcome?.kind === 'success' && <SuccessNotice>{outcome.message}</SuccessNotice>}
        {outcome?.kind === 'error' && <ErrorNotice>{outcome.message}</ErrorNotice>}
      </div>
      {data.kind === 'loading' && <Loading label={t('options_dataLoading')} />}
      {data.kind === 'failed' && <ErrorNotice>{t('options_dataReadFailed', data.message)}</ErrorNotice>}
      {data.kind === 'ready' && (
        <>
          <p id="data-summary">
            {data.pulses.length === 0
              ? t('options_dataNone')
              : tCount(
                  'options_dataStored',
                  data.pulses.length,
                  data.pulses.at(-1)?.weekId ?? '',
                  data.pulses[0]?.weekId ?? '',
                )}
            {data.unreadable > 0 && ` ${tCount('options_unreadable', data.unreadable)}`}
          </p>
          <div class="row">
            <button
              type="button"
              disabled={data.pulses.length === 0}
              aria-describedby={data.pulses.length === 0 ? 'export-nothing' : undefined}
              onClick={() =>
                void run('options_exportFailed', async () =>
                  downloadText(`culture-pulse-${today()}.json`, await exportJson(), 'application/json'),
                )
              }
            >
              {t('options_exportJson')}
            </button>
            <button
              type="button"
              disabled={data.pulses.length === 0}
              aria-describedby={data.pulses.length === 0 ? 'export-nothing' : undefined}
              onClick={() =>
                void run('options_exportFailed', async () =>
                  downloadText(`culture-pulse-${today()}.csv`, await exportCsv(), 'text/csv;charset=utf-8'),
                )
              }
            >
              {t('options_exportCsv')}
            </button>
            {data.pulses.length === 0 && (
              <span id="export-nothing" class="small muted">
                {t('options_exportNothing')}
              </span>
            )}
          </div>
          <p class="small muted">{t('options_uninstallWarning')}</p>
          <div class="file-input">
            <label for="import-file">{t('options_importLabel')}</label>
            <input
              id="import-file"
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              aria-describedby="import-help"
              onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            />
            <span id="import-help" class="small muted">
              {t('options_importHelp')}
            </span>
          </div>
          <h3 class="subheading">{t('options_deleteHeading')}</h3>
          <ConfirmAction
            id="delete"
            label={t('options_deleteButton')}
            title={t('options_deleteTitle')}
            cancel={t('cancel')}
            confirm={t('options_deleteConfirm')}
            onConfirm={() => void run('options_deleteFailed', deleteEverything)}
          >
            {t('options_deleteExplained')}
          </ConfirmAction>
          <h3 class="subheading">{t('options_historyHeading')}</h3>
          {data.pulses.length === 0 ? (
            <EmptyState>{t('options_historyEmpty')}</EmptyState>
          ) : (
            <HistoryTable pulses={data.pulses} caption={t('options_historyCaption')} />
          )}
        </>
      )}
    </section>
  );
}
