import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addYears, ageOn, dayNumber, isoFromDayNumber, parseIsoDate } from './dates.ts';

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('civil dates', () => {
  it('day numbers round-trip', () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        expect(isoFromDayNumber(dayNumber(iso))).toBe(iso);
      }),
    );
  });

  it('someone is n years old on the n-th anniversary and n − 1 the day before', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 100 }), (birth, n) => {
        const anniversary = addYears(birth, n);
        expect(ageOn(birth, anniversary)).toBe(
          birth.endsWith('-02-29') && !anniversary.endsWith('-02-29') ? n - 1 : n,
        );
        expect(ageOn(birth, isoFromDayNumber(dayNumber(anniversary) - 1))).toBe(n - 1);
      }),
    );
  });

  it('refuses dates that do not exist', () => {
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2026-13-01')).toBeUndefined();
    expect(parseIsoDate('26-01-01')).toBeUndefined();
  });
});
