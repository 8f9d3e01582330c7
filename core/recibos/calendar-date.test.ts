import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareCalendarDates,
  dayOfYear,
  daysInYear,
  formatIsoDate,
  fromDayOfYear,
  isLeapYear,
  isValidCalendarDate,
} from './calendar-date.ts';

describe('calendar dates', () => {
  it('knows the Gregorian leap years', () => {
    expect([2024, 2025, 2000, 2100, 1900].map(isLeapYear)).toEqual([true, false, true, false, false]);
  });

  it('numbers the days of the year as Cuaderno 60 does (§1.3)', () => {
    expect(dayOfYear({ year: 2025, month: 11, day: 30 })).toBe(334);
    expect(dayOfYear({ year: 2026, month: 1, day: 31 })).toBe(31);
    expect(dayOfYear({ year: 2024, month: 12, day: 31 })).toBe(366);
    expect(fromDayOfYear(2024, 60)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(fromDayOfYear(2025, 60)).toEqual({ year: 2025, month: 3, day: 1 });
    expect([0, 366, 367, 1.5].map((n) => fromDayOfYear(2025, n))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('validates, compares and prints dates', () => {
    expect(isValidCalendarDate({ year: 2025, month: 2, day: 29 })).toBe(false);
    expect(isValidCalendarDate({ year: 2024, month: 2, day: 29 })).toBe(true);
    expect(isValidCalendarDate({ year: 2025, month: 13, day: 1 })).toBe(false);
    expect(
      compareCalendarDates({ year: 2025, month: 12, day: 1 }, { year: 2025, month: 11, day: 30 }),
    ).toBeGreaterThan(0);
    expect(formatIsoDate({ year: 2025, month: 1, day: 5 })).toBe('2025-01-05');
  });

  it('property: fromDayOfYear and dayOfYear are inverse, and agree with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 366 }), (year, n) => {
        const ordinal = Math.min(n, daysInYear(year));
        const date = fromDayOfYear(year, ordinal)!;
        expect(isValidCalendarDate(date)).toBe(true);
        expect(dayOfYear(date)).toBe(ordinal);
        const utc = new Date(Date.UTC(year, 0, ordinal));
        expect([utc.getUTCMonth() + 1, utc.getUTCDate()]).toEqual([date.month, date.day]);
      }),
    );
  });
});
