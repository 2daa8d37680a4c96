/**
 * What a manager does on the trends page, written once for Chromium and Firefox: read the
 * headline, move through a chart's weeks by keyboard and read its tooltips, switch to the long
 * view, find the note markers and the hidden weeks, and sort the statements table by keyboard.
 * Expectations come from the endpoint's own answer, not from numbers copied into the test.
 */
import { expect } from 'vitest';
import { type TeamWeeks, teamWeeksSchema } from '../../src/core/team-weeks';
import type { WeekId } from '../../src/core/week';
import type { UserPage } from './steps';

export interface Expected {
  /** Released weeks, oldest first. */
  readonly weeks: readonly WeekId[];
  readonly team: TeamWeeks;
}

export async function expectedFrom(response: Response): Promise<Expected> {
  const team = teamWeeksSchema.parse(await response.json());
  const weeks = team.weeks
    .filter((w) => w.status === 'released')
    .map((w) => w.weekId)
    .sort();
  return { weeks, team };
}

const weekNo = (id: WeekId) => Number(id.slice(6));
/** "Week of Nov 16 (W47)" in English (the tests' Chromium and Firefox write en-US dates). */
const WEEK_OF = /^Week of [A-Z][a-z]{2} \d{1,2}(, \d{4})? \(W(\d{1,2})\)$/;

/** The headline names the latest released week, its responses and the next release, in words. */
export async function readsHeadline(page: UserPage, { team, weeks }: Expected): Promise<void> {
  const last = weeks.at(-1) as WeekId;
  const week = team.weeks.find((w) => w.weekId === last);
  const responses = week?.status === 'released' ? week.responses : null;
  const headline = await page.text('#headline');
  const [weekPart, responsesPart, nextPart] = headline.split(' · ');
  expect(weekPart).toMatch(WEEK_OF);
  expect(WEEK_OF.exec(weekPart ?? '')?.[2]).toBe(String(weekNo(last)));
  expect(responsesPart).toBe(responses === null ? `fewer than ${team.k} responses` : `${responses} responses`);
  expect(nextPart).toMatch(/^next figures about [A-Z][a-z]{2} \d{1,2}$/);
  // Each theme: a large % favourable and a chip with an arrow, the signed change and the week compared with.
  const chips = await page.evaluate(
    () => [...document.querySelectorAll('.theme-figures .chip')].map((c) => c.textContent ?? ''),
    undefined,
  );
  expect(chips.length).toBeGreaterThan(0);
  for (const chip of chips)
    expect(chip).toMatch(/^(▲(up)?\+\d+|▼(down)?−\d+|▶(unchanged)?±0) pts vs W\d+$|^first shown$/);
}

/** Focuses the chart of `theme`, then presses `keys`; returns the tooltip's lines. */
export async function tooltipAfter(page: UserPage, theme: string, keys: readonly string[]): Promise<string[]> {
  await page.evaluate((t) => {
    (document.querySelector(`figure[data-theme=${t}] .chart-box`) as HTMLElement | null)?.focus();
  }, theme);
  for (const key of keys) await page.press(key);
  return page.evaluate(
    (t) => [...document.querySelectorAll(`figure[data-theme=${t}] .chart-tip > *`)].map((e) => e.textContent ?? ''),
    theme,
  );
}

/** Reads the week a tooltip names as its ISO week number. */
function tipWeek(lines: readonly string[]): number {
  const match = WEEK_OF.exec(lines[0] ?? '');
  expect(match, lines.join(' | ')).not.toBeNull();
  return Number(match?.[2]);
}

