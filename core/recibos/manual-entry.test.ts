import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInYear, fromDayOfYear } from './calendar-date.ts';
import { buildReciboBarcode, MAX_IMPORTE_CENTS, parseReciboBarcode } from './cuaderno60.ts';
import { parseManualRecibo, readManualRecibo } from './manual-entry.ts';
import { MoneyError } from './money-error.ts';
import { ReciboError } from './recibo-error.ts';

const EXAMPLE_1 = '905212807932500001234461100255334000123450';
const EXAMPLE_M1 = '90502280793000012345682100250100004550';

const typedExample1 = {
  emisora: '280793',
  referencia: '2500001234 46',
  identificacion: '1100255334',
  importe: '123,45',
};

function errorOf(run: () => unknown): ReciboError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReciboError) return error;
    throw error;
  }
  throw new Error('expected a ReciboError');
}

describe('parseManualRecibo', () => {
  it('reads the fields of example 1 as printed into the same recibo as the scan', () => {
    expect(parseManualRecibo(typedExample1)).toEqual(parseReciboBarcode(EXAMPLE_1));
  });

  it('tells Modalidad 1 by its 7-digit identificación', () => {
    const typed = {
      emisora: '280793',
      referencia: '000012345682',
      identificacion: '100 25 01',
      importe: '45.50',
    };
    expect(parseManualRecibo(typed)).toEqual(parseReciboBarcode(EXAMPLE_M1));
  });

  it('accepts the spacing, dots and dashes people copy from the print', () => {
    const typed = {
      ...typedExample1,
      emisora: '28079-3',
      referencia: '2500.0012.34-46',
      importe: ' 123,45 € ',
    };
    expect(parseManualRecibo(typed).referenciaControl).toBe('46');
  });

  it.each([
    ['emisora', { emisora: '28079' }],
    ['emisora', { emisora: '28O793' }],
    ['referencia', { referencia: '2500001234' }],
    ['identificacion', { identificacion: '11002553' }],
    ['importe', { importe: '' }],
    ['importe', { importe: '12,345' }],
    ['importe', { importe: '1.000.000,00' }], // above the 8-digit field
  ])('a bad %s → recibo.field_invalid naming the field', (field, change) => {
    const error = errorOf(() => parseManualRecibo({ ...typedExample1, ...change }));
    expect(error.code).toBe('recibo.field_invalid');
    expect(error.field).toBe(field);
  });

  it('keeps the money error as the cause of a bad importe', () => {
    const error = errorOf(() => parseManualRecibo({ ...typedExample1, importe: '1.234' }));
    expect(error.cause).toBeInstanceOf(MoneyError);
    expect((error.cause as MoneyError).code).toBe('money.amount_ambiguous');
  });

  it('checks the referencia control like a scan', () => {
    expect(errorOf(() => parseManualRecibo({ ...typedExample1, importe: '123,46' })).code).toBe(
      'recibo.referencia_control_mismatch',
    );
    expect(errorOf(() => parseManualRecibo({ ...typedExample1, referencia: '250000123447' })).code).toBe(
      'recibo.referencia_control_mismatch',
    );
  });

  it('readManualRecibo applies the same context rules', () => {
    const context = { acceptedEmisoras: ['280793'], today: { year: 2025, month: 12, day: 1 } };
    expect(errorOf(() => readManualRecibo(typedExample1, context)).code).toBe('recibo.expired');
    expect(
      readManualRecibo(typedExample1, { ...context, today: { year: 2025, month: 1, day: 1 } }).importeCents,
    ).toBe(12345);
    expect(errorOf(() => readManualRecibo(typedExample1, { ...context, acceptedEmisoras: [] })).code).toBe(
      'recibo.emisora_not_accepted',
    );
  });

  it('property: typing the printed fields of any built recibo gives the scanned recibo', () => {
    const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    const digits = (n: number) => fc.string({ unit: digit, minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        digits(6),
        digits(10),
        digits(3),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 366 }),
        fc.integer({ min: 0, max: MAX_IMPORTE_CENTS }),
        (emisora, referencia, tributo, ejercicio, ordinal, importeCents) => {
          const fechaLimite = fromDayOfYear(ejercicio, Math.min(ordinal, daysInYear(ejercicio)))!;
          const code = buildReciboBarcode({
            modalidad: 2,
            emisora,
            referencia,
            tributo,
            ejercicio,
            fechaLimite,
            importeCents,
          });
          const euros = `${Math.floor(importeCents / 100)},${String(importeCents % 100).padStart(2, '0')}`;
          const typed = {
            emisora,
            referencia: code.slice(11, 23),
            identificacion: code.slice(23, 33),
            importe: euros,
          };
          expect(parseManualRecibo(typed)).toEqual(parseReciboBarcode(code));
        },
      ),
    );
  });

  it('property: arbitrary typed text never throws anything but ReciboError', () => {
    const field = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('1', '2', ' ', '.', ',', '-'), maxLength: 14 }),
    );
    fc.assert(
      fc.property(
        fc.record({ emisora: field, referencia: field, identificacion: field, importe: field }),
        (input) => {
          try {
            parseManualRecibo(input);
          } catch (error) {
            expect(error).toBeInstanceOf(ReciboError);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(errorOf(() => parseManualRecibo(undefined as never)).code).toBe('recibo.field_invalid');
  });
});
