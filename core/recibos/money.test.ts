import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToDecimalString, formatEuros, KIOSK_LANGUAGES, parseEuroAmount } from './money.ts';
import { MoneyError, type MoneyErrorCode } from './money-error.ts';

const NBSP = '\u00a0';

function codeOf(run: () => unknown): MoneyErrorCode | 'no error' {
  try {
    run();
  } catch (error) {
    if (error instanceof MoneyError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('formatEuros (exact strings of Node 24.21 / ICU 78)', () => {
  it.each([
    ['es', 123456, `1.234,56${NBSP}€`],
    ['es', 1234567, `12.345,67${NBSP}€`],
    ['es', 123456789, `1.234.567,89${NBSP}€`],
    ['es', 50, `0,50${NBSP}€`],
    ['es', 5, `0,05${NBSP}€`],
    ['es', 0, `0,00${NBSP}€`],
    ['es', -500, `-5,00${NBSP}€`],
    ['ca', 123456, `1.234,56${NBSP}€`],
    ['gl', 123456, `1.234,56${NBSP}€`],
    ['eu', 123456, `1.234,56${NBSP}€`],
    ['eu', -500, `\u22125,00${NBSP}€`],
    ['en', 123456, '€1,234.56'],
    ['en', 50, '€0.50'],
    ['en', -123450, '-€1,234.50'],
  ] as const)('%s %d → %s', (language, cents, expected) => {
    expect(formatEuros(cents, language)).toBe(expected);
  });

  it('defaults to Spanish and groups 4-digit euros (CLDR min grouping 2 overridden, §7)', () => {
    expect(formatEuros(100000)).toBe(`1.000,00${NBSP}€`);
  });

  it('is exact up to Number.MAX_SAFE_INTEGER cents (no float in between)', () => {
    expect(formatEuros(Number.MAX_SAFE_INTEGER)).toBe(`90.071.992.547.409,91${NBSP}€`);
    expect(centsToDecimalString(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(centsToDecimalString(-7)).toBe('-0.07');
  });

  it('refuses values that are not integer cents', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(codeOf(() => formatEuros(bad))).toBe('money.cents_invalid');
    }
  });
});

describe('parseEuroAmount', () => {
  it.each([
    ['12,50', 1250],
    ['12.50', 1250],
    ['12,5', 1250],
    ['12.5', 1250],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1234,56', 123456],
    ['1234', 123400],
    ['0,05', 5],
    [',50', 50],
    ['007', 700],
    ['1.234.567', 123456700],
    ['1,234,567', 123456700],
    ['1.234.567,8', 123456780],
    ['12,50 €', 1250],
    [`1.234,56${NBSP}€`, 123456],
    ['€1,234.56', 123456],
    ['  99  ', 9900],
  ])('%s → %d cents', (text, cents) => {
    expect(parseEuroAmount(text)).toBe(cents);
  });

  it.each([
    ['', 'money.amount_empty'],
    ['  € ', 'money.amount_empty'],
    ['1.234', 'money.amount_ambiguous'],
    ['1,234', 'money.amount_ambiguous'],
    ['999.000', 'money.amount_ambiguous'],
    ['12,345', 'money.amount_ambiguous'],
    ['1234,567', 'money.too_many_decimals'],
    ['0.125', 'money.too_many_decimals'],
    ['1.234,567', 'money.too_many_decimals'],
    ['-12,50', 'money.amount_invalid'],
    ['+12,50', 'money.amount_invalid'],
    ['12 50', 'money.amount_invalid'],
    ['12,', 'money.amount_invalid'],
    [',', 'money.amount_invalid'],
    ['1,2,3', 'money.amount_invalid'],
    ['12.34,56', 'money.amount_invalid'],
    ['1.234,56,7', 'money.amount_invalid'],
    ['1e3', 'money.amount_invalid'],
    ['doce', 'money.amount_invalid'],
    ['١٢', 'money.amount_invalid'],
    ['90071992547409,92', 'money.amount_too_large'],
  ])('%s → %s', (text, code) => {
    expect(codeOf(() => parseEuroAmount(text))).toBe(code);
  });

  it('applies maxCents', () => {
    expect(parseEuroAmount('999.999,99', { maxCents: 99_999_999 })).toBe(99_999_999);
    expect(codeOf(() => parseEuroAmount('1.000.000', { maxCents: 99_999_999 }))).toBe(
      'money.amount_too_large',
    );
  });

  it('has Spanish messages', () => {
    try {
      parseEuroAmount('1.234');
      expect.unreachable();
    } catch (error) {
      expect((error as MoneyError).message).toMatch(/^No está claro el importe/);
    }
  });

  it('property: reads back what formatEuros writes, in every kiosk language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(...KIOSK_LANGUAGES),
        (c, l) => {
          expect(parseEuroAmount(formatEuros(c, l))).toBe(c);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: euros,cents typed with either decimal mark', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(',', '.'),
        (e, c, mark) => {
          expect(parseEuroAmount(`${e}${mark}${String(c).padStart(2, '0')}`)).toBe(e * 100 + c);
        },
      ),
    );
  });

  it('property: arbitrary text never throws anything but MoneyError', () => {
    const amountish = fc.string({
      unit: fc.constantFrom('1', '0', '9', '.', ',', ' ', '€', '-'),
      maxLength: 20,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), amountish), (text) => {
        try {
          const cents = parseEuroAmount(text);
          expect(Number.isSafeInteger(cents) && cents >= 0).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(MoneyError);
        }
      }),
      { numRuns: 1000 },
    );
    expect(codeOf(() => parseEuroAmount(12 as unknown as string))).toBe('money.amount_invalid');
  });
});
