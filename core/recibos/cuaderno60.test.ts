import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInYear, fromDayOfYear } from './calendar-date.ts';
import {
  buildEmisora,
  buildReciboBarcode,
  MAX_IMPORTE_CENTS,
  normalizeScannedBarcode,
  parseReciboBarcode,
  type ReciboFields,
} from './cuaderno60.ts';
import { ReciboError, type ReciboErrorCode } from './recibo-error.ts';
import { resolveFechaLimiteYear } from './recibo-fields.ts';

const EXAMPLE_1 = '905212807932500001234461100255334000123450';
const EXAMPLE_2 = '905212807930000000001791100255334000001000';
const EXAMPLE_3 = '905210801962600000042781200266031000050000';
const EXAMPLE_M1 = '90502280793000012345682100250100004550';

function errorCode(run: () => unknown): ReciboErrorCode | 'no error' {
  try {
    run();
  } catch (error) {
    if (error instanceof ReciboError) return error.code;
    throw error;
  }
  return 'no error';
}

const DIGIT = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
const digitString = (length: number) => fc.string({ unit: DIGIT, minLength: length, maxLength: length });

const commonFields = {
  emisora: digitString(6),
  referencia: digitString(10),
  tributo: digitString(3),
  ejercicio: fc.integer({ min: 2000, max: 2099 }),
  importeCents: fc.integer({ min: 0, max: MAX_IMPORTE_CENTS }),
};

const modalidad1Fields: fc.Arbitrary<ReciboFields> = fc.record({
  ...commonFields,
  modalidad: fc.constant(1 as const),
  periodo: digitString(2),
});

const modalidad2Fields: fc.Arbitrary<ReciboFields> = fc
  .record({
    ...commonFields,
    discriminante: DIGIT,
    yearOffset: fc.integer({ min: -1, max: 8 }),
    ordinal: fc.integer({ min: 1, max: 366 }),
  })
  .map(({ yearOffset, ordinal, ...rest }) => {
    const year = rest.ejercicio + yearOffset;
    const fechaLimite = fromDayOfYear(year, Math.min(ordinal, daysInYear(year)))!;
    return { ...rest, modalidad: 2 as const, fechaLimite };
  });

const anyFields = fc.oneof(modalidad1Fields, modalidad2Fields);

/** Offsets of each data field inside the code (§1.3, §1.4). */
function fieldRanges(modalidad: 1 | 2): Record<string, [number, number]> {
  const idEnd = modalidad === 2 ? 33 : 30;
  return {
    emisora: [5, 11],
    referencia: [11, 21],
    control: [21, 23],
    identificacion: [23, idEnd],
    importe: [idEnd, idEnd + 8],
  };
}

function replaceDigit(code: string, at: number, step: number): string {
  return code.slice(0, at) + String((Number(code[at]) + step) % 10) + code.slice(at + 1);
}

