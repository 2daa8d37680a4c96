/** "My data": see, export, import and delete the engineer's own answers. */
import { useRef } from 'preact/hooks';
import { MAX_IMPORT_BYTES } from '../core/export-file';
import { ConfirmAction } from '../ui/ConfirmAction';
import { downloadText } from '../ui/download';
import { HistoryTable } from '../ui/HistoryTable';
import { EmptyState, ErrorNotice, Loading, SuccessNotice } from '../ui/Status';
import { useMyData } from './useMyData';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function MyDataSection() {
  const { data, outcome, setOutcome, exportJson, exportCsv, importText, deleteEverything } = useMyData();
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (label: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      setOutcome({
        kind: 'error',
        message: `${label} failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setOutcome({
        kind: 'error',
        message: 'This file is too large to be a Culture Pulse export (over 5 MB). Nothing was changed.',
      });
    } else {
      await importText(await file.text());
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <section aria-labelledby="data-heading">
      <h2 id="data-heading">My data</h2>
      <p>
        Your answers and comments live only in this browser. Nothing is sent anywhere unless your team sets up sharing,
        and comments never leave this device.
      </p>
      <div aria-live="polite">
        {outcome?.kind === 'success' && <SuccessNotice>{outcome.message}</SuccessNotice>}
        {outcome?.kind === 'error' && <ErrorNotice>{outcome.message}</ErrorNotice>}
      </div>
      {data.kind === 'loading' && <Loading label="Loading your answers…" />}
      {data.kind === 'failed' && <ErrorNotice>Could not read your answers: {data.message}</ErrorNotice>}
      {data.kind === 'ready' && (
        <>
          <p id="data-summary">
            {data.pulses.length === 0
              ? 'No answers stored yet.'
              : `${data.pulses.length} ${data.pulses.length === 1 ? 'week' : 'weeks'} stored, from ${data.pulses.at(-1)?.weekId} to ${data.pulses[0]?.weekId}.`}
            {data.unreadable > 0 &&
              ` ${data.unreadable} stored record(s) could not be read; they are kept and included in the JSON export.`}
          </p>
          <div class="row">
            <button
              type="button"
              onClick={() =>
                void run('Export', async () =>
                  downloadText(`culture-pulse-${today()}.json`, await exportJson(), 'application/json'),
                )
              }
            >
              Export as JSON
            </button>
            <button
              type="button"
              onClick={() =>
                void run('Export', async () =>
                  downloadText(`culture-pulse-${today()}.csv`, await exportCsv(), 'text/csv;charset=utf-8'),
                )
              }
            >
              Export as CSV
            </button>
          </div>
          <p class="small muted">
            Uninstalling Culture Pulse deletes your answers from this browser. Export them first to keep them.
          </p>
          <div class="file-input">
            <label for="import-file">Import a JSON export</label>
            <input
              id="import-file"
              ref={fileInput}
              type="file"
              accept="application/json,.json"
              aria-describedby="import-help"
              onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            />
            <span id="import-help" class="small muted">
              Weeks are merged: a week you already have keeps whichever version is newer. A damaged file changes
              nothing.
            </span>
          </div>
          <h3 class="subheading">Delete</h3>
          <ConfirmAction
            id="delete"
            label="Delete all my answers…"
            title="Delete all your answers?"
            cancel="Cancel"
            confirm="Delete everything"
            onConfirm={() => void run('Delete', deleteEverything)}
          >
            This removes every week’s answers and comments from this browser. It cannot be undone. Export them first to
            keep a copy.
          </ConfirmAction>
          <h3 class="subheading">My history</h3>
          {data.pulses.length === 0 ? (
            <EmptyState>No weeks answered yet. Open the pulse from the toolbar icon to answer this week’s.</EmptyState>
          ) : (
            <HistoryTable
              pulses={data.pulses}
              caption="Your average per theme each week (1 = strongly disagree, 5 = strongly agree)"
            />
          )}
        </>
      )}
    </section>
  );
}
