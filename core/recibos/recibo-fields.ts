import { fromDayOfYear } from './calendar-date.ts';
import { emisoraCheckDigit, referenciaControlDigits } from './control-digits.ts';
import type { Modalidad, ReciboBarcode } from './recibo.ts';
import { ReciboError } from './recibo-error.ts';

/** The digit groups of a recibo, however they arrived (scanned or typed); lengths already checked. */
export interface ReciboDigits {
  readonly modalidad: Modalidad;
  readonly emisora: string; // 6
  readonly referencia: string; // 10
  readonly referenciaControl: string; // 2
  readonly identificacion: string; // 7 or 10
  readonly importe: string; // 8 (barcode) or any digit string (typed)
}

/** The 2-digit ejercicio is read as 20xx: recibos the kiosk can still take were all issued after 2000. */
export const EJERCICIO_CENTURY = 2000;

/**
 * The fecha límite year from its last digit (§1.3: the code has only year digit + day of year).
 * Rule (ours; [VERIFY] the AEB rule): the one year ending in that digit within ejercicio − 1 …
 * ejercicio + 8. A due date falls at most a year before the devengo (advance collection) and up to
 * several years after it (late liquidations within the 4-year prescription period).
 */
export function resolveFechaLimiteYear(ejercicio: number, yearDigit: number): number {
  const first = ejercicio - 1;
  return first + ((((yearDigit - first) % 10) + 10) % 10);
}

/** Checks the referencia control digits, then decodes the identificación. */
export function assembleRecibo(digits: ReciboDigits): ReciboBarcode {
  const expected = referenciaControlDigits(
    digits.emisora,
    digits.referencia,
    digits.identificacion,
    digits.importe,
  );
  if (expected !== digits.referenciaControl) {
    throw new ReciboError(
      'recibo.referencia_control_mismatch',
      `referencia control digits: expected ${expected}, found ${digits.referenciaControl}`,
      { field: 'referencia' },
    );
  }
  const common = {
    emisora: digits.emisora,
    emisoraCheckDigitValid: emisoraCheckDigit(digits.emisora.slice(0, 5)) === digits.emisora.slice(5),
    referencia: digits.referencia,
    referenciaControl: digits.referenciaControl,
    identificacion: digits.identificacion,
    importeCents: Number(digits.importe),
  };
  const id = digits.identificacion;
  if (digits.modalidad === 1) {
    // §1.4: tributo (3) + ejercicio (2) + período (2).
    return {
      ...common,
      modalidad: 1,
      tributo: id.slice(0, 3),
      ejercicio: EJERCICIO_CENTURY + Number(id.slice(3, 5)),
      periodo: id.slice(5, 7),
    };
  }
  // §1.3: discriminante (1) + tributo (3) + ejercicio (2) + year digit (1) + day of year (3).
  const ejercicio = EJERCICIO_CENTURY + Number(id.slice(4, 6));
  const year = resolveFechaLimiteYear(ejercicio, Number(id.slice(6, 7)));
  const ordinal = Number(id.slice(7, 10));
  const fechaLimite = fromDayOfYear(year, ordinal);
  if (fechaLimite === undefined) {
    throw new ReciboError(
      'recibo.identificacion_invalid',
      `fecha límite day of year ${id.slice(7, 10)} does not exist in ${year}`,
      { field: 'identificacion' },
    );
  }
  return {
    ...common,
    modalidad: 2,
    discriminante: id.slice(0, 1),
    tributo: id.slice(1, 4),
    ejercicio,
    fechaLimite,
  };
}
