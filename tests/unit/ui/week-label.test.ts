import { describe, expect, it } from 'vitest';
import { dayMonth, weekDay, weekDayOf, weekNumber, weekOf, weekRange, weekShort } from '../../../src/ui/week-label';
import { fakeBrowser } from '../fake-browser';

describe('week labels', () => {
  // The fake browser's UI language is plain "en", which Intl writes as American English.
  it('name a week by its Monday and its ISO number, never a clock time', () => {
    expect(weekNumber('2026-W05')).toBe(5);
    expect(weekOf('2026-W45', 2026)).toBe('Week of Nov 2 (W45)');
    expect(weekDay('2026-W47')).toBe('Nov 16');
    expect(weekShort('2026-W46')).toBe('W46');
    expect(dayMonth(new Date(2026, 11, 7, 13, 45))).toBe('Dec 7');
  });

  it('say the year for a week of another year', () => {
    expect(weekOf('2025-W45', 2026)).toBe('Week of Nov 3, 2025 (W45)');
    // The ISO week-year, not the Monday's calendar year, decides the number: 2026-W01 starts in 2025.
    expect(weekOf('2026-W01', 2026)).toBe('Week of Dec 29, 2025 (W1)');
  });

  it('name this week from its Monday to its Sunday, across a month and a year', () => {
    // Intl puts thin spaces around the dash: compared as plain spaces.
    const plain = (text: string) => text.replace(/\s/g, ' ');
    expect(plain(weekRange('2026-W49'))).toBe('Nov 30 – Dec 6');
    expect(plain(weekRange('2026-W48'))).toBe('Nov 23 – 29');
    expect(weekDayOf('2026-W49', 2026)).toBe('Nov 30');
    expect(weekDayOf('2025-W49', 2026)).toBe('Dec 1, 2025');
  });

  it('are written as the page’s language writes them', () => {
    fakeBrowser.current._state.i18n.language = 'de';
    expect(weekRange('2026-W49').replace(/\s/g, ' ')).toBe('30. Nov. – 6. Dez.');
    expect(weekOf('2026-W45', 2026)).toBe('Woche vom 2. Nov. (KW 45)');
    expect(weekShort('2026-W46')).toBe('KW 46');
  });
});
