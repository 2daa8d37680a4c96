/**
 * The manager's trends page, read in seconds: a headline saying which week the figures describe,
 * how many responded and when the next come; each theme's latest % favourable with its change and
 * its chart over the last 8 weeks (the long view one click away), notes marked where written;
 * every statement in a sortable table, lowest first; the figures as a table and a CSV; the notes.
 * Hidden weeks say "fewer than k responses" and are hatched, never a number.
 */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { toCsv } from '../core/csv';
import { latestFigures } from '../core/latest-figures';
import { THEMES } from '../core/questions';
import { releasedTrendWeeks } from '../core/team-weeks';
import { TREND_CSV_HEADER, type TrendRow, trendCsvRow, trendRows } from '../core/trends';
import type { WeekId } from '../core/week';
import { t } from '../platform/i18n';
import { downloadText } from '../ui/download';
import { tWith } from '../ui/rich-text';
import { EmptyState, ErrorNotice, Loading } from '../ui/Status';
import { dayMonth } from '../ui/week-label';
import { ConnectForm } from './ConnectForm';
import { themeChart, weekLabels } from './chart-data';
import { Headline } from './Headline';
import { NotesSection } from './NotesSection';
import { whenAllDrawn } from './on-screen';
import { DEFAULT_RANGE, type Range, RangePicker } from './RangePicker';
import { StatementsTable } from './StatementsTable';
import { type StatementRow, statementRows } from './statement-rows';
import { ThemeRow } from './ThemeRow';
import { TrendTable } from './TrendTable';
import { useTrends } from './useTrends';

/** The endpoint's next release moment, when it gave one that reads as a date. */
function nextReleaseDate(at: string | undefined): Date | undefined {
  const date = at === undefined ? undefined : new Date(at);
  return date && Number.isFinite(date.getTime()) ? date : undefined;
}