describe('parseReciboBarcode: worked examples of spanish-formats.md §1.7', () => {
  it('example 1: Modalidad 2, 123,45 €, fecha límite 30-11-2025', () => {
    expect(parseReciboBarcode(EXAMPLE_1)).toEqual({
      modalidad: 2,
      emisora: '280793',
      emisoraCheckDigitValid: true,
      referencia: '2500001234',
      referenciaControl: '46',
      identificacion: '1100255334',
      discriminante: '1',
      tributo: '100',
      ejercicio: 2025,
      fechaLimite: { year: 2025, month: 11, day: 30 },
      importeCents: 12345,
    });
  });

  it('example 2: referencia 0000000001, 1,00 €', () => {
    expect(parseReciboBarcode(EXAMPLE_2)).toMatchObject({
      modalidad: 2,
      referencia: '0000000001',
      referenciaControl: '79',
      importeCents: 100,
      fechaLimite: { year: 2025, month: 11, day: 30 },
    });
  });

  it('example 3: emisora 080196, fecha límite 31-01-2026, 50,00 €', () => {
    expect(parseReciboBarcode(EXAMPLE_3)).toMatchObject({
      modalidad: 2,
      emisora: '080196',
      emisoraCheckDigitValid: true,
      referencia: '2600000042',
      referenciaControl: '78',
      tributo: '200',
      ejercicio: 2026,
      fechaLimite: { year: 2026, month: 1, day: 31 },
      importeCents: 5000,
    });
  });

  it('example 4: Modalidad 1, 38 digits, período 01, 45,50 €', () => {
    expect(parseReciboBarcode(EXAMPLE_M1)).toEqual({
      modalidad: 1,
      emisora: '280793',
      emisoraCheckDigitValid: true,
      referencia: '0000123456',
      referenciaControl: '82',
      identificacion: '1002501',
      tributo: '100',
      ejercicio: 2025,
      periodo: '01',
      importeCents: 4550,
    });
  });

  it('buildReciboBarcode rebuilds every example from its fields', () => {
    const fechaLimite = { year: 2025, month: 11, day: 30 };
    const common = { modalidad: 2, emisora: '280793', tributo: '100', ejercicio: 2025, fechaLimite } as const;
    expect(buildReciboBarcode({ ...common, referencia: '2500001234', importeCents: 12345 })).toBe(EXAMPLE_1);
    expect(buildReciboBarcode({ ...common, referencia: '0000000001', importeCents: 100 })).toBe(EXAMPLE_2);
    expect(
      buildReciboBarcode({
        modalidad: 2,
        emisora: buildEmisora('08019'),
        referencia: '2600000042',
        tributo: '200',
        ejercicio: 2026,
        fechaLimite: { year: 2026, month: 1, day: 31 },
        importeCents: 5000,
      }),
    ).toBe(EXAMPLE_3);
    expect(
      buildReciboBarcode({
        modalidad: 1,
        emisora: buildEmisora('28079'),
        referencia: '0000123456',
        tributo: '100',
        ejercicio: 2025,
        periodo: '01',
        importeCents: 4550,
      }),
    ).toBe(EXAMPLE_M1);
  });
});

describe('normalizeScannedBarcode (§1.1)', () => {
  it('strips the ]C1 / ]C0 symbology identifier, GS characters and whitespace', () => {
    expect(normalizeScannedBarcode(`]C1${EXAMPLE_1}`)).toBe(EXAMPLE_1);
    expect(normalizeScannedBarcode(`]C0${EXAMPLE_1}`)).toBe(EXAMPLE_1);
    expect(normalizeScannedBarcode(`\u001d${EXAMPLE_1}\r\n`)).toBe(EXAMPLE_1);
    expect(normalizeScannedBarcode(` ]C1 90521 280793 250000123446 1100255334 00012345 0\n`)).toBe(EXAMPLE_1);
  });

  it('parses what a scanner sends with those additions', () => {
    expect(parseReciboBarcode(`]C1${EXAMPLE_1}\r\n`).importeCents).toBe(12345);
    expect(parseReciboBarcode(`\u001d${EXAMPLE_M1}`).modalidad).toBe(1);
  });
});

