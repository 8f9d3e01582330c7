/**
 * Cuaderno 60 recibo barcodes, Modalidad 1 (`90502`, 38 digits) and Modalidad 2 (`90521`, 42 digits):
 * spanish-formats.md §1.1-1.4 for the layout, §1.6 for the control digits.
 */
import { type CalendarDate, dayOfYear, isValidCalendarDate } from './calendar-date.ts';
import { emisoraCheckDigit, referenciaControlDigits } from './control-digits.ts';
import type { Cents } from './money.ts';
import {
  IDENTIFICACION_LENGTH,
  RECIBO_LENGTH,
  RECIBO_PREFIX,
  type ReciboBarcode,
  UNSUPPORTED_PREFIXES,
} from './recibo.ts';
import { ReciboError, type ReciboField } from './recibo-error.ts';
import { assembleRecibo, EJERCICIO_CENTURY, resolveFechaLimiteYear } from './recibo-fields.ts';

/** Largest importe the 8-digit field holds: 999.999,99 €. */
export const MAX_IMPORTE_CENTS = 99_999_999;

const ONLY_DIGITS = /^[0-9]+$/;

/** ASCII GS (29), how some scanners in keyboard mode send the FNC1 of GS1-128. */
const GROUP_SEPARATOR = String.fromCharCode(0x1d);

/**
 * What a scanner sends, reduced to the code's digits (§1.1): whitespace anywhere (a keyboard wedge adds
 * CR/LF, people add spaces), the GS character (ASCII 29) some scanners send for FNC1, and a leading AIM
 * symbology identifier `]C1` (GS1-128) or `]C0` (plain Code 128).
 */
export function normalizeScannedBarcode(raw: string): string {
  const compact = raw.replace(/\s/g, '').replaceAll(GROUP_SEPARATOR, '');
  return compact.startsWith(']C1') || compact.startsWith(']C0') ? compact.slice(3) : compact;
}

/**
 * Reads a scanned recibo: layout, padding digit and referencia control digits. Says nothing about
 * whether this kiosk may collect it; `validateRecibo` does that. Throws only `ReciboError`.
 */
export function parseReciboBarcode(raw: string): ReciboBarcode {
  if (typeof raw !== 'string') {
    throw new ReciboError('recibo.barcode_invalid', `expected a string, got ${typeof raw}`);
  }
  const code = normalizeScannedBarcode(raw);
  if (!ONLY_DIGITS.test(code)) {
    throw new ReciboError(
      'recibo.barcode_invalid',
      `${code.length} characters after normalising, not all digits`,
    );
  }
  const prefix = code.slice(0, 5);
  const modalidad = prefix === RECIBO_PREFIX[2] ? 2 : prefix === RECIBO_PREFIX[1] ? 1 : undefined;
  if (modalidad === undefined) {
    if (UNSUPPORTED_PREFIXES.includes(prefix)) {
      throw new ReciboError(
        'recibo.format_unsupported',
        `Cuaderno 60 format ${prefix.slice(2)} not collected`,
      );
    }
    throw new ReciboError('recibo.barcode_invalid', `unknown prefix (length ${code.length})`);
  }
  if (code.length !== RECIBO_LENGTH[modalidad]) {
    throw new ReciboError(
      'recibo.barcode_invalid',
      `${prefix}: expected ${RECIBO_LENGTH[modalidad]} digits, got ${code.length}`,
    );
  }
  const idEnd = 23 + IDENTIFICACION_LENGTH[modalidad];
  // §1.1: Modalidad 2's 41 data digits are padded with a `0` for Code 128 subset C.
  if (modalidad === 2 && code[41] !== '0') {
    throw new ReciboError(
      'recibo.barcode_invalid',
      `90521: padding digit at offset 41 is ${code[41]}, not 0`,
    );
  }
  return assembleRecibo({
    modalidad,
    emisora: code.slice(5, 11),
    referencia: code.slice(11, 21),
    referenciaControl: code.slice(21, 23),
    identificacion: code.slice(23, idEnd),
    importe: code.slice(idEnd, idEnd + 8),
  });
}

