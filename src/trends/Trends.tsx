/**
 * The manager's trends page: the team's released weeks in a chosen range, as lines per theme
 * (% favourable and mean), per question, and responses per week, with the change from the
 * previous week; the same figures as a table and as a CSV; and the team's notes. Hidden weeks say
 * "fewer than k responses" and are gaps in the lines, never a number.
 */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { toCsv } from '../core/csv';
import { THEMES } from '../core/questions';
import { releasedTrendWeeks } from '../core/team-weeks';
import { latestThemeRows, TREND_CSV_HEADER, type TrendRow, trendCsvRow, trendRows } from '../core/trends';
import { formatDate, formatNumber, type MessageKey, t } from '../platform/i18n';
import { downloadText } from '../ui/download';
import { themeLabel } from '../ui/labels';
import { tWith } from '../ui/rich-text';
import { EmptyState, ErrorNotice, Loading } from '../ui/Status';
import { ConnectForm } from './ConnectForm';
import {
  describeLatest,
  percent,
  plain,
  questionSeries,
  responsesCount,
  responsesSeries,
  themeSeries,
  weekStarts,
} from './chart-data';
import { NotesSection } from './NotesSection';
import { whenAllDrawn } from './on-screen';
import { TrendChart } from './TrendChart';
import { TrendTable } from './TrendTable';
import { useTrends } from './useTrends';

const RANGES: Record<12 | 26 | 52 | 0, MessageKey> = {
  12: 'trends_range12',
  26: 'trends_range26',
  52: 'trends_range52',
  0: 'trends_rangeAll',
};
type Range = keyof typeof RANGES;

const PERCENT_RANGE: [number, number] = [0, 100];
const MEAN_RANGE: [number, number] = [1, 5];

function signed(n: number | null): string {
  if (n === null) return t('trends_noEarlier');
  return t('trends_change', `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatNumber(Math.abs(n))}`);
}

/** The endpoint's next release moment, when it gave one that reads as a date. */
function nextReleaseDate(at: string | undefined): Date | undefined {
  const date = at === undefined ? undefined : new Date(at);
  return date && Number.isFinite(date.getTime()) ? date : undefined;
}