describe('parseReciboBarcode: refusals', () => {
  it.each([
    ['empty', ''],
    ['letters', EXAMPLE_1.replace('2807', '28O7')],
    ['too short (41)', EXAMPLE_1.slice(0, 41)],
    ['too long (43)', `${EXAMPLE_1}0`],
    ['Modalidad 1 with 42 digits', `90502${EXAMPLE_1.slice(5)}`],
    ['unknown prefix', `91${EXAMPLE_1.slice(2)}`],
    ['padding digit not 0', `${EXAMPLE_1.slice(0, 41)}7`],
    ['a symbology identifier in the middle', `${EXAMPLE_1.slice(0, 10)}]C1${EXAMPLE_1.slice(10)}`],
  ])('%s → recibo.barcode_invalid', (_name, code) => {
    expect(errorCode(() => parseReciboBarcode(code))).toBe('recibo.barcode_invalid');
  });

  it.each(['90507', '90508', '90523'])('format %s → recibo.format_unsupported', (prefix) => {
    expect(errorCode(() => parseReciboBarcode(prefix + EXAMPLE_1.slice(5)))).toBe(
      'recibo.format_unsupported',
    );
  });

  it('a wrong referencia control → recibo.referencia_control_mismatch, with both values in detail', () => {
    const code = `${EXAMPLE_1.slice(0, 21)}47${EXAMPLE_1.slice(23)}`;
    try {
      parseReciboBarcode(code);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReciboError);
      const e = error as ReciboError;
      expect(e.code).toBe('recibo.referencia_control_mismatch');
      expect(e.message).toMatch(/^El control de la referencia no coincide/);
      expect(e.detail).toBe('referencia control digits: expected 46, found 47');
      expect(e.toJSON().code).toBe('recibo.referencia_control_mismatch');
    }
  });

  it('a day of year the year does not have → recibo.identificacion_invalid', () => {
    const base = {
      modalidad: 2,
      emisora: '280793',
      referencia: '2500001234',
      tributo: '100',
      ejercicio: 2025,
    } as const;
    // Build a valid code for 31-12-2025 (day 365), then make it day 366 / 000 with a fresh control.
    for (const day of ['366', '000', '999']) {
      const valid = buildReciboBarcode({
        ...base,
        fechaLimite: { year: 2025, month: 12, day: 31 },
        importeCents: 1,
      });
      const identificacion = `${valid.slice(23, 30)}${day}`;
      const rebuilt = forgeModalidad2(
        valid.slice(5, 11),
        valid.slice(11, 21),
        identificacion,
        valid.slice(33, 41),
      );
      expect(errorCode(() => parseReciboBarcode(rebuilt))).toBe('recibo.identificacion_invalid');
    }
    // 2024 is a leap year: day 366 is 31-12-2024.
    const leap = forgeModalidad2('280793', '2500001234', '1100244366', '00000100');
    expect(parseReciboBarcode(leap)).toMatchObject({ fechaLimite: { year: 2024, month: 12, day: 31 } });
  });
});

/** A Modalidad 2 code with a correct control for any identificación, even one the builder refuses. */
function forgeModalidad2(
  emisora: string,
  referencia: string,
  identificacion: string,
  importe: string,
): string {
  // Search the control digits instead of importing the function under test.
  for (let dc = 0; dc < 100; dc++) {
    const code = `90521${emisora}${referencia}${String(dc).padStart(2, '0')}${identificacion}${importe}0`;
    if (errorCode(() => parseReciboBarcode(code)) !== 'recibo.referencia_control_mismatch') return code;
  }
  throw new Error('no control digits found');
}

describe('resolveFechaLimiteYear (§1.3, [VERIFY] rule)', () => {
  it('picks the year ending in the digit within ejercicio − 1 … ejercicio + 8', () => {
    expect(resolveFechaLimiteYear(2025, 5)).toBe(2025);
    expect(resolveFechaLimiteYear(2025, 6)).toBe(2026);
    expect(resolveFechaLimiteYear(2025, 4)).toBe(2024);
    expect(resolveFechaLimiteYear(2025, 3)).toBe(2033);
    expect(resolveFechaLimiteYear(2020, 9)).toBe(2019);
    expect(resolveFechaLimiteYear(2020, 8)).toBe(2028);
  });
});

describe('buildReciboBarcode: refusals', () => {
  const valid = {
    modalidad: 2,
    emisora: '280793',
    referencia: '2500001234',
    tributo: '100',
    ejercicio: 2025,
    fechaLimite: { year: 2025, month: 11, day: 30 },
    importeCents: 12345,
  } as const;

  it.each([
    ['emisora', { emisora: '28079' }],
    ['referencia', { referencia: '25000012346' }],
    ['importe', { importeCents: MAX_IMPORTE_CENTS + 1 }],
    ['importe', { importeCents: 12.5 }],
    ['importe', { importeCents: -1 }],
    ['identificacion', { tributo: '1000' }],
    ['identificacion', { ejercicio: 1999 }],
    ['fechaLimite', { fechaLimite: { year: 2034, month: 1, day: 1 } }],
    ['fechaLimite', { fechaLimite: { year: 2023, month: 12, day: 31 } }],
    ['fechaLimite', { fechaLimite: { year: 2025, month: 2, day: 29 } }],
  ])('a bad %s → recibo.field_invalid', (field, change) => {
    try {
      buildReciboBarcode({ ...valid, ...change });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReciboError);
      expect((error as ReciboError).code).toBe('recibo.field_invalid');
      expect((error as ReciboError).field).toBe(field);
    }
  });
});

