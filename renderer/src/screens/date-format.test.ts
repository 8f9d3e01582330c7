import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../../core/api/contract.ts';
import { basqueYearSuffix, formatLongDate, fromTables } from './date-format.ts';

describe('long dates on the session screens', () => {
  it('writes a day in each language’s own form', () => {
    expect(formatLongDate('2027-02-23', 'es')).toBe('23 de febrero de 2027');
    expect(formatLongDate('2027-02-23', 'ca')).toBe('23 de febrer del 2027');
    expect(formatLongDate('2027-10-01', 'ca')).toBe('1 d’octubre del 2027');
    expect(formatLongDate('2027-02-23', 'gl')).toBe('23 de febreiro de 2027');
    expect(formatLongDate('2027-02-23', 'eu')).toBe('2027ko otsailaren 23');
    expect(formatLongDate('2021-12-31', 'eu')).toBe('2021eko abenduaren 31');
    expect(formatLongDate('2027-02-23', 'en')).toBe('23 February 2027');
  });

  it('picks the Basque suffix by how the year is read', () => {
    expect([2020, 2021, 2025, 2030, 2035, 2040, 2011, 2000, 2100].map(basqueYearSuffix)).toEqual([
      'ko',
      'eko',
      'eko',
      'eko',
      'eko',
      'ko',
      'ko',
      'ko',
      'eko',
    ]);
  });

  it('never leaves CLDR placeholders nor shifts the day, whatever the date (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...LANGUAGE_CODES),
        (date, language) => {
          const iso = date.toISOString().slice(0, 10);
          const text = formatLongDate(iso, language);
          const day = String(Number(iso.slice(8, 10)));
          return (
            !text.includes('(') && text.includes(iso.slice(0, 4)) && new RegExp(`\\b${day}\\b`).test(text)
          );
        },
      ),
    );
  });

  it('falls back to the same text as Node’s full ICU where a runtime lacks the language (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...LANGUAGE_CODES),
        (date, language) => {
          const iso = date.toISOString().slice(0, 10);
          return fromTables(new Date(`${iso}T00:00:00Z`), language) === formatLongDate(iso, language);
        },
      ),
      { numRuns: 500 },
    );
  });
});
