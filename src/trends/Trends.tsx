/**
 * The manager's trends page: the team's released weeks in a chosen range, as lines per theme
 * (% favourable and mean), per question, and responses per week, with the change from the
 * previous week; the same figures as a table and as a CSV; and the team's notes. Hidden weeks say
 * "fewer than k responses" and are gaps in the lines, never a number.
 */
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { toCsv } from '../core/csv';
import { THEME_LABELS, THEMES } from '../core/questions';
import { releasedTrendWeeks } from '../core/team-weeks';
import { TREND_CSV_HEADER, trendCsvRow, trendRows } from '../core/trends';
import { downloadText } from '../ui/download';
import { EmptyState, ErrorNotice, Loading } from '../ui/Status';
import { ConnectForm } from './ConnectForm';
import { describeLatest, questionSeries, responsesSeries, themeSeries, weekStarts } from './chart-data';
import { NotesSection } from './NotesSection';
import { whenAllDrawn } from './on-screen';
import { TrendChart } from './TrendChart';
import { TrendTable } from './TrendTable';
import { useTrends } from './useTrends';

const RANGES = { 12: 'Last 12 weeks', 26: 'Last 26 weeks', 52: 'Last 52 weeks', 0: 'All weeks' } as const;
type Range = keyof typeof RANGES;

function signed(n: number | null): string {
  if (n === null) return 'no earlier week to compare';
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n)} points since it was last shown`;
}

export function Trends() {
  const { state, connect, reload, disconnect, saveNote, deleteNote } = useTrends();
  const [range, setRange] = useState<Range>(52);
  const [tableOpen, setTableOpen] = useState(false);

  const view = useMemo(() => {
    if (state.kind !== 'ready') return undefined;
    const all = releasedTrendWeeks(state.team.weeks);
    const weeks = range === 0 ? all : all.slice(-range);
    // Changes are computed over every week, so the first week in range still compares with the one before.
    const first = weeks[0]?.weekId;
    const rows = trendRows(all).filter((r) => first !== undefined && r.weekId >= first);
    const collecting = state.team.weeks.filter((w) => w.status === 'collecting').length;
    return { weeks, rows, x: weekStarts(weeks), collecting };
  }, [state, range]);

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

  if (state.kind === 'loading') return <Loading label="Loading your team’s trends…" />;
  if (state.kind === 'connect') return <ConnectForm problem={state.problem} onConnect={connect} />;
  if (state.kind === 'failed') {
    const { failure, access } = state;
    return (
      <section aria-labelledby="failed-heading">
        <h2 id="failed-heading">
          {failure.kind === 'offline'
            ? 'Offline'
            : failure.kind === 'refused'
              ? 'The manager code was refused'
              : 'The trends could not be loaded'}
        </h2>
        <ErrorNotice>{failure.message}</ErrorNotice>
        <div class="row">
          <button type="button" class="primary" onClick={() => void reload(access)}>
            Try again
          </button>
          <button type="button" onClick={() => void disconnect(access)}>
            Use another manager code
          </button>
        </div>
      </section>
    );
  }
  if (!view) return null;
  const { team, access, notes } = state;
  const latest = view.rows.filter((r) => r.weekId === view.weeks.at(-1)?.weekId && r.questionId === null);
  const favourable = themeSeries(view.weeks, 'favourablePct');
  const means = themeSeries(view.weeks, 'mean');
  const responses = responsesSeries(view.weeks);
  const exportCsv = () => {
    const csv = toCsv(
      TREND_CSV_HEADER,
      view.rows.map((r) => trendCsvRow(r, { team: team.name })),
    );
    const from = view.weeks[0]?.weekId ?? '';
    const to = view.weeks.at(-1)?.weekId ?? '';
    downloadText(`${team.teamId}-trends-${from}-${to}.csv`, csv, 'text/csv;charset=utf-8');
  };

  return (
    <>
      <div class="spread">
        <p id="team-line">
          <strong>{team.name}</strong> at {new URL(access.endpoint).host}. Nothing is shown for fewer than {team.k}{' '}
          responses.
        </p>
        <div class="row">
          <button type="button" onClick={() => void reload(access)}>
            Reload
          </button>
          <button type="button" onClick={() => void disconnect(access)}>
            Disconnect
          </button>
        </div>
      </div>
      <div class="field inline">
        <label for="range">Weeks</label>
        <select id="range" value={String(range)} onChange={(e) => setRange(Number(e.currentTarget.value) as Range)}>
          {Object.entries(RANGES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {view.weeks.length === 0 ? (
        <EmptyState>
          No week’s figures are released yet.{' '}
          {view.collecting > 0
            ? `${view.collecting} week(s) are still collecting answers; figures appear once a week’s collection window closes.`
            : 'Once engineers join with the invite and a week closes, its figures appear here about a week later.'}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="themes-heading">
            <h2 id="themes-heading">Themes</h2>
            <ul class="latest" aria-label={`Week ${view.weeks.at(-1)?.weekId}`}>
              {latest.map((r) => (
                <li key={r.theme}>
                  <span class="theme-name">{THEME_LABELS[r.theme]}</span>{' '}
                  {r.cell.suppressed ? (
                    <span>fewer than {team.k} responses</span>
                  ) : (
                    <>
                      <span class="big">{r.cell.favourablePct}% favourable</span>{' '}
                      <span class="small muted">
                        mean {r.cell.mean.toFixed(2)}; {signed(r.change)}
                      </span>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <TrendChart
              title="% favourable by theme"
              x={view.x}
              series={favourable}
              range={[0, 100]}
              unit="%"
              summary={describeLatest(favourable, '%')}
            />
            <TrendChart
              title="Mean by theme (1 = strongly disagree, 5 = strongly agree)"
              x={view.x}
              series={means}
              range={[1, 5]}
              summary={describeLatest(means, '')}
            />
            <TrendChart
              title="Responses per week"
              x={view.x}
              series={responses}
              range={[0, Math.max(team.k, ...(responses[0]?.values ?? []).map((v) => v ?? 0)) + 2]}
              summary={describeLatest(responses, ' responses')}
            />
          </section>
          <section aria-labelledby="questions-heading" class="later">
            <h2 id="questions-heading">Statements</h2>
            <p class="small muted">Statements rotate, so each appears every few weeks: points, not a daily line.</p>
            {THEMES.map((theme) => {
              const series = questionSeries(view.weeks, theme);
              return series.length === 0 ? null : (
                <TrendChart
                  key={theme}
                  title={`${THEME_LABELS[theme]}: % favourable per statement`}
                  x={view.x}
                  series={series}
                  range={[0, 100]}
                  unit="%"
                  summary={describeLatest(series, '%')}
                />
              );
            })}
          </section>
          <section aria-labelledby="table-heading" class="later">
            <div class="spread">
              <h2 id="table-heading">Figures</h2>
              <button type="button" class="primary" onClick={exportCsv}>
                Export CSV
              </button>
            </div>
            <details onToggle={(e) => setTableOpen(e.currentTarget.open)}>
              <summary>Show the figures as a table ({view.rows.length} rows)</summary>
              {/* Built when opened: hundreds of rows would slow every load for those who never look. */}
              {tableOpen && <TrendTable rows={view.rows} k={team.k} />}
            </details>
          </section>
        </>
      )}
      {state.notesProblem && <ErrorNotice>{state.notesProblem}</ErrorNotice>}
      <NotesSection
        notes={notes}
        weeks={view.weeks.map((w) => w.weekId).reverse()}
        onSave={(note) => saveNote(access, note)}
        onDelete={(note) => deleteNote(access, note)}
      />
    </>
  );
}