describe('properties', () => {
  it('parse(build(fields)) gives the fields back', () => {
    fc.assert(
      fc.property(anyFields, (fields) => {
        const code = buildReciboBarcode(fields);
        expect(code).toHaveLength(fields.modalidad === 2 ? 42 : 38);
        const parsed = parseReciboBarcode(code);
        const { discriminante, ...rest } =
          fields.modalidad === 2 ? fields : { ...fields, discriminante: undefined };
        expect(parsed).toMatchObject(rest);
        if (parsed.modalidad === 2) expect(parsed.discriminante).toBe(discriminante ?? '1');
        expect(buildReciboBarcode(fields)).toBe(code);
      }),
      { numRuns: 500 },
    );
  });

  it('every single changed digit in emisora, referencia, its control, identificación or importe is caught', () => {
    // Guaranteed by the mod-97 control: see referenciaControlDigits.
    fc.assert(
      fc.property(
        anyFields,
        fc.constantFrom('emisora', 'referencia', 'control', 'identificacion', 'importe'),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (fields, field, where, step) => {
          const code = buildReciboBarcode(fields);
          const [start, end] = fieldRanges(fields.modalidad)[field]!;
          const changed = replaceDigit(code, start + (where % (end - start)), step);
          expect(errorCode(() => parseReciboBarcode(changed))).toBe('recibo.referencia_control_mismatch');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('every swap of two different adjacent digits inside one data field is caught', () => {
    fc.assert(
      fc.property(
        anyFields,
        fc.constantFrom('emisora', 'referencia', 'identificacion', 'importe'),
        fc.nat(),
        (fields, field, where) => {
          const code = buildReciboBarcode(fields);
          const [start, end] = fieldRanges(fields.modalidad)[field]!;
          const at = start + (where % (end - start - 1));
          fc.pre(code[at] !== code[at + 1]);
          const swapped = code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);
          expect(errorCode(() => parseReciboBarcode(swapped))).toBe('recibo.referencia_control_mismatch');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a changed digit in the prefix or the padding never parses', () => {
    fc.assert(
      fc.property(anyFields, fc.nat(), fc.integer({ min: 1, max: 9 }), (fields, where, step) => {
        const code = buildReciboBarcode(fields);
        const places = fields.modalidad === 2 ? [0, 1, 2, 3, 4, 41] : [0, 1, 2, 3, 4];
        const changed = replaceDigit(code, places[where % places.length]!, step);
        expect(['recibo.barcode_invalid', 'recibo.format_unsupported']).toContain(
          errorCode(() => parseReciboBarcode(changed)),
        );
      }),
    );
  });

  it('known limit: +1 in the identificación and −1 in the importe cancel out (they are summed)', () => {
    const tampered = `${EXAMPLE_1.slice(0, 32)}5${EXAMPLE_1.slice(33, 40)}4${EXAMPLE_1.slice(41)}`;
    expect(parseReciboBarcode(tampered)).toMatchObject({ identificacion: '1100255335', importeCents: 12344 });
  });

  it('arbitrary input never throws anything but ReciboError', () => {
    const nearlyValid = fc
      .tuple(
        fc.constantFrom('90521', '90502', '90523', ']C190521', ''),
        fc.string({ unit: DIGIT, maxLength: 45 }),
      )
      .map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nearlyValid), (input) => {
        try {
          parseReciboBarcode(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ReciboError);
        }
      }),
      { numRuns: 1000 },
    );
    for (const junk of [undefined, null, 42, {}, []]) {
      expect(errorCode(() => parseReciboBarcode(junk as unknown as string))).toBe('recibo.barcode_invalid');
    }
  });
});
