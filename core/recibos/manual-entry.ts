/**
 * A recibo typed by a person from the printed document (when the barcode does not scan): the same
 * fields, the same control digits, the same `ReciboError`s as a scan.
 */
import { MAX_IMPORTE_CENTS } from './cuaderno60.ts';
import { MoneyError } from './money-error.ts';
import { parseEuroAmount } from './money.ts';
import { IDENTIFICACION_LENGTH, type ReciboBarcode } from './recibo.ts';
import { ReciboError, type ReciboField } from './recibo-error.ts';
import { assembleRecibo } from './recibo-fields.ts';
import { type ReciboContext, validateRecibo } from './validation.ts';

export interface ManualReciboInput {
  /** 6 digits. */
  readonly emisora: string;
  /** 12 digits as printed: the 10 of the referencia and its 2 control digits. */
  readonly referencia: string;
  /** 10 digits (Modalidad 2) or 7 (Modalidad 1); the length tells the modalidad. */
  readonly identificacion: string;
  /** As printed or typed: `123,45`, `1.234,56`, `12.50`. */
  readonly importe: string;
}

/** People copy digits with the spacing and dashes of the print; keep the digits only if that is all. */
function typedDigits(value: unknown, field: ReciboField, lengths: readonly number[]): string {
  const digits = typeof value === 'string' ? value.replace(/[\s.-]/g, '') : '';
  if (!/^[0-9]+$/.test(digits) || !lengths.includes(digits.length)) {
    throw new ReciboError(
      'recibo.field_invalid',
      `${field}: expected ${lengths.join(' or ')} digits, got ${digits.length} characters`,
      { field },
    );
  }
  return digits;
}

/** Reads typed fields: lengths, importe, referencia control digits, identificación. */
export function parseManualRecibo(input: ManualReciboInput): ReciboBarcode {
  const emisora = typedDigits(input?.emisora, 'emisora', [6]);
  const referencia = typedDigits(input?.referencia, 'referencia', [12]);
  const identificacion = typedDigits(input?.identificacion, 'identificacion', [
    IDENTIFICACION_LENGTH[2],
    IDENTIFICACION_LENGTH[1],
  ]);
  let importeCents: number;
  try {
    importeCents = parseEuroAmount(typeof input?.importe === 'string' ? input.importe : '', {
      maxCents: MAX_IMPORTE_CENTS,
    });
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw new ReciboError('recibo.field_invalid', `importe: ${error.code}`, {
      field: 'importe',
      cause: error,
    });
  }
  return assembleRecibo({
    modalidad: identificacion.length === IDENTIFICACION_LENGTH[2] ? 2 : 1,
    emisora,
    referencia: referencia.slice(0, 10),
    referenciaControl: referencia.slice(10),
    identificacion,
    importe: String(importeCents),
  });
}

/** Typed fields, read and checked against the kiosk's context, exactly as `readReciboBarcode`. */
export function readManualRecibo(input: ManualReciboInput, context: ReciboContext): ReciboBarcode {
  return validateRecibo(parseManualRecibo(input), context);
}