interface ReciboFieldsCommon {
  /** 6 digits, check digit included (see `buildEmisora`). */
  readonly emisora: string;
  /** The issuer's 10 digits; the builder appends the control digits. */
  readonly referencia: string;
  /** 3 digits. */
  readonly tributo: string;
  /** Full year, 2000-2099. */
  readonly ejercicio: number;
  /** 0 … 99 999 999. */
  readonly importeCents: Cents;
}

/** What `buildReciboBarcode` needs: the issuer's choices, without control digits. */
export type ReciboFields =
  | (ReciboFieldsCommon & { readonly modalidad: 1; readonly periodo: string })
  | (ReciboFieldsCommon & {
      readonly modalidad: 2;
      /** Must fall in ejercicio − 1 … ejercicio + 8 so that it decodes to itself (§1.3). */
      readonly fechaLimite: CalendarDate;
      /** Defaults to `1`, the only value the sources use. */
      readonly discriminante?: string;
    });

function requireDigitField(value: unknown, length: number, field: ReciboField, what: string): string {
  if (typeof value !== 'string' || value.length !== length || !ONLY_DIGITS.test(value)) {
    throw new ReciboError('recibo.field_invalid', `${what}: expected ${length} digits`, { field });
  }
  return value;
}

/** The identificación digits of the given fields (§1.3, §1.4). */
export function encodeIdentificacion(fields: ReciboFields): string {
  const tributo = requireDigitField(fields.tributo, 3, 'identificacion', 'tributo');
  const { ejercicio } = fields;
  if (!Number.isInteger(ejercicio) || ejercicio < EJERCICIO_CENTURY || ejercicio > EJERCICIO_CENTURY + 99) {
    throw new ReciboError('recibo.field_invalid', `ejercicio ${ejercicio} outside 2000-2099`, {
      field: 'identificacion',
    });
  }
  const ejercicio2 = String(ejercicio - EJERCICIO_CENTURY).padStart(2, '0');
  if (fields.modalidad === 1) {
    return tributo + ejercicio2 + requireDigitField(fields.periodo, 2, 'periodo', 'período');
  }
  const discriminante = requireDigitField(fields.discriminante ?? '1', 1, 'identificacion', 'discriminante');
  const { fechaLimite } = fields;
  if (
    !isValidCalendarDate(fechaLimite) ||
    resolveFechaLimiteYear(ejercicio, fechaLimite.year % 10) !== fechaLimite.year
  ) {
    throw new ReciboError(
      'recibo.field_invalid',
      `fecha límite must be a real date in ejercicio − 1 … ejercicio + 8 (ejercicio ${ejercicio})`,
      { field: 'fechaLimite' },
    );
  }
  return (
    discriminante +
    tributo +
    ejercicio2 +
    String(fechaLimite.year % 10) +
    String(dayOfYear(fechaLimite)).padStart(3, '0')
  );
}

/** An emisora from its 5 assigned digits (INE province + municipality), with the §1.6 check digit. */
export function buildEmisora(base5: string): string {
  return base5 + emisoraCheckDigit(base5);
}

/**
 * The barcode digits of a recibo, control digits and padding computed; for tests and simulators.
 * Throws `ReciboError` (`recibo.field_invalid`) for fields that do not fit the format.
 */
export function buildReciboBarcode(fields: ReciboFields): string {
  const emisora = requireDigitField(fields.emisora, 6, 'emisora', 'emisora');
  const referencia = requireDigitField(fields.referencia, 10, 'referencia', 'referencia');
  const { importeCents } = fields;
  if (!Number.isSafeInteger(importeCents) || importeCents < 0 || importeCents > MAX_IMPORTE_CENTS) {
    throw new ReciboError('recibo.field_invalid', 'importe must be 0 … 99 999 999 cents', {
      field: 'importe',
    });
  }
  const identificacion = encodeIdentificacion(fields);
  const importe = String(importeCents).padStart(8, '0');
  const control = referenciaControlDigits(emisora, referencia, identificacion, importe);
  const data = RECIBO_PREFIX[fields.modalidad] + emisora + referencia + control + identificacion + importe;
  // §1.1: Code 128 subset C needs an even digit count.
  return data.length % 2 === 0 ? data : `${data}0`;
}