/** The last 8 weeks by default, each read by keyboard with words (never a clock time); the long view one step away. */
export async function showsRecentThenLongView({ page, weeks, team }: Expected & { page: UserPage }): Promise<void> {
  const checked = () =>
    page.evaluate(() => document.querySelector<HTMLInputElement>('input[name=range]:checked')?.value, undefined);
  expect(await checked()).toBe('8');
  const latest = await tooltipAfter(page, 'impact', []);
  expect(tipWeek(latest)).toBe(weekNo(weeks.at(-1) as WeekId));
  expect(latest.join(' ')).not.toMatch(/\d{1,2}:\d{2}|NaN|undefined|null/);
  expect(latest.slice(1).join(' ')).toMatch(
    /^\d+% favourable trend \d+(\.\d)?% \d+ responses|^fewer than \d+ responses/,
  );
  const oldest = await tooltipAfter(page, 'impact', ['Home']);
  expect(tipWeek(oldest)).toBe(weekNo(weeks.at(-8) as WeekId));
  // Hover-free and keyboard-only: the live region says what the tooltip shows.
  expect(await page.text('figure[data-theme=impact] [aria-live]')).toBe(oldest.join('. '));

  // The long view: from the checked radio, arrows move to "All" as on any radio group.
  await page.evaluate(() => document.querySelector<HTMLInputElement>('input[name=range]:checked')?.focus(), undefined);
  for (let i = 0; i < 3; i++) await page.press('ArrowRight');
  await expect.poll(checked).toBe('0');
  const first = await tooltipAfter(page, 'impact', ['Home']);
  expect(tipWeek(first)).toBe(weekNo(weeks[0] as WeekId));

  // Weeks below k are hatched and say so; a week not asked is not hatched.
  const hiddenWeeks = team.weeks.filter((w) => w.status === 'released' && w.suppressed).map((w) => w.weekId);
  expect(hiddenWeeks.length).toBeGreaterThan(0);
  const hatched = await page.evaluate(
    () => document.querySelectorAll('figure[data-theme=impact] .hidden-week').length,
    undefined,
  );
  expect(hatched).toBeGreaterThanOrEqual(hiddenWeeks.length);
  const at = weeks.indexOf(hiddenWeeks[0] as WeekId);
  const lines = await tooltipAfter(page, 'impact', ['Home', ...Array<string>(at).fill('ArrowRight')]);
  expect(lines).toEqual([expect.stringMatching(WEEK_OF), `fewer than ${team.k} responses`]);
}

/** A note shows as a marker on its theme's chart, at its week, and in that week's tooltip. */
export async function marksNotes(
  page: UserPage,
  { weeks, note }: { weeks: readonly WeekId[]; note: { weekId: WeekId; theme: string; text: string } },
): Promise<void> {
  const index = weeks.slice(-8).indexOf(note.weekId);
  expect(index).toBeGreaterThanOrEqual(0);
  await page.waitFor(`figure[data-theme=${note.theme}] .note-marker`);
  const markers = await page.evaluate(
    (t) =>
      [...document.querySelectorAll<HTMLElement>(`figure[data-theme=${t}] .note-marker`)].map((m) => ({
        index: Number(m.dataset.index),
        left: m.getBoundingClientRect().left,
      })),
    note.theme,
  );
  expect(markers.map((m) => m.index)).toEqual([index]);
  const lines = await tooltipAfter(page, note.theme, ['Home', ...Array<string>(index).fill('ArrowRight')]);
  expect(tipWeek(lines)).toBe(weekNo(note.weekId));
  expect(lines.at(-1)).toBe(`Note: ${note.text.length > 90 ? `${note.text.slice(0, 89).trimEnd()}…` : note.text}`);
  // The marker stands where the tooltip's week is: the tooltip starts 12 px beside that point.
  const tip = await page.evaluate((t) => {
    const el = document.querySelector<HTMLElement>(`figure[data-theme=${t}] .chart-tip`);
    const box = el?.getBoundingClientRect();
    return { left: box?.left ?? 0, right: box?.right ?? 0, flip: el?.classList.contains('flip') ?? false };
  }, note.theme);
  const marker = markers[0]?.left ?? 0;
  expect(Math.abs((tip.flip ? tip.right + 12 : tip.left - 12) - marker)).toBeLessThan(3);
}