export function Trends() {
  const { state, connect, reload, disconnect, saveNote, deleteNote } = useTrends();
  const [range, setRange] = useState<Range>(DEFAULT_RANGE);
  const [tableOpen, setTableOpen] = useState(false);
  // The statements table is below the first screen: built once the charts are on it, not before.
  const [firstShown, setFirstShown] = useState(false);

  // Everything drawn is kept while the figures and range stay the same: a chart is redrawn when its
  // props change, so new arrays on every render (the notes arriving, the table opening) redrew them.
  const figures = state.kind === 'ready' ? state.team : undefined;
  const view = useMemo(() => {
    if (!figures) return undefined;
    const all = releasedTrendWeeks(figures.weeks);
    const from = range === 0 ? 0 : Math.max(0, all.length - range);
    const weeks = all.slice(from);
    const first = weeks[0]?.weekId;
    // Each week keeps the k it was released under: a later set-k changes nothing already shown.
    const ks = new Map<string, number>();
    for (const w of figures.weeks) if (w.status === 'released') ks.set(w.weekId, w.k);
    const latest = latestFigures(all);
    // Every row is built only for the table or the CSV (about 7 ms for two years, before the first
    // chart otherwise). Changes are computed over every week, so the first week in range still
    // compares with the one before.
    let rows: TrendRow[] | undefined;
    let statements: StatementRow[] | undefined;
    return {
      weeks,
      weekIds: weeks.map((w) => w.weekId),
      last: all.at(-1),
      kOf: (week: WeekId) => ks.get(week) ?? figures.k,
      rows: () => (rows ??= trendRows(all).filter((r) => first !== undefined && r.weekId >= first)),
      latest,
      labels: weekLabels(weeks),
      charts: THEMES.map((theme) => ({ theme, chart: themeChart(all, from, theme) })),
      statements: () => (statements ??= statementRows(latest.questions, weeks)),
      nextRelease: nextReleaseDate(figures.nextReleaseAt),
    };
  }, [figures, range]);

  // The charts in the viewport are drawn in the same task as their layout effects (on-screen.ts), so
  // the first frame with the figures has them: that frame is when the page is ready. The others are
  // drawn as they are scrolled to; the frame after the last is 'trends-all-charts'. Visible in
  // DevTools' performance panel, read by `npm run bench`.
  useLayoutEffect(() => {
    if (!view) return;
    const frames = [
      requestAnimationFrame(() => {
        performance.mark('trends-ready');
        setFirstShown(true);
      }),
    ];
    const cancel = whenAllDrawn(() => {
      frames.push(requestAnimationFrame(() => performance.mark('trends-all-charts')));
    });
    return () => {
      cancel();
      for (const f of frames) cancelAnimationFrame(f);
    };
  }, [view]);

  if (state.kind === 'loading') return <Loading label={t('trends_loading')} />;
  if (state.kind === 'connect') return <ConnectForm problem={state.problem} onConnect={connect} />;
  if (state.kind === 'failed') {
    const { failure, access } = state;
    return (
      <section aria-labelledby="failed-heading">
        <h2 id="failed-heading">
          {t(
            failure.kind === 'offline'
              ? 'trends_failedOffline'
              : failure.kind === 'refused'
                ? 'trends_failedRefused'
                : 'trends_failedOther',
          )}
        </h2>
        <ErrorNotice>{failure.message}</ErrorNotice>
        <div class="row">
          <button type="button" class="primary" onClick={() => void reload(access)}>
            {t('tryAgain')}
          </button>
          <button type="button" onClick={() => void disconnect(access)}>
            {t('trends_useAnotherCode')}
          </button>
        </div>
      </section>
    );
  }
  if (!view) return null;
  const { access, notes, team } = state;
  const exportCsv = () => {
    const csv = toCsv(
      TREND_CSV_HEADER,
      view.rows().map((r) => trendCsvRow(r, { team: team.name, kind: team.kind ?? 'open' })),
    );
    const from = view.weekIds[0] ?? '';
    const to = view.weekIds.at(-1) ?? '';
    downloadText(`${team.teamId}-trends-${from}-${to}.csv`, csv, 'text/csv;charset=utf-8');
  };
  const notesOf = (theme: string) =>
    new Map(notes.kind === 'loaded' ? notes.notes.filter((n) => n.theme === theme).map((n) => [n.weekId, n.text]) : []);

  return (
    <>
      <div class="spread">
        <div>
          <p id="team-line">
            {tWith('trends_teamLine', <strong>{team.name}</strong>, new URL(access.endpoint).host, team.k)}
          </p>
          {/* An endpoint from before personal teams gives no kind: all its teams were open. */}
          {(team.kind ?? 'open') === 'open' && (
            <p id="open-team" class="notice small">
              {t('trends_openTeam')}
            </p>
          )}
        </div>
        <div class="row">
          <button type="button" onClick={() => void reload(access)}>
            {t('trends_reload')}
          </button>
          <button type="button" onClick={() => void disconnect(access)}>
            {t('trends_disconnect')}
          </button>
        </div>
      </div>
      {!view.last ? (
        <EmptyState>
          {t('trends_noneReleased')}{' '}
          {view.nextRelease ? t('trends_nextRelease', dayMonth(view.nextRelease)) : t('trends_noneYet')}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="themes-heading">
            <div class="spread wrap">
              <div>
                <h2 id="themes-heading">{t('trends_themesHeading')}</h2>
                <Headline
                  week={view.last.weekId}
                  responses={view.last.released.responses}
                  k={view.kOf(view.last.weekId)}
                  nextRelease={view.nextRelease}
                />
              </div>
              <RangePicker value={range} onChange={setRange} />
            </div>
            {view.charts.map(({ theme, chart }) => (
              <ThemeRow
                key={theme}
                theme={theme}
                latest={view.latest.themes.get(theme)}
                lastWeek={view.last?.weekId ?? view.weekIds[0] ?? '2000-W01'}
                kOf={view.kOf}
                weeks={view.weekIds}
                labels={view.labels}
                chart={chart}
                notes={notesOf(theme)}
              />
            ))}
            <p class="small muted chart-key">{t('trends_chartKey', team.k)}</p>
          </section>
          <section aria-labelledby="questions-heading" class="later">
            <h2 id="questions-heading">{t('trends_statementsHeading')}</h2>
            <p class="small muted">{t('trends_statementsIntro')}</p>
            {firstShown && <StatementsTable rows={view.statements()} weeks={view.weekIds} kOf={view.kOf} />}
          </section>
          <section aria-labelledby="table-heading" class="later">
            <div class="spread">
              <h2 id="table-heading">{t('trends_figuresHeading')}</h2>
              <button type="button" class="primary" onClick={exportCsv}>
                {t('trends_exportCsv')}
              </button>
            </div>
            <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
              <summary>{t('trends_showTable')}</summary>
              {/* Built when opened: hundreds of rows would slow every load for those who never look. */}
              {tableOpen && <TrendTable rows={view.rows()} kOf={view.kOf} />}
            </details>
          </section>
        </>
      )}
      <NotesSection
        notes={notes}
        weeks={view.weekIds.toReversed()}
        onSave={(note) => saveNote(access, note)}
        onDelete={(note) => deleteNote(access, note)}
      />
    </>
  );
}
