/** The engineer's own stored answers, for the options page: list, export, import, delete. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { buildExportFile, parseExportText, planMerge } from '../core/export-file';
import { myHistoryCsv } from '../core/history-csv';
import type { PulseRecord } from '../core/schemas';
import { weekIdOf } from '../core/week';
import { describeError, describeImportRefusal } from '../platform/describe-error';
import { t, tCount } from '../platform/i18n';
import { sendMessage } from '../platform/messages';
import { withPulseDb } from '../storage/db';
import { dropDrafts } from '../storage/drafts';
import { deleteAllPulses, listPulses, listUnreadable, writeImport } from '../storage/pulses';
import { pageClock } from '../ui/page-clock';

/** The extension's time, once the page has read its clock (ui/page-clock). */
async function now(): Promise<Date> {
  await pageClock.settle();
  return pageClock.now();
}

export type MyData =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; pulses: PulseRecord[]; unreadable: number };

export type Outcome = { kind: 'success' | 'error'; message: string } | undefined;

export function useMyData() {
  const [data, setData] = useState<MyData>({ kind: 'loading' });
  const [outcome, setOutcome] = useState<Outcome>(undefined);

  const refresh = useCallback(async () => {
    try {
      const at = await now();
      const result = await withPulseDb(async (db) => {
        const pulses = await listPulses(db, at);
        const unreadable = await listUnreadable(db);
        return { pulses: pulses.value, unreadable: unreadable.length };
      });
      setData({ kind: 'ready', ...result });
    } catch (error) {
      setData({ kind: 'failed', message: describeError(error) });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const exportJson = useCallback(async (): Promise<string> => {
    const at = await now();
    return withPulseDb(async (db) => {
      const pulses = await listPulses(db, at);
      const unreadable = await listUnreadable(db);
      return JSON.stringify(buildExportFile(pulses.value, unreadable, at), null, 2);
    });
  }, []);

  const exportCsv = useCallback(async (): Promise<string> => {
    const at = await now();
    return withPulseDb(async (db) => myHistoryCsv((await listPulses(db, at)).value));
  }, []);

  const importText = useCallback(
    async (text: string) => {
      const parsed = parseExportText(text);
      if (!parsed.ok) {
        setOutcome({ kind: 'error', message: `${describeImportRefusal(parsed)}\n${t('options_importUnchanged')}` });
        return;
      }
      try {
        const at = await now();
        const plan = await withPulseDb((db) =>
          writeImport(db, (existing) => planMerge(existing, parsed.file.pulses, at), at),
        );
        setOutcome({
          kind: 'success',
          message: tCount('options_imported', plan.added, plan.updated, plan.unchanged),
        });
        sendMessage('pulse-changed', { weekId: weekIdOf(at) }).catch(() => {});
      } catch (error) {
        setOutcome({ kind: 'error', message: t('options_importFailed', describeError(error)) });
      }
      await refresh();
    },
    [refresh],
  );

  const deleteEverything = useCallback(async () => {
    try {
      await withPulseDb(deleteAllPulses);
      // The popup's unsaved-answer and comment copies too, or its next open would bring them back.
      dropDrafts();
      setOutcome({ kind: 'success', message: t('options_deleted') });
      sendMessage('pulse-changed', { weekId: weekIdOf(pageClock.now()) }).catch(() => {});
    } catch (error) {
      setOutcome({ kind: 'error', message: t('options_deleteFailed', describeError(error)) });
    }
    await refresh();
  }, [refresh]);

  return { data, outcome, setOutcome, exportJson, exportCsv, importText, deleteEverything };
}