export function Trends() {
  const { state, connect, reload, disconnect, saveNote, deleteNote } = useTrends();
  const [range, setRange] = useState<Range>(52);
  const [tableOpen, setTableOpen] = useState(false);

  // Everything drawn is kept while the figures and range stay the same: a chart is redrawn when its
  // props change, so new arrays on every render (the notes arriving, the table opening) redrew all six.
  const figures = state.kind === 'ready' ? state.team : undefined;
  const view = useMemo(() => {
    if (!figures) return undefined;
    const all = releasedTrendWeeks(figures.weeks);
    const weeks = range === 0 ? all : all.slice(-range);
    const first = weeks[0]?.weekId;
    // Every row is built only for the table or the CSV (about 7 ms for two years, before the first
    // chart otherwise). Changes are computed over every week, so the first week in range still
    // compares with the one before.
    let rows: TrendRow[] | undefined;
    const responses = responsesSeries(weeks);
    return {
      weeks,
      rows: () => (rows ??= trendRows(all).filter((r) => first !== undefined && r.weekId >= first)),
      latest: latestThemeRows(weeks.length > 0 ? all : []),
      x: weekStarts(weeks),
      nextRelease: nextReleaseDate(figures.nextReleaseAt),
      favourable: themeSeries(weeks, 'favourablePct'),
      means: themeSeries(weeks, 'mean'),
      responses,
      responsesRange: [0, Math.max(figures.k, ...(responses[0]?.values ?? []).map((v) => v ?? 0)) + 2] as [
        number,
        number,
      ],
      statements: THEMES.map((theme) => ({ theme, series: questionSeries(weeks, theme) })).filter(
        (s) => s.series.length > 0,
      ),
    };
  }, [figures, range]);

  // The charts in the viewport are drawn in the same task as their layout effects (on-screen.ts), so
  // the first frame with the figures has them: that frame is when the page is ready. The others are
  // drawn as they are scrolled to; the frame after the last is 'trends-all-charts'. Visible in
  // DevTools' performance panel, read by `npm run bench`.
  useLayoutEffect(() => {
    if (!view) return;
    const frames = [requestAnimationFrame(() => performance.mark('trends-ready'))];
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
  const { latest, favourable, means, responses } = view;
  const exportCsv = () => {
    const csv = toCsv(
      TREND_CSV_HEADER,
      view.rows().map((r) => trendCsvRow(r, { team: team.name })),
    );
    const from = view.weeks[0]?.weekId ?? '';
    const to = view.weeks.at(-1)?.weekId ?? '';
    downloadText(`${team.teamId}-trends-${from}-${to}.csv`, csv, 'text/csv;charset=utf-8');
  };

  return (
    <>
      <div class="spread">
        <p id="team-line">
          {tWith('trends_teamLine', <strong>{team.name}</strong>, new URL(access.endpoint).host, team.k)}
        </p>
        <div class="row">
          <button type="button" onClick={() => void reload(access)}>
            {t('trends_reload')}
          </button>
          <button type="button" onClick={() => void disconnect(access)}>
            {t('trends_disconnect')}
          </button>
        </div>
      </div>
      <div class="field inline">
        <label for="range">{t('trends_range')}</label>
        <select id="range" value={String(range)} onChange={(e) => setRange(Number(e.currentTarget.value) as Range)}>
          {Object.entries(RANGES).map(([value, label]) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </select>
      </div>
      {view.weeks.length === 0 ? (
        <EmptyState>
          {t('trends_noneReleased')}{' '}
          {view.nextRelease ? t('trends_nextRelease', formatDate(view.nextRelease)) : t('trends_noneYet')}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="themes-heading">
            <h2 id="themes-heading">{t('trends_themesHeading')}</h2>
            <ul class="latest" aria-label={t('trends_latestLabel', view.weeks.at(-1)?.weekId ?? '')}>
              {latest.map((r) => (
                <li key={r.theme}>
                  <span class="theme-name">{themeLabel(r.theme)}</span>{' '}
                  {r.cell.suppressed ? (
                    <span>{t('trends_hidden', team.k)}</span>
                  ) : (
                    <>
                      <span class="big">{t('trends_favourable', r.cell.favourablePct)}</span>{' '}
                      <span class="small muted">
                        {t('trends_meanAndChange', formatNumber(r.cell.mean, 2), signed(r.change))}
                      </span>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <TrendChart
              title={t('trends_chartFavourable')}
              x={view.x}
              series={favourable}
              range={PERCENT_RANGE}
              format={percent}
              summary={describeLatest(favourable, percent)}
            />
            <TrendChart
              title={t('trends_chartMean')}
              x={view.x}
              series={means}
              range={MEAN_RANGE}
              format={plain}
              summary={describeLatest(means, plain)}
            />
            <TrendChart
              title={t('trends_chartResponses')}
              x={view.x}
              series={responses}
              range={view.responsesRange}
              format={plain}
              summary={describeLatest(responses, responsesCount)}
            />
          </section>
          <section aria-labelledby="questions-heading" class="later">
            <h2 id="questions-heading">{t('trends_statementsHeading')}</h2>
            <p class="small muted">{t('trends_statementsIntro')}</p>
            {view.statements.map(({ theme, series }) => (
              <TrendChart
                key={theme}
                title={t('trends_chartStatements', themeLabel(theme))}
                x={view.x}
                series={series}
                range={PERCENT_RANGE}
                format={percent}
                summary={describeLatest(series, percent)}
              />
            ))}
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
              {tableOpen && <TrendTable rows={view.rows()} k={team.k} />}
            </details>
          </section>
        </>
      )}
      <NotesSection
        notes={notes}
        weeks={view.weeks.map((w) => w.weekId).reverse()}
        onSave={(note) => saveNote(access, note)}
        onDelete={(note) => deleteNote(access, note)}
      />
    </>
  );
}