/** The statements table: lowest first by default, and any column sorted by keyboard, with aria-sort. */
export async function sortsStatementsByKeyboard(page: UserPage): Promise<void> {
  const state = () =>
    page.evaluate(() => {
      const sorted = [...document.querySelectorAll('table.statements thead th[aria-sort]')];
      return {
        sorted: sorted.map((th) => `${th.textContent?.replace(/[▲▼⇅]/g, '').trim()}:${th.getAttribute('aria-sort')}`),
        latest: [...document.querySelectorAll('table.statements tbody td.latest')].map((td) => td.textContent ?? ''),
        names: [...document.querySelectorAll('table.statements tbody .statement-name')].map(
          (name) => name.lastChild?.textContent ?? '',
        ),
        focused: document.activeElement?.textContent?.replace(/[▲▼⇅]/g, '').trim(),
      };
    }, undefined);
  const numbers = (xs: readonly string[]) => xs.filter((x) => /^\d+%$/.test(x)).map((x) => Number.parseInt(x, 10));
  let now = await state();
  expect(now.sorted).toEqual(['Latest % favourable:ascending']);
  expect(now.names.length).toBeGreaterThanOrEqual(10);
  const ascending = numbers(now.latest);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  // Hidden figures go last, never posing as the lowest.
  const firstHidden = now.latest.findIndex((x) => !/^\d+%$/.test(x));
  if (firstHidden >= 0) expect(now.latest.slice(firstHidden).every((x) => !/^\d+%$/.test(x))).toBe(true);

  await page.evaluate(
    () => document.querySelector<HTMLButtonElement>('table.statements thead button')?.focus(),
    undefined,
  );
  await page.press('Enter');
  now = await state();
  expect(now.sorted).toEqual(['Statement:ascending']);
  expect(now.names).toEqual([...now.names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  await page.press(' '); // Space, as both drivers name it
  expect((await state()).sorted).toEqual(['Statement:descending']);
  // Tab reaches the next column's header, and Enter sorts by it.
  await page.press('Tab');
  expect((await state()).focused).toBe('Latest % favourable');
  await page.press('Enter');
  now = await state();
  expect(now.sorted).toEqual(['Latest % favourable:ascending']);
  await page.press('Enter');
  now = await state();
  expect(now.sorted).toEqual(['Latest % favourable:descending']);
  const descending = numbers(now.latest);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
}

/** What the dark scheme paints (src/ui/styles.css, src/ui/figures.css): the paper, and a note marker's line. */
export const DARK_SCHEME = { paper: 'rgb(22, 25, 30)', marker: 'rgb(195, 202, 212)' } as const;

/** The chart colours that carry meaning (lines, axis words, markers, gaps), unlike grid and hatching. */
const MEANINGFUL = ['impact', 'choice', 'improvement', 'axis', 'marker', 'gap'].map((name) => `--chart-${name}`);

/** WCAG's relative luminance of "rgb(r, g, b)" or "#rrggbb". */
function luminance(color: string): number {
  const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(color.trim());
  const parts = hex ? hex.slice(1).map((h) => Number.parseInt(h, 16)) : (color.match(/\d+/g) ?? []).map(Number);
  expect(parts.length, color).toBeGreaterThanOrEqual(3);
  const [r = 0, g = 0, b = 0] = parts.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/**
 * The page, loaded in the dark scheme, is drawn in its colours: its paper, and the charts drawn
 * again from the scheme's variables (a note marker stands for the lines, hatching and markers).
 * axe cannot see into a canvas, so the chart colours that carry meaning are measured here against
 * the paper: at least 3:1, as WCAG asks of graphics (1.4.11).
 */
export async function drawnInDarkScheme(page: UserPage): Promise<void> {
  await page.waitFor('figure.chart .chart-layer .note-marker');
  const drawn = await page.evaluate((names) => {
    const chart = getComputedStyle(document.querySelector('figure.chart') as Element);
    return {
      paper: getComputedStyle(document.documentElement).backgroundColor,
      marker: getComputedStyle(document.querySelector('.note-marker') as Element).borderLeftColor,
      chart: names.map((name) => [name, chart.getPropertyValue(name)] as const),
    };
  }, MEANINGFUL);
  expect({ paper: drawn.paper, marker: drawn.marker }).toEqual(DARK_SCHEME);
  const weak = drawn.chart.filter(([, color]) => contrast(color, drawn.paper) < 3).map(([name]) => name);
  expect(weak).toEqual([]);
}
