import { describe, expect, it } from 'vitest';
import { buildReciboBarcode } from './cuaderno60.ts';
import { ReciboError, type ReciboErrorCode } from './recibo-error.ts';
import { type ReciboContext, readReciboBarcode } from './validation.ts';

const EXAMPLE_1 = '905212807932500001234461100255334000123450'; // M2, limit 30-11-2025, 123,45 €
const EXAMPLE_3 = '905210801962600000042781200266031000050000'; // M2, emisora 080196
const EXAMPLE_M1 = '90502280793000012345682100250100004550';

const madrid: ReciboContext = {
  acceptedEmisoras: new Set(['280793']),
  today: { year: 2025, month: 11, day: 23 },
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

function codeOf(run: () => unknown): ReciboErrorCode {
  return errorOf(run).code;
}

describe('readReciboBarcode against the kiosk context', () => {
  it('accepts a whitelisted, in-time, non-zero recibo', () => {
    expect(readReciboBarcode(EXAMPLE_1, madrid)).toMatchObject({ emisora: '280793', importeCents: 12345 });
  });

  it('takes the whitelist as an array too', () => {
    expect(readReciboBarcode(EXAMPLE_3, { ...madrid, acceptedEmisoras: ['280793', '080196'] }).emisora).toBe(
      '080196',
    );
  });

  it('refuses an emisora of another municipality', () => {
    const error = errorOf(() => readReciboBarcode(EXAMPLE_3, madrid));
    expect(error.code).toBe('recibo.emisora_not_accepted');
    expect(error.message).toMatch(/^Emisora no admitida en este municipio/);
    expect(error.field).toBe('emisora');
  });

  it('takes Modalidad 2 up to and including its fecha límite, refuses it the day after', () => {
    expect(
      readReciboBarcode(EXAMPLE_1, { ...madrid, today: { year: 2025, month: 11, day: 30 } }).modalidad,
    ).toBe(2);
    const late = errorOf(() =>
      readReciboBarcode(EXAMPLE_1, { ...madrid, today: { year: 2025, month: 12, day: 1 } }),
    );
    expect(late.code).toBe('recibo.expired');
    expect(late.message).toMatch(/^Recibo fuera de plazo/);
    expect(late.detail).toBe('fecha límite 2025-11-30, today 2025-12-01');
    expect(
      codeOf(() => readReciboBarcode(EXAMPLE_1, { ...madrid, today: { year: 2026, month: 1, day: 1 } })),
    ).toBe('recibo.expired');
  });

  it('never expires a Modalidad 1 recibo (no date in the code)', () => {
    expect(
      readReciboBarcode(EXAMPLE_M1, { ...madrid, today: { year: 2031, month: 1, day: 1 } }).importeCents,
    ).toBe(4550);
  });

  it('refuses a zero importe', () => {
    const zero = buildReciboBarcode({
      modalidad: 1,
      emisora: '280793',
      referencia: '0000000007',
      tributo: '100',
      ejercicio: 2025,
      periodo: '01',
      importeCents: 0,
    });
    expect(codeOf(() => readReciboBarcode(zero, madrid))).toBe('recibo.importe_zero');
  });

  it('reports a bad code before asking the context', () => {
    expect(codeOf(() => readReciboBarcode('hola', madrid))).toBe('recibo.barcode_invalid');
  });
});
